package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Scalar;
import java.util.ArrayList;
import java.util.List;

/**
 * A participant identifier: a nonzero scalar. Small integers in practice (1..n), but any nonzero
 * scalar is valid (ZF's derived identifiers). Ordered by numeric value, as RFC 9591 sorts them.
 */
public record Identifier(Scalar value) implements Comparable<Identifier> {

  public Identifier {
    if (value.isZero()) {
      throw new FrostException(
          FrostException.Kind.INVALID_IDENTIFIER, "identifier must be nonzero");
    }
  }

  public static Identifier of(long value) {
    if (value <= 0) {
      throw new FrostException(
          FrostException.Kind.INVALID_IDENTIFIER, "identifier must be positive, got " + value);
    }
    return new Identifier(Scalar.of(value));
  }

  /** Identifiers 1..n, in order: the participants of a group of n. */
  public static List<Identifier> range(int n) {
    List<Identifier> ids = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      ids.add(of(i));
    }
    return ids;
  }

  /** Strict 32-byte big-endian decoding. */
  public static Identifier fromBytes(byte[] bytes) {
    try {
      return new Identifier(Scalar.fromBytes(bytes));
    } catch (CryptoException e) {
      throw new FrostException(
          FrostException.Kind.INVALID_IDENTIFIER, "identifier: " + e.getMessage());
    }
  }

  /** ZF's derived identifier: HID(s) for an arbitrary byte string. */
  public static Identifier derive(Ciphersuite suite, byte[] name) {
    return new Identifier(suite.hid(name));
  }

  public byte[] toBytes() {
    return value.toBytes();
  }

  /** The numeric value if it fits in a long (small identifiers); otherwise -1. */
  public long smallValue() {
    return value.toBigInteger().bitLength() < 63 ? value.toBigInteger().longValue() : -1;
  }

  @Override
  public int compareTo(Identifier o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    long small = smallValue();
    return small > 0 ? Long.toString(small) : value.toHex();
  }
}
