package dev.frostgate.engine.wire;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of one inbound check or decode step: accepted with what it produced (a verified
 * envelope, an engine message, a DKG message), or rejected with a typed reason. One type for every
 * stage, so a pipeline can chain the stages ({@link #then}) and count any rejection the same way
 * ({@link PeerStatsRecorder#record}).
 */
public sealed interface Decoded<T> {

  /** The input passed this step. */
  record Accepted<T>(T value) implements Decoded<T> {
    public Accepted {
      Objects.requireNonNull(value, "value");
    }
  }

  /** The input was rejected; {@code detail} is for logs and never contains secrets. */
  record Rejected<T>(RejectReason reason, String detail) implements Decoded<T> {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    /** The same rejection as the outcome of a later step. */
    @SuppressWarnings("unchecked")
    <U> Rejected<U> retype() {
      return (Rejected<U>) this;
    }
  }

  static <T> Decoded<T> accept(T value) {
    return new Accepted<>(value);
  }

  static <T> Decoded<T> reject(RejectReason reason, String detail) {
    return new Rejected<>(reason, detail);
  }

  /** Runs {@code next} on what this step accepted; a rejection passes through unchanged. */
  default <U> Decoded<U> then(Function<? super T, Decoded<U>> next) {
    return switch (this) {
      case Accepted<T> a -> next.apply(a.value());
      case Rejected<T> r -> r.retype();
    };
  }

  /** What this step accepted, or empty if it rejected (the reason dropped). */
  default Optional<T> toOptional() {
    return this instanceof Accepted<T> a ? Optional.of(a.value()) : Optional.empty();
  }

  default boolean isAccepted() {
    return this instanceof Accepted;
  }

  /** The rejection reason, for callers that only need it; throws if accepted. */
  default RejectReason reason() {
    if (this instanceof Rejected<T> r) {
      return r.reason();
    }
    throw new IllegalStateException("input was accepted");
  }

  /** What this step accepted; throws if rejected. */
  default T value() {
    return switch (this) {
      case Accepted<T> a -> a.value();
      case Rejected<T> r ->
          throw new IllegalStateException("input was rejected: " + r.reason() + " " + r.detail());
    };
  }
}
