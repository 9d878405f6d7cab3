package dev.frostgate.node.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerScoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final ScorePolicy POLICY = ScorePolicy.DEFAULT;

  @Test
  void twoForgedEnvelopesBanForTheBanPeriod() {
    PeerScore s = PeerScore.clean(T0).after(Offense.FORGED, T0, POLICY);
    assertThat(s.isBanned(T0)).isFalse();
    s = s.after(Offense.FORGED, T0, POLICY);
    assertThat(s.isBanned(T0)).isTrue();
    assertThat(s.bannedUntil()).contains(T0.plus(POLICY.banPeriod()));
    assertThat(s.isBanned(T0.plus(POLICY.banPeriod()).minusMillis(1))).isTrue();
    assertThat(s.isBanned(T0.plus(POLICY.banPeriod()))).isFalse();
  }

  @Test
  void aHundredRateLimitedFramesAtOnceBan() {
    PeerScore s = PeerScore.clean(T0);
    for (int i = 0; i < 99; i++) {
      s = s.after(Offense.RATE_LIMITED, T0, POLICY);
    }
    assertThat(s.isBanned(T0)).isFalse();
    assertThat(s.after(Offense.RATE_LIMITED, T0, POLICY).isBanned(T0)).isTrue();
  }

  @Test
  void theScoreDecaysSoOccasionalOffensesAreForgiven() {
    PeerScore s = PeerScore.clean(T0);
    Instant t = T0;
    for (int i = 0; i < 100; i++) {
      s = s.after(Offense.INVALID, t, POLICY);
      t = t.plusSeconds(10); // 10 points each, decaying 10 points in between
    }
    assertThat(s.isBanned(t)).isFalse();
    assertThat(s.at(t, POLICY).points()).isZero();
  }

  @Test
  void offensesWhileBannedDoNotExtendTheBanAndAnEndedBanStartsClean() {
    PeerScore banned =
        PeerScore.clean(T0).after(Offense.FORGED, T0, POLICY).after(Offense.FORGED, T0, POLICY);
    Instant later = T0.plusSeconds(60);
    assertThat(banned.after(Offense.FORGED, later, POLICY).bannedUntil())
        .isEqualTo(banned.bannedUntil());
    Instant over = T0.plus(POLICY.banPeriod());
    PeerScore after = banned.at(over, POLICY);
    assertThat(after.points()).isZero();
    assertThat(after.bannedUntil()).isEmpty();
  }

  @Test
  void everyOffenseNeedsAPenalty() {
    assertThatThrownBy(
            () -> new ScorePolicy(Map.of(Offense.FORGED, 1), 10, Duration.ofMinutes(1), 1))
        .hasMessageContaining("penalty of INVALID");
  }
}
