package dev.frostgate.engine.wire;

import static dev.frostgate.engine.wire.WireFixtures.NOW;
import static dev.frostgate.engine.wire.WireFixtures.SESSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.engine.wire.proto.Envelope;
import dev.frostgate.engine.wire.proto.Envelope.BodyCase;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
  static final WireFixtures F = new WireFixtures(99);
  WireFixtures.FakeClock clock;
  ReplayGuard guard;
  InboundPipeline inbox;

  @BeforeEach
  void setUp() {
    clock = new WireFixtures.FakeClock(NOW);
    guard =
        new ReplayGuard(
            new ReplayGuard.Config(
                Duration.ofMinutes(1),
                Duration.ofSeconds(5),
                1,
                100,
                100,
                EnumSet.of(BodyCase.SIGNING_PROPOSAL)),
            clock);
    inbox =
        new InboundPipeline(
            new EnvelopeVerifier(F.keys, WireLimits.DEFAULT), guard, new PeerStatsRecorder());
    guard.openSession(SESSION, 1);
  }

  private Decoded<VerifiedEnvelope> send(Envelope e) {
    return inbox.receive(e.getSender(), F.sign(e).toByteArray());
  }

  private Envelope abort(int sender, int round, long sequence) {
    return F.envelope(BodyCase.ABORT, sender, round, sequence);
  }

  @Test
  void acceptsFreshMessagesAndRejectsReplays() {
    Envelope e = abort(2, 1, 10);
    byte[] wire = F.sign(e).toByteArray();
    assertThat(inbox.receive(2, wire).isAccepted()).isTrue();
    assertThat(inbox.receive(2, wire).reason()).isEqualTo(RejectReason.REPLAYED);
    // Same sequence, re-signed (other bytes, other content): still a replay of (sender, session,
    // seq).
    assertThat(send(abort(2, 2, 10)).reason()).isEqualTo(RejectReason.REPLAYED);
    // Another sender may use the same sequence.
    assertThat(send(abort(3, 1, 10)).isAccepted()).isTrue();

    PeerStats stats = inbox.stats();
    assertThat(stats.accepted(2)).isEqualTo(1);
    assertThat(stats.rejected(2, RejectReason.REPLAYED)).isEqualTo(2);
    assertThat(stats.accepted(3)).isEqualTo(1);
    assertThat(stats.peer(3).totalRejected()).isZero();
  }

  @Test
  void staleByClockOrFinishedSession() {
    Envelope old = abort(2, 1, 1).toBuilder().setSentAtMs(NOW - 60_001).build();
    Envelope future = abort(2, 1, 2).toBuilder().setSentAtMs(NOW + 5_001).build();
    Envelope edge = abort(2, 1, 3).toBuilder().setSentAtMs(NOW - 60_000).build();
    assertThat(send(old).reason()).isEqualTo(RejectReason.STALE);
    assertThat(send(future).reason()).isEqualTo(RejectReason.STALE);
    assertThat(send(edge).isAccepted()).isTrue();

    clock.millis += 10_000; // the future message is now within the skew
    assertThat(send(future).isAccepted()).isTrue();

    guard.finishSession(SESSION);
    assertThat(send(abort(2, 1, 4).toBuilder().setSentAtMs(clock.millis).build()).reason())
        .isEqualTo(RejectReason.STALE);
    assertThat(inbox.stats().rejected(2, RejectReason.STALE)).isEqualTo(3);
    assertThatThrownBy(() -> guard.openSession(SESSION, 1))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void outOfOrderRoundsPerSender() {
    guard.advanceRound(SESSION, 3);
    assertThat(send(abort(2, 3, 1)).isAccepted()).isTrue();
    assertThat(send(abort(2, 2, 2)).reason()).isEqualTo(RejectReason.OUT_OF_ORDER);
    assertThat(send(abort(2, 3, 3)).isAccepted()).isTrue(); // same round again is fine
    assertThat(send(abort(3, 2, 1)).isAccepted()).isTrue(); // ordering is per sender
    assertThat(inbox.stats().rejected(2, RejectReason.OUT_OF_ORDER)).isEqualTo(1);
    assertThat(inbox.stats().rejected(3, RejectReason.OUT_OF_ORDER)).isZero();
  }

  @Test
  void roundTooFarAheadIsWrongRound() {
    assertThat(send(abort(2, 2, 1)).isAccepted()).isTrue(); // local round 1, lead 1
    assertThat(send(abort(2, 3, 2)).reason()).isEqualTo(RejectReason.WRONG_ROUND);
    guard.advanceRound(SESSION, 2);
    assertThat(send(abort(2, 3, 3)).isAccepted()).isTrue();
    guard.advanceRound(SESSION, 1); // never moves back
    assertThat(send(abort(2, 3, 4)).isAccepted()).isTrue();
  }

  @Test
  void unknownSessionIsWrongSessionUnlessOpenedByAProposal() {
    SessionHash other = SessionHash.of(WireFixtures.bytes(32, 0x99));
    Envelope abortOther = abort(2, 1, 1).toBuilder().setSessionId(other.toByteString()).build();
    assertThat(send(abortOther).reason()).isEqualTo(RejectReason.WRONG_SESSION);

    Envelope proposal =
        F.envelope(BodyCase.SIGNING_PROPOSAL, 1, 1, 1).toBuilder()
            .setSessionId(other.toByteString())
            .build();
    byte[] wire = F.sign(proposal).toByteArray();
    assertThat(inbox.receive(1, wire).isAccepted()).isTrue();
    assertThat(inbox.receive(1, wire).reason()).isEqualTo(RejectReason.REPLAYED);
    assertThat(guard.isOpen(other)).isFalse();
    assertThat(send(abortOther).reason()).isEqualTo(RejectReason.WRONG_SESSION);

    guard.openSession(other, 1); // the engine accepted the proposal
    assertThat(send(abortOther).isAccepted()).isTrue();
    assertThat(inbox.receive(1, wire).reason()).isEqualTo(RejectReason.REPLAYED);
  }

  private static Envelope proposalIn(SessionHash session, int sender, long sequence) {
    return F.envelope(BodyCase.SIGNING_PROPOSAL, sender, 1, sequence).toBuilder()
        .setSessionId(session.toByteString())
        .build();
  }

  private static SessionHash session(int i) {
    byte[] b = WireFixtures.bytes(32, 0x40);
    b[0] = (byte) (i >>> 24);
    b[1] = (byte) (i >>> 16);
    b[2] = (byte) (i >>> 8);
    b[3] = (byte) i;
    return SessionHash.of(b);
  }

  @Test
  void aFloodOfDistinctSessionsStaysBoundedAndRecentReplaysAreStillRefused() {
    int cap = 64;
    ReplayGuard small =
        new ReplayGuard(
            new ReplayGuard.Config(
                Duration.ofMinutes(1),
                Duration.ofSeconds(5),
                1,
                cap,
                100,
                EnumSet.of(BodyCase.SIGNING_PROPOSAL)),
            clock);
    InboundPipeline in =
        new InboundPipeline(
            new EnvelopeVerifier(F.keys, WireLimits.DEFAULT), small, new PeerStatsRecorder());
    byte[] honest = F.sign(proposalIn(session(-1), 2, 1)).toByteArray();
    assertThat(in.receive(2, honest).isAccepted()).isTrue();

    // Validator 3 floods: every message opens another session, all inside the time window.
    byte[] last = null;
    for (int i = 0; i < 2_000; i++) {
      last = F.sign(proposalIn(session(i), 3, i + 1)).toByteArray();
      assertThat(in.receive(3, last).isAccepted()).isTrue();
      assertThat(small.entries(3)).isLessThanOrEqualTo(cap);
    }
    assertThat(small.entries(3)).isEqualTo(cap);
    assertThat(small.senders()).isEqualTo(2);

    // The flood pushed out none of validator 2's state, and 3's latest messages are still known.
    assertThat(small.entries(2)).isEqualTo(1);
    assertThat(in.receive(2, honest).reason()).isEqualTo(RejectReason.REPLAYED);
    assertThat(in.receive(3, last).reason()).isEqualTo(RejectReason.REPLAYED);
  }

  @Test
  void perSenderStateExpiresByTheClock() {
    byte[] wire = F.sign(abort(2, 1, 10)).toByteArray();
    assertThat(inbox.receive(2, wire).isAccepted()).isTrue();
    clock.millis += 60_000 + 5_000; // maxAge + maxFutureSkew: still remembered
    assertThat(guard.entries(2)).isEqualTo(1);
    assertThat(inbox.receive(2, wire).reason()).isEqualTo(RejectReason.STALE);

    clock.millis += 1;
    assertThat(guard.entries(2)).isZero();
    assertThat(guard.senders()).isZero();
    // Forgotten, yet no copy gets in: its sent_at is outside the window.
    assertThat(inbox.receive(2, wire).reason()).isEqualTo(RejectReason.STALE);
  }

  @Test
  void aSenderFloodingOneSessionIsCappedToo() {
    ReplayGuard small =
        new ReplayGuard(
            new ReplayGuard.Config(
                Duration.ofMinutes(1), Duration.ofSeconds(5), 1, 8, 100, Set.of()),
            clock);
    small.openSession(SESSION, 1);
    InboundPipeline in =
        new InboundPipeline(
            new EnvelopeVerifier(F.keys, WireLimits.DEFAULT), small, new PeerStatsRecorder());
    for (int i = 1; i <= 50; i++) {
      assertThat(in.receive(2, F.sign(abort(2, 1, i)).toByteArray()).isAccepted()).isTrue();
    }
    assertThat(small.entries(2)).isEqualTo(8);
    assertThat(in.receive(2, F.sign(abort(2, 1, 50)).toByteArray()).reason())
        .isEqualTo(RejectReason.REPLAYED);
  }

  @Test
  void dkgSessionsAreGuardedLikeSigningSessions() {
    ReplayGuard dkg = new ReplayGuard(DkgMessages.replayGuardConfig(), clock);
    InboundPipeline in =
        new InboundPipeline(
            new EnvelopeVerifier(F.keys, WireLimits.DEFAULT), dkg, new PeerStatsRecorder());
    Envelope round1 = F.bodies.get(BodyCase.DKG_ROUND1);
    byte[] wire = F.sign(round1).toByteArray();
    int sender = round1.getSender();
    assertThat(in.receive(sender, wire).isAccepted()).isTrue(); // opens the DKG session
    assertThat(in.receive(sender, wire).reason()).isEqualTo(RejectReason.REPLAYED);
    // A retransmission is re-sealed under a new sequence: accepted.
    byte[] again = F.sign(round1.toBuilder().setSequence(2).build()).toByteArray();
    assertThat(in.receive(sender, again).isAccepted()).isTrue();
    // A signing body does not open a session under the DKG configuration.
    assertThat(in.receive(2, F.sign(abort(2, 1, 1)).toByteArray()).reason())
        .isEqualTo(RejectReason.WRONG_SESSION);
    // The validator's one guard for both kinds.
    ReplayGuard.Config both =
        EngineMessages.replayGuardConfig()
            .withOpeners(DkgMessages.replayGuardConfig().sessionOpeners());
    assertThat(both.sessionOpeners())
        .contains(BodyCase.DKG_ROUND1, BodyCase.DKG_SHARE_REQUEST, BodyCase.SIGNING_PROPOSAL);
  }

  @Test
  void everyRejectionIsCountedAgainstTheTransportPeer() {
    // Peer 4 forwards a message of validator 2: forged sender, counted against 4.
    byte[] fromTwo = F.sign(abort(2, 1, 1)).toByteArray();
    assertThat(inbox.receive(4, fromTwo).reason()).isEqualTo(RejectReason.FORGED_SENDER);
    assertThat(inbox.receive(4, new byte[] {1, 2, 3}).reason()).isEqualTo(RejectReason.MALFORMED);
    assertThat(inbox.receive(4, new byte[2 << 20]).reason()).isEqualTo(RejectReason.OVERSIZED);

    PeerStats snapshot = inbox.stats();
    assertThat(snapshot.peer(4).rejected())
        .isEqualTo(
            Map.of(
                RejectReason.FORGED_SENDER, 1L,
                RejectReason.MALFORMED, 1L,
                RejectReason.OVERSIZED, 1L));
    assertThat(snapshot.peer(2)).isEqualTo(PeerStats.PeerCounts.NONE);

    // Snapshots are immutable and do not move with later traffic.
    assertThat(inbox.receive(2, fromTwo).isAccepted()).isTrue();
    assertThat(snapshot.accepted(2)).isZero();
    assertThat(inbox.stats().accepted(2)).isEqualTo(1);
    assertThatThrownBy(() -> snapshot.peers().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> snapshot.peer(4).rejected().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
