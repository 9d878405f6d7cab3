package dev.frostgate.node.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A token bucket (spec 8.3): holds up to {@link Rate#capacity} tokens, refills {@link
 * Rate#refillPerSecond} per second, and every inbound frame takes one. Immutable: {@link #take}
 * returns the next state, or nothing if no token is left (the caller keeps the old state; the
 * refill is recomputed from {@link #updated} next time, so nothing is lost).
 */
public record TokenBucket(Rate rate, double tokens, Instant updated) {
  /** The bucket's size and refill; the spec's default is {@link #DEFAULT}. */
  public record Rate(int capacity, double refillPerSecond) {
    /** 100 tokens, refilled at 10 per second (spec 8.3). */
    public static final Rate DEFAULT = new Rate(100, 10);

    public Rate {
      if (capacity < 1) {
        throw new IllegalArgumentException("token bucket capacity must be >= 1, got " + capacity);
      }
      if (!(refillPerSecond >= 0) || Double.isInfinite(refillPerSecond)) {
        throw new IllegalArgumentException(
            "token bucket refill must be a finite rate >= 0, got " + refillPerSecond);
      }
    }
  }

  public TokenBucket {
    Objects.requireNonNull(rate, "rate");
    Objects.requireNonNull(updated, "updated");
    if (!(tokens >= 0) || tokens > rate.capacity()) {
      throw new IllegalArgumentException("tokens must be in [0, capacity], got " + tokens);
    }
  }

  /** A full bucket at {@code now}. */
  public static TokenBucket full(Rate rate, Instant now) {
    return new TokenBucket(rate, rate.capacity(), now);
  }

  /** The bucket after refilling up to {@code now} (a clock that went back refills nothing). */
  public TokenBucket refilled(Instant now) {
    if (!now.isAfter(updated)) {
      return this;
    }
    double seconds = Duration.between(updated, now).toNanos() / 1e9;
    double refilled = Math.min(rate.capacity(), tokens + seconds * rate.refillPerSecond());
    return new TokenBucket(rate, refilled, now);
  }

  /** Takes one token at {@code now}: the next state, or empty if the bucket is empty. */
  public Optional<TokenBucket> take(Instant now) {
    TokenBucket current = refilled(now);
    if (current.tokens < 1) {
      return Optional.empty();
    }
    return Optional.of(new TokenBucket(rate, current.tokens - 1, current.updated));
  }
}
