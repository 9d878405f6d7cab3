package dev.frostgate.node.keystore;

/**
 * A key store operation failed. {@link #reason()} says why; messages name files, validators,
 * ciphersuites and token slots, never a passphrase, a PIN or a share.
 */
public final class KeyStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the operation failed. */
  public enum Reason {
    /** No key file for this validator and group key. */
    NOT_FOUND,
    /** The file is not a key file, is truncated, has trailing bytes or a field out of range. */
    MALFORMED_FILE,
    /** The file has a format version this build does not read. */
    UNSUPPORTED_VERSION,
    /** The file is protected another way (passphrase vs. PKCS#11 token key). */
    WRONG_PROTECTION,
    /** The file belongs to another validator. */
    VALIDATOR_MISMATCH,
    /** The file holds a share of another group key. */
    GROUP_KEY_MISMATCH,
    /** The file holds a key package for another ciphersuite. */
    CIPHERSUITE_MISMATCH,
    /**
     * AES-GCM authentication failed under a passphrase-derived key: either the passphrase is wrong
     * or the file was altered. GCM cannot tell the two apart.
     */
    WRONG_PASSPHRASE_OR_CORRUPTED,
    /**
     * AES-GCM authentication failed under the token key: the file was altered or was written under
     * another token key. GCM cannot tell the two apart.
     */
    CORRUPTED_OR_OTHER_TOKEN_KEY,
    /** The token rejected the PIN (or the PIN is locked). */
    WRONG_PIN,
    /** The PIN environment variable is not set or is empty. */
    PIN_MISSING,
    /** The token holds no wrapping key under the configured label. */
    TOKEN_KEY_MISSING,
    /** The token's wrapping key is unsuitable (wrong type, or its value can be read out). */
    TOKEN_KEY_UNSUITABLE,
    /** The PKCS#11 library or slot could not be used. */
    TOKEN_UNAVAILABLE,
    /** Reading or writing a file failed. */
    IO_ERROR
  }

  private final Reason reason;

  public KeyStoreException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public KeyStoreException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
