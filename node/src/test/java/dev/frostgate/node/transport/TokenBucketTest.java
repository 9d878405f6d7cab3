package dev.frostgate.node.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static int drain(TokenBucket[] bucket, Instant now, int tries) {
    int taken = 0;
    for (int i = 0; i < tries; i++) {
      Optional<TokenBucket> next = bucket[0].take(now);
      if (next.isPresent()) {
        bucket[0] = next.get();
        taken++;
      }
    }
    return taken;
  }

  @Test
  void aFullBucketLetsItsCapacityThroughAndThenNothing() {
    TokenBucket[] b = {TokenBucket.full(TokenBucket.Rate.DEFAULT, T0)};
    assertThat(drain(b, T0, 150)).isEqualTo(100);
    assertThat(b[0].take(T0)).isEmpty();
  }

  @Test
  void refillsAtItsRateAndNeverAboveCapacity() {
    TokenBucket[] b = {TokenBucket.full(TokenBucket.Rate.DEFAULT, T0)};
    drain(b, T0, 100);
    assertThat(drain(b, T0.plusMillis(500), 100)).isEqualTo(5);
    assertThat(drain(b, T0.plusMillis(500).plus(Duration.ofHours(1)), 1000)).isEqualTo(100);
  }

  @Test
  void aFractionalTokenIsKeptAcrossRefusals() {
    TokenBucket[] b = {TokenBucket.full(new TokenBucket.Rate(1, 10), T0)};
    drain(b, T0, 1);
    assertThat(b[0].take(T0.plusMillis(60))).isEmpty();
    assertThat(b[0].take(T0.plusMillis(100))).isPresent();
  }

  @Test
  void aClockThatGoesBackRefillsNothing() {
    TokenBucket[] b = {TokenBucket.full(TokenBucket.Rate.DEFAULT, T0)};
    drain(b, T0, 100);
    assertThat(b[0].take(T0.minusSeconds(60))).isEmpty();
  }

  @Test
  void rejectsNonsenseRates() {
    assertThatThrownBy(() -> new TokenBucket.Rate(0, 1)).hasMessageContaining("capacity");
    assertThatThrownBy(() -> new TokenBucket.Rate(1, Double.NaN)).hasMessageContaining("refill");
  }
}
