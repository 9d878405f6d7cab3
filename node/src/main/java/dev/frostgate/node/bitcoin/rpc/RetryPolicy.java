package dev.frostgate.node.bitcoin.rpc;

import java.time.Duration;
import java.util.Objects;

/**
 * Retries with exponential backoff, used only for transient failures: connection refused, HTTP
 * 502/503, Core's {@code RPC_IN_WARMUP} (-28), and a connection closed mid-answer for methods that
 * are safe to repeat. Never for application errors, never for timeouts.
 *
 * @param maxAttempts total attempts including the first, at least 1
 * @param initialBackoff wait before the second attempt
 * @param maxBackoff upper bound of any single wait
 * @param multiplier growth of the wait per attempt, at least 1
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier) {

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
      throw new IllegalArgumentException("backoff must not be negative");
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be >= 1: " + multiplier);
    }
  }

  /** 6 attempts, 200 ms doubling up to 5 s (about 11 s in all). */
  public static RetryPolicy defaults() {
    return new RetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(5), 2.0);
  }

  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.0);
  }

  /** The wait after failed attempt number {@code attempt} (1-based). */
  public Duration backoffAfter(int attempt) {
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
    long capped = (long) Math.min(millis, (double) maxBackoff.toMillis());
    return Duration.ofMillis(capped);
  }
}
