package dev.frostgate.crypto.seal;

/** An encrypted share that cannot be opened or decoded. Messages never contain secret values. */
public final class SealException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Kind {
    /** The bytes are not a sealed share (length, point encoding, field). */
    MALFORMED,
    /**
     * The AEAD tag does not verify: the ciphertext was not made for this recipient key and context,
     * or was altered.
     */
    NOT_AUTHENTIC,
    /** The ciphertext is authentic but its plaintext is not a nonzero scalar below n. */
    NOT_A_SCALAR
  }

  private final Kind kind;

  public SealException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
