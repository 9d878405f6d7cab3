package dev.frostgate.crypto.codec;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Encodings;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.FrostException.Kind;
import dev.frostgate.crypto.frost.Identifier;
import java.util.Arrays;

/**
 * Reads the body of one {@link FrostCodec} encoding: everything between the 5-byte header and the
 * 4-byte checksum. Every failure is a {@link FrostException} whose message starts with {@code
 * Type.field}; no message contains field values.
 */
final class CodecReader {
  private final byte[] data;
  private final String type;
  private final int limit;
  private int pos;

  /** A reader over {@code data[start, limit)}; the caller has checked the bounds. */
  CodecReader(byte[] data, String type, int start, int limit) {
    this.data = data;
    this.type = type;
    this.pos = start;
    this.limit = limit;
  }

  FrostException fail(Kind kind, String field, String problem) {
    return new FrostException(kind, type + "." + field + ": " + problem);
  }

  private void need(int n, String field) {
    if (limit - pos < n) {
      throw fail(
          Kind.MALFORMED_ENCODING,
          field,
          "truncated: needs " + n + " bytes, " + Math.max(0, limit - pos) + " remain");
    }
  }

  int u16(String field) {
    need(2, field);
    int v = ((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  /** An unsigned 32-bit length; values above {@link Integer#MAX_VALUE} come back negative. */
  int u32(String field) {
    need(4, field);
    int v =
        ((data[pos] & 0xff) << 24)
            | ((data[pos + 1] & 0xff) << 16)
            | ((data[pos + 2] & 0xff) << 8)
            | (data[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  /** A 2-byte count in [min, max]. */
  int count(String field, int min, int max) {
    int n = u16(field);
    if (n < min || n > max) {
      throw fail(
          Kind.MALFORMED_ENCODING, field, "must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }

  byte[] bytes(int n, String field) {
    need(n, field);
    byte[] out = Arrays.copyOfRange(data, pos, pos + n);
    pos += n;
    return out;
  }

  Identifier identifier(String field) {
    Scalar s = Encodings.scalar(bytes(32, field), type + "." + field);
    if (s.isZero()) {
      throw fail(Kind.MALFORMED_SCALAR, field, "identifier is zero");
    }
    return new Identifier(s);
  }

  Point point(String field) {
    return Encodings.point(bytes(33, field), type + "." + field);
  }

  Scalar scalar(String field) {
    return Encodings.scalar(bytes(32, field), type + "." + field);
  }

  /** A secret scalar in [1, n); the temporary copy is wiped. */
  SecretScalar secret(String field) {
    byte[] b = bytes(32, field);
    try {
      return Encodings.secret(b, type + "." + field);
    } finally {
      Arrays.fill(b, (byte) 0);
    }
  }

  /** Rejects bytes left between the body and the checksum. */
  void end() {
    if (pos != limit) {
      int extra = limit - pos;
      throw new FrostException(
          Kind.MALFORMED_ENCODING,
          type + ": " + extra + " trailing byte(s) after the last field (non-canonical)");
    }
  }
}
