package dev.frostgate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.request.RequestId;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaderScheduleTest {
  static final List<Identifier> IDS =
      List.of(
          Identifier.of(3), Identifier.of(1), Identifier.of(5), Identifier.of(2), Identifier.of(4));

  @Test
  void leaderIsHashModNOverSortedIds() {
    LeaderSchedule s = new LeaderSchedule(IDS, 100);
    RequestId r = new RequestId("loan-7/repay");
    int idx = new BigInteger(1, r.hash()).mod(BigInteger.valueOf(5)).intValue();
    assertThat(s.validators())
        .containsExactly(
            Identifier.of(1),
            Identifier.of(2),
            Identifier.of(3),
            Identifier.of(4),
            Identifier.of(5));
    assertThat(s.leader(r, 0)).isEqualTo(Identifier.of(idx + 1));
  }

  @Test
  void nextLeaderTakesOverAfterTimeoutAndWraps() {
    LeaderSchedule s = new LeaderSchedule(IDS, 100);
    RequestId r = new RequestId("x");
    int first = s.firstLeaderIndex(r);
    for (int a = 0; a < 12; a++) {
      assertThat(s.leader(r, a)).isEqualTo(s.validators().get((first + a) % 5));
    }
    assertThat(s.attemptAt(1000, 1000)).isZero();
    assertThat(s.attemptAt(1000, 1099)).isZero();
    assertThat(s.attemptAt(1000, 1100)).isEqualTo(1);
    assertThat(s.attemptAt(1000, 1350)).isEqualTo(3);
  }

  @Test
  void onlyTheLeaderOfANearbyAttemptMayLead() {
    LeaderSchedule s = new LeaderSchedule(IDS, 100);
    RequestId r = new RequestId("y");
    Identifier l1 = s.leader(r, 1);
    assertThat(s.mayLead(l1, r, 1, 0, 150)).isTrue();
    assertThat(s.mayLead(l1, r, 1, 0, 250)).isTrue(); // previous attempt, still finishing
    assertThat(s.mayLead(l1, r, 1, 0, 350)).isFalse(); // too old
    Identifier other = s.leader(r, 2);
    assertThat(s.mayLead(other, r, 1, 0, 150)).isFalse();
  }
}
