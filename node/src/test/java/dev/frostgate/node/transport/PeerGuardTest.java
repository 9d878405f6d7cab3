package dev.frostgate.node.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeerGuardTest {
  @Test
  void aFloodIsDroppedThenBannedAndTheBanEndsWithTheClock() {
    ManualClock clock = new ManualClock();
    PeerGuard guard = new PeerGuard(TokenBucket.Rate.DEFAULT, ScorePolicy.DEFAULT, clock);
    int admitted = 0;
    int dropped = 0;
    PeerGuard.Verdict last = null;
    for (int i = 0; i < 200 && last != PeerGuard.Verdict.DROP_AND_BAN; i++) {
      last = guard.admit(1);
      if (last == PeerGuard.Verdict.ADMIT) {
        admitted++;
      } else {
        dropped++;
      }
    }
    assertThat(admitted).isEqualTo(100);
    assertThat(dropped).isEqualTo(100);
    assertThat(last).isEqualTo(PeerGuard.Verdict.DROP_AND_BAN);
    assertThat(guard.admit(1)).isEqualTo(PeerGuard.Verdict.DROP_BANNED);
    assertThat(guard.admit(2)).isEqualTo(PeerGuard.Verdict.ADMIT);

    clock.advance(ScorePolicy.DEFAULT.banPeriod());
    assertThat(guard.isBanned(1)).isFalse();
    assertThat(guard.admit(1)).isEqualTo(PeerGuard.Verdict.ADMIT);
  }

  @Test
  void reportsAddUpToOneBan() {
    PeerGuard guard =
        new PeerGuard(TokenBucket.Rate.DEFAULT, ScorePolicy.DEFAULT, new ManualClock());
    assertThat(guard.report(3, Offense.OVERSIZED)).isFalse();
    assertThat(guard.report(3, Offense.FORGED)).isFalse();
    assertThat(guard.report(3, Offense.OVERSIZED)).isFalse();
    assertThat(guard.report(3, Offense.INVALID)).isTrue();
    assertThat(guard.report(3, Offense.INVALID)).isFalse(); // already banned
    assertThat(guard.score(3).bannedUntil()).isPresent();
    assertThat(guard.score(3).bannedUntil().orElseThrow())
        .isEqualTo(new ManualClock().instant().plus(Duration.ofMinutes(10)));
  }
}
