package dev.frostgate.node.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private static List<Duration> schedule(Backoff backoff, long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Duration> delays = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      delays.add(backoff.delay(i, random));
    }
    return delays;
  }

  @Test
  void withoutJitterItDoublesUpToTheCap() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2, 0);
    assertThat(schedule(b, 1, 6))
        .extracting(Duration::toMillis)
        .containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
  }

  @Test
  void theSameSeedGivesTheSameScheduleAndAnotherSeedAnother() {
    assertThat(schedule(Backoff.DEFAULT, 42, 20)).isEqualTo(schedule(Backoff.DEFAULT, 42, 20));
    assertThat(schedule(Backoff.DEFAULT, 42, 20)).isNotEqualTo(schedule(Backoff.DEFAULT, 43, 20));
  }

  @Property
  void everyDelayIsWithinTheJitteredBounds(
      @ForAll @IntRange(min = 0, max = 200) int failures, @ForAll long seed) {
    Backoff b = Backoff.DEFAULT;
    double base =
        Math.min(b.max().toNanos(), b.initial().toNanos() * Math.pow(b.multiplier(), failures));
    long delay = b.delay(failures, new SplittableRandom(seed)).toNanos();
    assertThat(delay).isLessThanOrEqualTo((long) base);
    assertThat(delay).isGreaterThanOrEqualTo((long) (base * (1 - b.jitter())) - 1);
  }
}
