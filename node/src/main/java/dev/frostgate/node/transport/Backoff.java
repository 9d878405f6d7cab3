package dev.frostgate.node.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The reconnect schedule: the n-th consecutive failed dial waits {@code initial·multiplier^n},
 * capped at {@code max}, then shortened by a random fraction of up to {@code jitter} so that
 * validators restarted together do not dial in lockstep. Pure: the randomness is passed in, so a
 * seeded generator gives a reproducible schedule.
 */
public record Backoff(Duration initial, Duration max, double multiplier, double jitter) {
  /** 200 ms doubling to 30 s, with up to half of each delay taken off at random. */
  public static final Backoff DEFAULT =
      new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), 2.0, 0.5);

  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max");
    }
    if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("backoff multiplier must be >= 1, got " + multiplier);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("backoff jitter must be in [0, 1], got " + jitter);
    }
  }

  /**
   * The delay before the next dial after {@code failures} consecutive failures (0 = first retry).
   */
  public Duration delay(int failures, RandomGenerator random) {
    if (failures < 0) {
      throw new IllegalArgumentException("failures must be >= 0, got " + failures);
    }
    double base =
        Math.min(
            (double) max.toNanos(),
            initial.toNanos() * Math.pow(multiplier, Math.min(failures, 64)));
    double jittered = base * (1 - jitter * random.nextDouble());
    return Duration.ofNanos(Math.max(1, (long) jittered));
  }
}
