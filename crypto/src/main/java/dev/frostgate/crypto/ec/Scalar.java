package dev.frostgate.crypto.ec;

import java.math.BigInteger;
import java.util.HexFormat;

/**
 * A <em>public</em> scalar modulo the group order n: identifiers, Lagrange coefficients, binding
 * factors, challenges, signature shares once published. Arithmetic uses {@link BigInteger}, which
 * is not constant time, so a secret value must never become a {@code Scalar}; secrets are {@link
 * SecretScalar}.
 */
public final class Scalar implements Comparable<Scalar> {
  public static final Scalar ZERO = new Scalar(BigInteger.ZERO);
  public static final Scalar ONE = new Scalar(BigInteger.ONE);

  private final BigInteger value;

  private Scalar(BigInteger value) {
    this.value = value;
  }

  /** Reduces any integer modulo n. */
  public static Scalar reduce(BigInteger value) {
    return new Scalar(value.mod(Secp256k1.N));
  }

  public static Scalar of(long value) {
    return reduce(BigInteger.valueOf(value));
  }

  /** Reduces a big-endian byte string of any length modulo n (public data only). */
  public static Scalar reduce(byte[] bigEndian) {
    return reduce(new BigInteger(1, bigEndian));
  }

  /**
   * Strictly decodes a 32-byte big-endian scalar; rejects a wrong length or a value ≥ n.
   *
   * @throws CryptoException naming the problem
   */
  public static Scalar fromBytes(byte[] bytes) {
    if (bytes.length != 32) {
      throw new CryptoException("scalar must be 32 bytes, got " + bytes.length);
    }
    BigInteger v = new BigInteger(1, bytes);
    if (v.compareTo(Secp256k1.N) >= 0) {
      throw new CryptoException("scalar is not below the group order");
    }
    return new Scalar(v);
  }

  public static Scalar fromHex(String hex) {
    return fromBytes(HexFormat.of().parseHex(hex));
  }

  public BigInteger toBigInteger() {
    return value;
  }

  /** 32-byte big-endian encoding. */
  public byte[] toBytes() {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }

  public String toHex() {
    return HexFormat.of().formatHex(toBytes());
  }

  public boolean isZero() {
    return value.signum() == 0;
  }

  public Scalar add(Scalar other) {
    return reduce(value.add(other.value));
  }

  public Scalar subtract(Scalar other) {
    return reduce(value.subtract(other.value));
  }

  public Scalar multiply(Scalar other) {
    return reduce(value.multiply(other.value));
  }

  public Scalar negate() {
    return reduce(value.negate());
  }

  /**
   * @throws CryptoException if this scalar is zero
   */
  public Scalar inverse() {
    if (isZero()) {
      throw new CryptoException("zero has no inverse");
    }
    return new Scalar(value.modInverse(Secp256k1.N));
  }

  @Override
  public int compareTo(Scalar o) {
    return value.compareTo(o.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scalar s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return toHex();
  }
}
