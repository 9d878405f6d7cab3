package dev.frostgate.engine.dkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.dkg.DkgMessage.TimeoutVote;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rules R2 and R4 without a session: when timeout votes form a quorum (n_s − t + 1). */
class VoteTallyTest {
  private static final List<Identifier> FIVE = Identifier.range(5);
  private static final DkgSessionId ALL = new DkgSessionId("c", FIVE);
  private static final DkgSessionId FOUR = new DkgSessionId("c", FIVE.subList(0, 4));
  private static final int T = 3;

  private static Identifier v(int i) {
    return FIVE.get(i - 1);
  }

  private static TimeoutVote vote(DkgSessionId s, int voter, int accused) {
    byte[] sig = new byte[Bip340Signature.LENGTH];
    sig[0] = (byte) voter;
    sig[1] = (byte) accused;
    return new TimeoutVote(s, v(voter), v(accused), Bip340Signature.of(sig));
  }

  @Test
  void aQuorumIsSessionSizeMinusThresholdPlusOne() {
    VoteTally tally = new VoteTally();
    tally.add(vote(ALL, 1, 5));
    tally.add(vote(ALL, 2, 5));
    assertThat(tally.quorums(ALL, Set.of(), T)).isEmpty();
    tally.add(vote(ALL, 3, 5));
    List<VoteTally.Quorum> q = tally.quorums(ALL, Set.of(), T);
    assertThat(q).hasSize(1);
    assertThat(q.get(0).session()).isEqualTo(ALL);
    assertThat(q.get(0).accused()).isEqualTo(v(5));
    assertThat(q.get(0).votes()).hasSize(3);
  }

  @Test
  void aVoterCountsOncePerAccused() {
    VoteTally tally = new VoteTally();
    for (int i = 0; i < 3; i++) {
      tally.add(vote(ALL, 1, 5));
      tally.add(vote(ALL, 2, 5));
    }
    assertThat(tally.quorums(ALL, Set.of(), T)).isEmpty();
  }

  @Test
  void votesOfAnEarlierSessionCountInALaterOneButNotTheReverse() {
    VoteTally earlier = new VoteTally();
    for (int voter = 1; voter <= 3; voter++) {
      earlier.add(vote(ALL, voter, 4));
    }
    assertThat(earlier.quorums(FOUR, Set.of(), T)).hasSize(1);

    // In FOUR (n_s = 4) a quorum is 2 votes; they say nothing about the larger session ALL.
    VoteTally later = new VoteTally();
    later.add(vote(FOUR, 1, 2));
    later.add(vote(FOUR, 3, 2));
    assertThat(later.quorums(FOUR, Set.of(), T)).hasSize(1);
    assertThat(later.quorums(ALL, Set.of(), T)).isEmpty();
  }

  @Test
  void anExcludedParticipantIsNotExcludedAgainAndEachAccusedOnce() {
    VoteTally tally = new VoteTally();
    for (int voter = 1; voter <= 3; voter++) {
      tally.add(vote(ALL, voter, 4));
      tally.add(vote(FOUR, voter, 4));
    }
    assertThat(tally.quorums(FOUR, Set.of(v(4)), T)).isEmpty();
    List<VoteTally.Quorum> q = tally.quorums(FOUR, Set.of(), T);
    assertThat(q).extracting(VoteTally.Quorum::session).containsExactly(ALL);
  }

  @Test
  void anotherCeremonyDoesNotCount() {
    VoteTally tally = new VoteTally();
    DkgSessionId other = new DkgSessionId("d", FIVE);
    for (int voter = 1; voter <= 3; voter++) {
      tally.add(vote(other, voter, 5));
    }
    assertThat(tally.quorums(ALL, Set.of(), T)).isEmpty();
  }
}
