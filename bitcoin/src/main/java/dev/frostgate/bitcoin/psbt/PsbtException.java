package dev.frostgate.bitcoin.psbt;

/** A PSBT that cannot be read, does not match our spend, or cannot be finished. */
public final class PsbtException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a PSBT was refused. */
  public enum Reason {
    /** Not a PSBT, or a PSBT that does not parse (magic, separators, duplicate keys, ...). */
    MALFORMED,
    /**
     * A PSBT of another version than 0, such as the BIP370 version 2 that Bitcoin Core writes by
     * default from v31's development branch on.
     */
    UNSUPPORTED_VERSION,
    /** The PSBT's transaction is not the spend's, or its UTXO data differs from ours. */
    MISMATCH,
    /** An input lacks its witness UTXO or Taproot fields. */
    MISSING_DATA,
    /** An input has no Taproot key-path signature. */
    MISSING_SIGNATURE,
    /** A signature has the wrong length or does not verify. */
    BAD_SIGNATURE,
    /** bitcoin-kmp refused to update, finalize or extract. */
    CANNOT_FINALIZE
  }

  private final Reason reason;

  public PsbtException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public PsbtException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
