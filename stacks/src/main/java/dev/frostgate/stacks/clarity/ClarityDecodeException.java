package dev.frostgate.stacks.clarity;

/** A serialized Clarity value that a Stacks node would not accept: what is wrong, and where. */
public final class ClarityDecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What is wrong. */
  public enum Reason {
    TRUNCATED,
    TRAILING_BYTES,
    UNKNOWN_TYPE,
    TOO_DEEP,
    TOO_LARGE,
    BAD_NAME,
    UNSORTED_TUPLE,
    DUPLICATE_FIELD,
    BAD_ASCII,
    BAD_UTF8,
    BAD_PRINCIPAL,
    MIXED_LIST
  }

  private final Reason reason;
  private final int offset;

  public ClarityDecodeException(Reason reason, int offset, String detail) {
    super("Clarity value " + reason + " at byte " + offset + ": " + detail);
    this.reason = reason;
    this.offset = offset;
  }

  public Reason reason() {
    return reason;
  }

  /** Byte offset in the input where decoding failed. */
  public int offset() {
    return offset;
  }
}
