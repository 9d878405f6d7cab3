package dev.frostgate.engine.wire;

import java.util.Objects;

/** The outcome of checking an inbound message: accepted with its verified envelope, or rejected. */
public sealed interface WireResult {

  /** The message passed every check. */
  record Accepted(VerifiedEnvelope envelope) implements WireResult {
    public Accepted {
      Objects.requireNonNull(envelope, "envelope");
    }
  }

  /** The message was rejected; {@code detail} is for logs and never contains secrets. */
  record Rejected(RejectReason reason, String detail) implements WireResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }

  static WireResult reject(RejectReason reason, String detail) {
    return new Rejected(reason, detail);
  }

  default boolean isAccepted() {
    return this instanceof Accepted;
  }

  /** The rejection reason, for callers that only need it; throws if accepted. */
  default RejectReason reason() {
    if (this instanceof Rejected r) {
      return r.reason();
    }
    throw new IllegalStateException("message was accepted");
  }

  /** The verified envelope; throws if rejected. */
  default VerifiedEnvelope envelope() {
    if (this instanceof Accepted a) {
      return a.envelope();
    }
    Rejected r = (Rejected) this;
    throw new IllegalStateException("message was rejected: " + r.reason() + " " + r.detail());
  }
}
