package dev.frostgate.crypto.backup;

import static dev.frostgate.crypto.backup.BackupException.Reason.CORRUPTED_PIECE;
import static dev.frostgate.crypto.backup.BackupException.Reason.MALFORMED_FIELD;
import static dev.frostgate.crypto.backup.BackupException.Reason.MALFORMED_TEXT;
import static dev.frostgate.crypto.backup.BackupException.Reason.TRAILING_DATA;
import static dev.frostgate.crypto.backup.BackupException.Reason.TRUNCATED;
import static dev.frostgate.crypto.backup.BackupException.Reason.UNSUPPORTED_VERSION;

import dev.frostgate.crypto.hash.Hashes;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One piece of a k-of-m Shamir backup. Immutable; made only by {@link ShamirBackup#split} or by the
 * strict decoders {@link #decode(byte[])} and {@link #fromText(String)}.
 *
 * <p>Encoding, version 1 (all integers unsigned, big-endian):
 *
 * <pre>
 *   version      1 byte   = 1
 *   set id       8 bytes  random per split
 *   threshold k  1 byte   1..m
 *   count m      1 byte   1..255
 *   index x      1 byte   1..m (the x coordinate)
 *   length L     2 bytes  secret length + 16, so 17..4112
 *   data         L bytes  f_j(x) for each byte j of secret ‖ digest
 *   checksum     8 bytes  first 8 bytes of taggedHash("Frostgate/backup-piece", all of the above)
 * </pre>
 *
 * The text form is {@code fgbk1-} followed by the lowercase hex of the encoding. A single piece
 * reveals nothing about the secret unless k = 1; {@link #toString()} never prints the data.
 */
public final class BackupPiece {
  public static final int VERSION = 1;
  public static final String TEXT_PREFIX = "fgbk1-";
  public static final int SET_ID_LENGTH = 8;
  public static final int DIGEST_LENGTH = 16;
  public static final int CHECKSUM_LENGTH = 8;
  public static final int MAX_SECRET_LENGTH = 4096;
  public static final int MAX_PIECES = 255;

  static final String CHECKSUM_TAG = "Frostgate/backup-piece";
  private static final int HEADER_LENGTH = 1 + SET_ID_LENGTH + 1 + 1 + 1 + 2;
  private static final int MIN_PAYLOAD = 1 + DIGEST_LENGTH;
  private static final int MAX_PAYLOAD = MAX_SECRET_LENGTH + DIGEST_LENGTH;
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] setId;
  private final int threshold;
  private final int count;
  private final int index;
  private final byte[] data;

  /** Takes ownership of the arrays; the caller has checked every field. */
  private BackupPiece(byte[] setId, int threshold, int count, int index, byte[] data) {
    this.setId = setId;
    this.threshold = threshold;
    this.count = count;
    this.index = index;
    this.data = data;
  }

  /** For {@link ShamirBackup}: the fields are produced there and valid by construction. */
  static BackupPiece create(byte[] setId, int threshold, int count, int index, byte[] data) {
    if (setId.length != SET_ID_LENGTH
        || threshold < 1
        || threshold > count
        || count > MAX_PIECES
        || index < 1
        || index > count
        || data.length < MIN_PAYLOAD
        || data.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException("invalid backup piece fields");
    }
    return new BackupPiece(setId.clone(), threshold, count, index, data.clone());
  }

  /**
   * Strictly decodes the binary form.
   *
   * @throws BackupException with reason UNSUPPORTED_VERSION, TRUNCATED, TRAILING_DATA,
   *     MALFORMED_FIELD or CORRUPTED_PIECE (naming the index the piece claims)
   */
  public static BackupPiece decode(byte[] encoded) {
    Objects.requireNonNull(encoded, "encoded");
    if (encoded.length == 0) {
      throw new BackupException(TRUNCATED, "backup piece is empty");
    }
    int version = encoded[0] & 0xFF;
    if (version != VERSION) {
      throw new BackupException(
          UNSUPPORTED_VERSION,
          "backup piece has format version " + version + ", this build reads version " + VERSION);
    }
    if (encoded.length < HEADER_LENGTH) {
      throw new BackupException(
          TRUNCATED,
          "backup piece is "
              + encoded.length
              + " bytes, shorter than its "
              + HEADER_LENGTH
              + "-byte header");
    }
    int payloadLength = ((encoded[12] & 0xFF) << 8) | (encoded[13] & 0xFF);
    int claimedIndex = encoded[11] & 0xFF;
    if (payloadLength < MIN_PAYLOAD || payloadLength > MAX_PAYLOAD) {
      // Could be damage in the length field or a producer bug; either way the piece is unusable.
      throw new BackupException(
          MALFORMED_FIELD,
          "backup piece (index "
              + claimedIndex
              + ") declares a data length of "
              + payloadLength
              + ", outside "
              + MIN_PAYLOAD
              + ".."
              + MAX_PAYLOAD,
          List.of(claimedIndex));
    }
    int expected = HEADER_LENGTH + payloadLength + CHECKSUM_LENGTH;
    if (encoded.length < expected) {
      throw new BackupException(
          TRUNCATED,
          "backup piece (index "
              + claimedIndex
              + ") is "
              + encoded.length
              + " bytes, expected "
              + expected,
          List.of(claimedIndex));
    }
    if (encoded.length > expected) {
      throw new BackupException(
          TRAILING_DATA,
          "backup piece (index "
              + claimedIndex
              + ") has "
              + (encoded.length - expected)
              + " bytes after its checksum",
          List.of(claimedIndex));
    }
    byte[] body = Arrays.copyOfRange(encoded, 0, expected - CHECKSUM_LENGTH);
    byte[] checksum = Arrays.copyOfRange(encoded, expected - CHECKSUM_LENGTH, expected);
    if (!MessageDigest.isEqual(checksum(body), checksum)) {
      throw new BackupException(
          CORRUPTED_PIECE,
          "backup piece with index "
              + claimedIndex
              + " is corrupted (checksum mismatch); the index itself may be the damaged byte",
          List.of(claimedIndex));
    }
    int threshold = encoded[9] & 0xFF;
    int count = encoded[10] & 0xFF;
    if (count < 1 || threshold < 1 || threshold > count) {
      throw new BackupException(
          MALFORMED_FIELD,
          "backup piece (index " + claimedIndex + ") has threshold " + threshold + " of " + count,
          List.of(claimedIndex));
    }
    if (claimedIndex < 1 || claimedIndex > count) {
      throw new BackupException(
          MALFORMED_FIELD,
          "backup piece has index " + claimedIndex + ", outside 1.." + count,
          List.of(claimedIndex));
    }
    byte[] setId = Arrays.copyOfRange(encoded, 1, 1 + SET_ID_LENGTH);
    byte[] data = Arrays.copyOfRange(body, HEADER_LENGTH, HEADER_LENGTH + payloadLength);
    Arrays.fill(body, (byte) 0);
    return new BackupPiece(setId, threshold, count, claimedIndex, data);
  }

  /**
   * Strictly decodes the text form {@code fgbk1-<lowercase hex>}: no whitespace, no uppercase.
   *
   * @throws BackupException with reason MALFORMED_TEXT, or any reason of {@link #decode(byte[])}
   */
  public static BackupPiece fromText(String text) {
    Objects.requireNonNull(text, "text");
    if (!text.startsWith(TEXT_PREFIX)) {
      throw new BackupException(
          MALFORMED_TEXT, "backup piece text must start with \"" + TEXT_PREFIX + "\"");
    }
    String hex = text.substring(TEXT_PREFIX.length());
    if (hex.length() % 2 != 0) {
      throw new BackupException(
          MALFORMED_TEXT,
          "backup piece text has an odd number of hex digits (" + hex.length() + ")");
    }
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw new BackupException(
            MALFORMED_TEXT,
            "backup piece text has a character that is not a lowercase hex digit at position "
                + (TEXT_PREFIX.length() + i));
      }
    }
    byte[] bytes = HEX.parseHex(hex);
    try {
      return decode(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** The canonical binary encoding (see the class comment). */
  public byte[] encode() {
    byte[] body = new byte[HEADER_LENGTH + data.length];
    body[0] = (byte) VERSION;
    System.arraycopy(setId, 0, body, 1, SET_ID_LENGTH);
    body[9] = (byte) threshold;
    body[10] = (byte) count;
    body[11] = (byte) index;
    body[12] = (byte) (data.length >>> 8);
    body[13] = (byte) data.length;
    System.arraycopy(data, 0, body, HEADER_LENGTH, data.length);
    byte[] out = Arrays.copyOf(body, body.length + CHECKSUM_LENGTH);
    System.arraycopy(checksum(body), 0, out, body.length, CHECKSUM_LENGTH);
    Arrays.fill(body, (byte) 0);
    return out;
  }

  /** {@code fgbk1-} followed by the lowercase hex of {@link #encode()}. */
  public String toText() {
    byte[] encoded = encode();
    try {
      return TEXT_PREFIX + HEX.formatHex(encoded);
    } finally {
      Arrays.fill(encoded, (byte) 0);
    }
  }

  static byte[] checksum(byte[] body) {
    return Arrays.copyOf(Hashes.taggedHash(CHECKSUM_TAG, body), CHECKSUM_LENGTH);
  }

  public int version() {
    return VERSION;
  }

  /** A copy of the 8-byte set id shared by all pieces of one split. */
  public byte[] setId() {
    return setId.clone();
  }

  public String setIdHex() {
    return HEX.formatHex(setId);
  }

  /** k: how many pieces recover the secret. */
  public int threshold() {
    return threshold;
  }

  /** m: how many pieces the split produced. */
  public int count() {
    return count;
  }

  /** This piece's x coordinate, 1..m. */
  public int index() {
    return index;
  }

  /** Length of the backed-up secret in bytes. */
  public int secretLength() {
    return data.length - DIGEST_LENGTH;
  }

  /** Length of the shared payload (secret ‖ digest). */
  int payloadLength() {
    return data.length;
  }

  /** For {@link ShamirBackup}: the live data array; never modified, never handed out. */
  byte[] data() {
    return data;
  }

  boolean sameSet(BackupPiece other) {
    return Arrays.equals(setId, other.setId);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BackupPiece p
        && threshold == p.threshold
        && count == p.count
        && index == p.index
        && Arrays.equals(setId, p.setId)
        && MessageDigest.isEqual(data, p.data);
  }

  @Override
  public int hashCode() {
    // Deliberately excludes the data.
    return Objects.hash(Arrays.hashCode(setId), threshold, count, index, data.length);
  }

  @Override
  public String toString() {
    return "BackupPiece[set="
        + setIdHex()
        + ", index="
        + index
        + " of "
        + count
        + ", threshold="
        + threshold
        + ", secretLength="
        + secretLength()
        + ", data=redacted]";
  }
}
