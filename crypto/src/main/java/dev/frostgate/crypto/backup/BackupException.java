package dev.frostgate.crypto.backup;

import dev.frostgate.crypto.ec.CryptoException;
import java.util.List;

/**
 * A backup piece could not be decoded, or a set of pieces could not be combined. {@link #reason()}
 * says why; {@link #pieceIndices()} names the pieces at fault where that is known. Messages never
 * contain secret bytes or piece data.
 */
public final class BackupException extends CryptoException {
  private static final long serialVersionUID = 1L;

  /** Why decoding or combining failed. */
  public enum Reason {
    /** The text form does not start with the expected prefix, or is not lowercase hex. */
    MALFORMED_TEXT,
    /** The format version is not one this code reads. */
    UNSUPPORTED_VERSION,
    /** The encoding ends before all fields and the checksum. */
    TRUNCATED,
    /** Bytes follow the checksum. */
    TRAILING_DATA,
    /** A field holds a value outside its range (a producer bug, the checksum matched). */
    MALFORMED_FIELD,
    /** A piece's checksum does not match its contents: it was altered or damaged. */
    CORRUPTED_PIECE,
    /** Fewer pieces than the threshold. */
    NOT_ENOUGH_PIECES,
    /** The pieces come from more than one backup (different set ids). */
    MIXED_SETS,
    /** Pieces of the same set disagree on threshold, count, length or version. */
    INCONSISTENT_PARAMETERS,
    /** Two pieces carry the same index. */
    DUPLICATE_INDEX,
    /** The pieces combine to a valid secret, but these pieces do not lie on its polynomial. */
    INCONSISTENT_PIECES,
    /** The combined payload fails its digest: at least one piece is wrong. */
    DIGEST_MISMATCH
  }

  private final Reason reason;
  private final List<Integer> pieceIndices;

  BackupException(Reason reason, String message) {
    this(reason, message, List.of());
  }

  BackupException(Reason reason, String message, List<Integer> pieceIndices) {
    super(reason + ": " + message);
    this.reason = reason;
    this.pieceIndices = List.copyOf(pieceIndices);
  }

  public Reason reason() {
    return reason;
  }

  /** The indices (x coordinates) of the pieces at fault, ascending; empty when not attributable. */
  public List<Integer> pieceIndices() {
    return pieceIndices;
  }
}
