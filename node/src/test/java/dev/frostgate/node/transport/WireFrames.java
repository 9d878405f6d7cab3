package dev.frostgate.node.transport;

import com.google.protobuf.ByteString;
import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.engine.dkg.DkgSessionId;
import dev.frostgate.engine.dkg.DkgSignatures;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.wire.EngineMessages;
import dev.frostgate.engine.wire.EnvelopeCodec;
import dev.frostgate.engine.wire.EnvelopeSealer;
import dev.frostgate.engine.wire.IdentityKeys;
import dev.frostgate.engine.wire.WireLimits;
import dev.frostgate.engine.wire.proto.Envelope;
import dev.frostgate.engine.wire.proto.SignedEnvelope;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Real signed envelopes of a few validators, as their sealers put them on the wire. */
final class WireFrames {
  static final SecureRandom RND = new SecureRandom();
  static final WireLimits LIMITS = WireLimits.DEFAULT;
  static final RequestId REQUEST = new RequestId("gate-request-1");
  static final DkgSessionId DKG =
      new DkgSessionId("gate-dkg", List.of(Identifier.of(1), Identifier.of(2), Identifier.of(3)));

  final Map<Integer, SecretScalar> identity = new TreeMap<>();
  final Map<Integer, EnvelopeSealer> sealers = new TreeMap<>();
  final long[] now = {1_750_000_000_000L};

  WireFrames(int validators) {
    for (int id = 1; id <= validators; id++) {
      SecretScalar key = SecretScalar.random(RND);
      identity.put(id, key);
      sealers.put(id, new EnvelopeSealer(id, key, RND, LIMITS));
    }
  }

  IdentityKeys keys() {
    Map<Integer, Point> points = new TreeMap<>();
    identity.forEach((id, k) -> points.put(id, k.publicPoint()));
    return IdentityKeys.ofPoints(points);
  }

  /** A gate of one validator that knows {@link #REQUEST}, on this fixture's clock. */
  InboundGate gate() {
    ByteString known = ByteString.copyFrom(REQUEST.hash());
    return InboundGate.of(
        keys(),
        LIMITS,
        () -> now[0],
        h -> h.equals(known) ? Optional.of(REQUEST) : Optional.empty());
  }

  static Message proposal(RequestId request) {
    return Message.Proposal.of(request, 0, new byte[] {1, 2, 3}, List.of(new byte[32]));
  }

  byte[] engine(int sender, Message m) {
    return sealers.get(sender).seal(m, now[0]);
  }

  /** Validator {@code sender} asks validator 1 to re-send its DKG share. */
  byte[] dkgShareRequest(int sender) {
    DkgMessage m =
        DkgSignatures.shareRequest(
            DKG, Identifier.of(sender), Identifier.of(1), identity.get(sender), RND);
    return sealers.get(sender).seal(m, now[0]);
  }

  /**
   * A proposal envelope of another wire version, correctly signed by {@code sender} (what a peer
   * running other software sends; {@link EnvelopeCodec#sign} only writes the current version).
   */
  byte[] otherVersion(int sender, int version) {
    Envelope current = EngineMessages.envelope(proposal(REQUEST), sender, 1, now[0]);
    byte[] bytes = current.toBuilder().setVersion(version).build().toByteArray();
    byte[] aux = new byte[32];
    RND.nextBytes(aux);
    byte[] signature =
        Bip340KeyPair.of(identity.get(sender)).sign(EnvelopeCodec.digest(bytes), aux);
    return SignedEnvelope.newBuilder()
        .setEnvelope(ByteString.copyFrom(bytes))
        .setSignature(ByteString.copyFrom(signature))
        .build()
        .toByteArray();
  }
}
