package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;

/** Strict element and scalar decoding that names the field on failure. */
public final class Encodings {
  private Encodings() {}

  /** A 33-byte compressed point; rejects off-curve, malformed and identity encodings. */
  public static Point point(byte[] bytes, String field) {
    if (bytes.length != 33) {
      throw new FrostException(
          FrostException.Kind.MALFORMED_ELEMENT,
          field + ": element must be 33 bytes, got " + bytes.length);
    }
    boolean zero = true;
    for (byte b : bytes) {
      zero &= b == 0;
    }
    if (zero) {
      throw new FrostException(FrostException.Kind.IDENTITY_ELEMENT, field + ": identity element");
    }
    if (bytes[0] != 2 && bytes[0] != 3) {
      throw new FrostException(
          FrostException.Kind.MALFORMED_ELEMENT, field + ": element prefix must be 02 or 03");
    }
    try {
      return Point.decode(bytes);
    } catch (CryptoException e) {
      throw new FrostException(
          FrostException.Kind.MALFORMED_ELEMENT, field + ": " + e.getMessage());
    }
  }

  /** A 32-byte big-endian scalar below n. */
  public static Scalar scalar(byte[] bytes, String field) {
    try {
      return Scalar.fromBytes(bytes);
    } catch (CryptoException e) {
      throw new FrostException(FrostException.Kind.MALFORMED_SCALAR, field + ": " + e.getMessage());
    }
  }

  /** A 32-byte secret scalar in [1, n). */
  public static SecretScalar secret(byte[] bytes, String field) {
    try {
      return SecretScalar.fromBytes(bytes);
    } catch (CryptoException e) {
      throw new FrostException(FrostException.Kind.MALFORMED_SCALAR, field + ": " + e.getMessage());
    }
  }
}
