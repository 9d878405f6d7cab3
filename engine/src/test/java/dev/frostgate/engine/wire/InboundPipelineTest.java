package dev.frostgate.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.BatchSigning;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.Outgoing;
import dev.frostgate.engine.PolicyVerdict;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.wire.proto.SignedEnvelope;
import dev.frostgate.testkit.engine.DealtGroup;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class InboundPipelineTest {
  static final SecureRandom RND = new SecureRandom();
  static final RequestId REQ = new RequestId("req-wire-1");
  static final WireLimits LIMITS = new WireLimits(1 << 20, false);
  static final ByteString REQ_HASH = ByteString.copyFrom(REQ.hash());
  static final Function<VerifiedEnvelope, Decoded<InboundPipeline.Opened>> ENGINE =
      InboundPipeline.engineMessages(b -> b.equals(REQ_HASH) ? Optional.of(REQ) : Optional.empty());

  final DealtGroup group = DealtGroup.of(3, 2);
  final Map<Integer, SecretScalar> identity = new TreeMap<>();
  final long[] now = {1000};
  final InboundPipeline inbound;

  InboundPipelineTest() {
    for (int i = 1; i <= 3; i++) {
      identity.put(i, SecretScalar.random(RND));
    }
    inbound = inboundFor();
  }

  /** A receiver's inbound side: its own replay guard and statistics. */
  InboundPipeline inboundFor() {
    Map<Integer, Point> pts = new TreeMap<>();
    identity.forEach((i, k) -> pts.put(i, k.publicPoint()));
    return new InboundPipeline(
        new EnvelopeVerifier(IdentityKeys.ofPoints(pts), LIMITS),
        new ReplayGuard(EngineMessages.replayGuardConfig(), () -> now[0]),
        new PeerStatsRecorder());
  }

  /** What {@code to} hands its engine for {@code bytes} from {@code fromPeer}, if anything. */
  static Optional<InboundPipeline.Opened> open(InboundPipeline to, int fromPeer, byte[] bytes) {
    return to.receive(fromPeer, bytes, ENGINE).toOptional();
  }

  EnvelopeSealer sealer(int id) {
    return new EnvelopeSealer(id, identity.get(id), RND, LIMITS);
  }

  List<SigningNonces> nonces(int id) {
    return BatchSigning.commit(group.rawKeys().get(Identifier.of(id)), 2, RND);
  }

  @Test
  void everyEngineMessageRoundTripsWithItsSender() {
    byte[] m1 = new byte[32];
    byte[] m2 = new byte[32];
    m2[0] = 1;
    List<SigningNonces> n1 = nonces(1);
    List<SigningNonces> n2 = nonces(2);
    List<SigningCommitments> c1 = n1.stream().map(SigningNonces::commitments).toList();
    List<SigningCommitments> c2 = n2.stream().map(SigningNonces::commitments).toList();
    Map<Identifier, List<SigningCommitments>> chosen = new TreeMap<>();
    chosen.put(Identifier.of(1), c1);
    chosen.put(Identifier.of(2), c2);
    List<SigningPackage> packages = BatchSigning.packages(chosen, List.of(m1, m2));
    var shares =
        BatchSigning.signEach(
            packages,
            n1,
            List.of(group.rawKeys().get(Identifier.of(1)), group.rawKeys().get(Identifier.of(1))));
    long bigSession = 0x3fff_ffff_ffffL;
    List<Message> all =
        List.of(
            Message.Proposal.of(REQ, 2, new byte[] {1, 2, 3}, List.of(m1, m2)),
            new Message.Commit(REQ, 2, c1),
            new Message.Refuse(REQ, 2, PolicyVerdict.Reason.RECIPIENT_MISMATCH),
            new Message.SignRequest(REQ, 2, bigSession, packages),
            new Message.Share(REQ, 2, bigSession, shares, c1),
            new Message.Signed(REQ, 2, List.of(signature(1), signature(2))));
    EnvelopeSealer s1 = sealer(1);
    for (Message m : all) {
      var opened = open(inbound, 1, s1.seal(m, 1000));
      assertThat(opened).as(m.getClass().getSimpleName()).isPresent();
      assertThat(opened.get().sender()).isEqualTo(Identifier.of(1));
      Message back = opened.get().message();
      assertThat(back.getClass()).isEqualTo(m.getClass());
      assertThat(back.request()).isEqualTo(REQ);
      switch (back) {
        case Message.Proposal p -> assertThat(p).isEqualTo(m);
        case Message.SignRequest sr -> {
          assertThat(sr.session()).isEqualTo(bigSession);
          assertThat(sr.packages()).isEqualTo(packages);
        }
        case Message.Share sh -> {
          assertThat(sh.shares()).isEqualTo(shares);
          assertThat(sh.next()).isEqualTo(c1);
        }
        case Message.Commit c -> assertThat(c.commitments()).isEqualTo(c1);
        case Message.Refuse r ->
            assertThat(r.reason()).isEqualTo(PolicyVerdict.Reason.RECIPIENT_MISMATCH);
        case Message.Signed sg -> assertThat(sg).isEqualTo(m);
      }
    }
    assertThat(inbound.stats().accepted(1)).isEqualTo(all.size());
  }

  @Test
  void aForgedSenderIsRejectedAndCountedAgainstThePeer() {
    Message m = new Message.Commit(REQ, 0, nonces(1).stream().map(x -> x.commitments()).toList());
    // Peer 2 claims to be validator 1 but can only sign with its own key.
    var forged =
        EnvelopeCodec.sign(EngineMessages.envelope(m, 1, 1, 1000), identity.get(2), RND, LIMITS);
    assertThat(open(inbound, 2, forged.toByteArray())).isEmpty();
    assertThat(inbound.stats().rejected(2, RejectReason.FORGED_SENDER)).isEqualTo(1);
    // Relayed by peer 1's connection, the signature still gives it away.
    assertThat(open(inbound, 1, forged.toByteArray())).isEmpty();
    assertThat(inbound.stats().rejected(1, RejectReason.BAD_SIGNATURE)).isEqualTo(1);
    // A tampered body under a genuine signature fails as well.
    SignedEnvelope good =
        EnvelopeCodec.sign(EngineMessages.envelope(m, 1, 2, 1000), identity.get(1), RND, LIMITS);
    byte[] env = good.getEnvelope().toByteArray();
    env[env.length - 1] ^= 1;
    var tampered = good.toBuilder().setEnvelope(ByteString.copyFrom(env)).build();
    assertThat(open(inbound, 1, tampered.toByteArray())).isEmpty();
    assertThat(inbound.stats().accepted(1)).isZero();
    assertThat(inbound.stats().accepted(2)).isZero();
  }

  @Test
  void aMessageForAnUnknownRequestIsRejected() {
    Message m = new Message.Refuse(new RequestId("other"), 0, PolicyVerdict.Reason.UNKNOWN_REQUEST);
    assertThat(open(inbound, 3, sealer(3).seal(m, 5))).isEmpty();
    assertThat(inbound.stats().rejected(3, RejectReason.WRONG_SESSION)).isEqualTo(1);
  }

  @Test
  void aBroadcastIsSignedOnceAndEveryPeerOpensItOnce() {
    EnvelopeSealer s2 = sealer(2);
    Message proposal = Message.Proposal.of(REQ, 1, new byte[] {7}, List.of(new byte[32]));
    Message refuse = new Message.Refuse(REQ, 1, PolicyVerdict.Reason.CONFLICTING_SPEND);
    List<byte[]> sealed =
        s2.sealEach(
            List.of(
                new Outgoing<>(Identifier.of(1), proposal),
                new Outgoing<>(Identifier.of(3), proposal),
                new Outgoing<>(Identifier.of(1), refuse)),
            now[0]);
    assertThat(sealed.get(1)).isSameAs(sealed.get(0));
    assertThat(sealed.get(2)).isNotEqualTo(sealed.get(0));
    // Each recipient has its own replay guard: both copies of the broadcast open, once each.
    InboundPipeline peer3 = inboundFor();
    assertThat(open(inbound, 2, sealed.get(0))).isPresent();
    assertThat(open(peer3, 2, sealed.get(1))).isPresent();
    assertThat(open(inbound, 2, sealed.get(2))).isPresent();
    assertThat(open(peer3, 2, sealed.get(1))).isEmpty();
    assertThat(peer3.stats().rejected(2, RejectReason.REPLAYED)).isEqualTo(1);
  }

  @Test
  void aMalformedBodyIsRejectedBeforeTheReplayGuardSeesItsSequence() {
    Message commit =
        new Message.Commit(REQ, 0, nonces(2).stream().map(SigningNonces::commitments).toList());
    // Correctly signed by 2, but the round says "proposal" while the body is a commitment.
    var wrongRound = EngineMessages.envelope(commit, 2, 7, now[0]).toBuilder().setRound(0).build();
    byte[] malformed = EnvelopeCodec.sign(wrongRound, identity.get(2), RND, LIMITS).toByteArray();
    assertThat(inbound.receive(2, malformed, ENGINE).reason()).isEqualTo(RejectReason.MALFORMED);
    // The well-formed message with the same sequence is still fresh: the bad body took nothing.
    byte[] good =
        EnvelopeCodec.sign(
                EngineMessages.envelope(commit, 2, 7, now[0]), identity.get(2), RND, LIMITS)
            .toByteArray();
    assertThat(open(inbound, 2, good)).isPresent();
    assertThat(inbound.stats().rejected(2, RejectReason.MALFORMED)).isEqualTo(1);
    assertThat(inbound.stats().accepted(2)).isEqualTo(1);
  }

  @Test
  void replaysAndStaleMessagesAreDroppedAndCounted() {
    EnvelopeSealer s2 = sealer(2);
    Message commit =
        new Message.Commit(REQ, 3, nonces(2).stream().map(SigningNonces::commitments).toList());
    byte[] first = s2.seal(commit, now[0]);
    assertThat(open(inbound, 2, first)).isPresent();
    // The same bytes again (a network duplicate or an attacker's replay).
    assertThat(open(inbound, 2, first)).isEmpty();
    assertThat(inbound.stats().rejected(2, RejectReason.REPLAYED)).isEqualTo(1);
    // Within an attempt any order is fine: a proposal answered again after a share.
    Message refuse = new Message.Refuse(REQ, 3, PolicyVerdict.Reason.CONFLICTING_SPEND);
    assertThat(open(inbound, 2, s2.seal(refuse, now[0]))).isPresent();
    // A message of an older attempt after a newer one from the same sender.
    Message older = new Message.Refuse(REQ, 2, PolicyVerdict.Reason.CONFLICTING_SPEND);
    assertThat(open(inbound, 2, s2.seal(older, now[0]))).isEmpty();
    assertThat(inbound.stats().rejected(2, RejectReason.OUT_OF_ORDER)).isEqualTo(1);
    // Sent more than 10 minutes ago.
    EnvelopeSealer s3 = sealer(3);
    byte[] old = s3.seal(refuse, now[0]);
    now[0] += java.time.Duration.ofMinutes(10).toMillis() + 1;
    assertThat(open(inbound, 3, old)).isEmpty();
    assertThat(inbound.stats().rejected(3, RejectReason.STALE)).isEqualTo(1);
    // A restarted sender continues above its earlier sequence numbers and is heard again.
    EnvelopeSealer restarted = new EnvelopeSealer(2, identity.get(2), RND, LIMITS, 1L << 40);
    assertThat(open(inbound, 2, restarted.seal(commit, now[0]))).isPresent();
  }

  /** A 64-byte value standing for a BIP340 signature (the codec does not verify it). */
  private static Bip340Signature signature(int fill) {
    byte[] b = new byte[Bip340Signature.LENGTH];
    java.util.Arrays.fill(b, (byte) fill);
    return Bip340Signature.of(b);
  }
}
