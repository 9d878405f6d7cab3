package dev.frostgate.stacks.node;

/** A Stacks node that could not be reached, or answered something unusable; says which and why. */
public final class StacksNodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Kind {
    /** Connection refused, timeout, interrupted. */
    UNREACHABLE,
    /** An HTTP status the endpoint does not answer with normally. */
    HTTP_STATUS,
    /** A body that is not the JSON or Clarity value the endpoint returns. */
    MALFORMED_RESPONSE,
    /** A read-only call the node ran and reported as failed. */
    CALL_FAILED
  }

  private final Kind kind;

  public StacksNodeException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public StacksNodeException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
