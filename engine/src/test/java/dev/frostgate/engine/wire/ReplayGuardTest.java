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
                2,
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

  @Test
  void pendingSessionsAreBounded() {
    for (int i = 0; i < 3; i++) {
      Envelope p =
          F.envelope(BodyCase.SIGNING_PROPOSAL, 1, 1, 1).toBuilder()
              .setSessionId(SessionHash.of(WireFixtures.bytes(32, 0x40 + i)).toByteString())
              .build();
      assertThat(send(p).isAccepted()).isTrue();
    }
    // Pending cap is 2: the first one was evicted, so its replay is no longer recognised by the
    // guard (the time window still bounds it).
    Envelope first =
        F.envelope(BodyCase.SIGNING_PROPOSAL, 1, 1, 1).toBuilder()
            .setSessionId(SessionHash.of(WireFixtures.bytes(32, 0x40)).toByteString())
            .build();
    assertThat(send(first).isAccepted()).isTrue();
    Envelope third =
        F.envelope(BodyCase.SIGNING_PROPOSAL, 1, 1, 1).toBuilder()
            .setSessionId(SessionHash.of(WireFixtures.bytes(32, 0x42)).toByteString())
            .build();
    assertThat(send(third).reason()).isEqualTo(RejectReason.REPLAYED);
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
