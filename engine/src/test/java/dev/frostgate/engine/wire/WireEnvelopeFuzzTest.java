package dev.frostgate.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.wire.proto.DkgSessionRef;
import dev.frostgate.engine.wire.proto.Envelope;
import dev.frostgate.engine.wire.proto.SignedEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of everything a validator does with the bytes a peer sends: {@link
 * EnvelopeVerifier} (size, strict protobuf, structure, pinned key, signature, FROST payloads), then
 * {@link DkgMessages#decode} and {@link EngineMessages#decode} (with the {@link InboundPipeline}
 * and its replay guard around them). None of them may throw: every input ends as an accepted
 * message or a typed rejection.
 *
 * <p>The fuzzer cannot forge signatures or hashes, so each input that parses is also tried the way
 * a validator of the fixtures' group would have sent it: its envelope signed by its sender (when
 * that is a validator of {@link WireFixtures}), with the session id a DKG body names, and with the
 * request id a signing body names. Seeds: every body of {@link WireFixtures}, signed.
 */
class WireEnvelopeFuzzTest {
  private static final WireFixtures F = new WireFixtures(42);
  private static final EnvelopeVerifier VERIFIER = new EnvelopeVerifier(F.keys, WireLimits.DEFAULT);
  private static final RequestId REQUEST = new RequestId("fuzz request");

  @FuzzTest
  void receive(byte[] data) {
    receiveFromEveryPeer(data);
    Optional<Envelope> parsed = envelopeOf(data);
    if (parsed.isEmpty()) {
      return;
    }
    for (Envelope e : variants(parsed.get())) {
      decode(e);
      int sender = e.getSender();
      if (F.identity.containsKey(sender)) {
        receiveFromEveryPeer(F.signRawBytes(e.toByteArray(), sender));
      }
    }
  }

  private static void receiveFromEveryPeer(byte[] wire) {
    for (int peer = 1; peer <= WireFixtures.VALIDATORS; peer++) {
      Decoded<VerifiedEnvelope> r = VERIFIER.verify(peer, wire);
      if (r instanceof Decoded.Accepted<VerifiedEnvelope> a) {
        decode(a.value().envelope());
        Decoded<InboundPipeline.Opened> opened =
            inbound()
                .receive(peer, wire, InboundPipeline.engineMessages(id -> Optional.of(REQUEST)));
        assertThat(opened).isNotNull();
      } else {
        assertThat(((Decoded.Rejected<?>) r).detail()).isNotNull();
      }
    }
  }

  private static void decode(Envelope e) {
    assertThat(DkgMessages.decode(e)).isNotNull();
    assertThat(EngineMessages.decode(e, id -> Optional.of(REQUEST))).isNotNull();
  }

  private static InboundPipeline inbound() {
    return new InboundPipeline(
        VERIFIER,
        new ReplayGuard(EngineMessages.replayGuardConfig(), () -> WireFixtures.NOW),
        new PeerStatsRecorder());
  }

  /** The envelope inside signed-envelope bytes, or those bytes as a bare envelope. */
  private static Optional<Envelope> envelopeOf(byte[] data) {
    try {
      return Optional.of(Envelope.parseFrom(SignedEnvelope.parseFrom(data).getEnvelope()));
    } catch (InvalidProtocolBufferException e) {
      try {
        return Optional.of(Envelope.parseFrom(data));
      } catch (InvalidProtocolBufferException e2) {
        return Optional.empty();
      }
    }
  }

  /** {@code e}, and {@code e} with the session id its DKG session or its request id implies. */
  private static List<Envelope> variants(Envelope e) {
    List<Envelope> out = new ArrayList<>(List.of(e));
    dkgSession(e)
        .ifPresent(s -> out.add(e.toBuilder().setSessionId(ByteString.copyFrom(s.hash())).build()));
    requestId(e).ifPresent(id -> out.add(e.toBuilder().setSessionId(id).build()));
    return out;
  }

  private static Optional<dev.frostgate.engine.dkg.DkgSessionId> dkgSession(Envelope e) {
    Optional<DkgSessionRef> ref =
        switch (e.getBodyCase()) {
          case DKG_ROUND1 -> Optional.of(e.getDkgRound1().getSession());
          case DKG_ROUND2 -> Optional.of(e.getDkgRound2().getSession());
          case DKG_COMPLAINT -> Optional.of(e.getDkgComplaint().getSession());
          case DKG_CERTIFICATE_SIGNATURE ->
              Optional.of(e.getDkgCertificateSignature().getSession());
          case DKG_TIMEOUT_VOTE -> Optional.of(e.getDkgTimeoutVote().getSession());
          case DKG_TEST_COMMIT -> Optional.of(e.getDkgTestCommit().getSession());
          case DKG_TEST_SHARE -> Optional.of(e.getDkgTestShare().getSession());
          case DKG_FINAL -> Optional.of(e.getDkgFinal().getSession());
          case DKG_ROUND1_SET -> Optional.of(e.getDkgRound1Set().getSession());
          case DKG_EQUIVOCATION -> Optional.of(e.getDkgEquivocation().getSession());
          case DKG_SHARE_REQUEST -> Optional.of(e.getDkgShareRequest().getSession());
          default -> Optional.empty();
        };
    if (ref.isEmpty()
        || !dev.frostgate.engine.dkg.DkgSessionId.isValidCeremony(ref.get().getCeremony())) {
      return Optional.empty();
    }
    List<Identifier> participants = new ArrayList<>();
    for (int p : ref.get().getParticipantsList()) {
      if (p == 0) {
        return Optional.empty();
      }
      participants.add(Identifier.of(Integer.toUnsignedLong(p)));
    }
    return Optional.of(
        new dev.frostgate.engine.dkg.DkgSessionId(ref.get().getCeremony(), participants));
  }

  private static Optional<ByteString> requestId(Envelope e) {
    return switch (e.getBodyCase()) {
      case SIGNING_PROPOSAL -> Optional.of(e.getSigningProposal().getRequestId());
      case COMMITMENTS -> Optional.of(e.getCommitments().getRequestId());
      case SIGNING_PACKAGES -> Optional.of(e.getSigningPackages().getRequestId());
      case SIGNATURE_SHARES -> Optional.of(e.getSignatureShares().getRequestId());
      case SIGNING_COMPLETE -> Optional.of(e.getSigningComplete().getRequestId());
      case SHARE_REJECTION -> Optional.of(e.getShareRejection().getRequestId());
      default -> Optional.empty();
    };
  }
}
