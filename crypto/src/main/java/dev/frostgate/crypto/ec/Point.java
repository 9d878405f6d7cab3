package dev.frostgate.crypto.ec;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;

/**
 * A point on secp256k1 other than the identity (libsecp256k1 cannot represent the identity, and no
 * FROST value may be it). Held uncompressed (65 bytes) because libsecp256k1 parses that form ≈4 µs
 * faster per call; compressed only at the wire.
 */
public final class Point {
  public static final Point G =
      ofUncompressedTrusted(
          HexFormat.of()
              .parseHex(
                  "0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                      + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8"));

  /**
   * The largest multiplier {@link #multiplySmallAdd} takes: up to here k additions cost less than
   * one general multiplication (measured with DkgBenchmark, docs/benchmarks.md).
   */
  public static final int MAX_SMALL_MULTIPLIER = 32;

  private final byte[] uncompressed;

  private Point(byte[] uncompressed) {
    this.uncompressed = uncompressed;
  }

  /** Wraps a 65-byte encoding produced by libsecp256k1 itself. */
  static Point ofUncompressedTrusted(byte[] uncompressed65) {
    return new Point(uncompressed65);
  }

  /**
   * Decodes a 33-byte compressed (or 65-byte uncompressed) SEC1 point, checking it is on the curve.
   *
   * @throws CryptoException if the encoding is malformed, off the curve, or the identity
   */
  public static Point decode(byte[] encoded) {
    if (encoded.length != 33 && encoded.length != 65) {
      throw new CryptoException("point must be 33 or 65 bytes, got " + encoded.length);
    }
    boolean allZero = true;
    for (byte b : encoded) {
      allZero &= b == 0;
    }
    if (allZero) {
      throw new CryptoException("point is the identity element");
    }
    byte[] parsed = Secp256k1.parse(encoded);
    if (parsed == null) {
      throw new CryptoException("point encoding is malformed or not on the curve");
    }
    return new Point(parsed);
  }

  public static Point fromHex(String hex) {
    return decode(HexFormat.of().parseHex(hex));
  }

  /** The point with even y and the given x coordinate (BIP340 lift_x). */
  public static Point liftX(byte[] x32) {
    if (x32.length != 32) {
      throw new CryptoException("x-only key must be 32 bytes, got " + x32.length);
    }
    byte[] enc = new byte[33];
    enc[0] = 2;
    System.arraycopy(x32, 0, enc, 1, 32);
    return decode(enc);
  }

  /** k·G for a public scalar k ≠ 0. */
  public static Point mulGenerator(Scalar k) {
    return new Point(Secp256k1.mulGenerator(k.toBytes()));
  }

  /** Sum of one or more points. */
  public static Point sum(Collection<Point> points) {
    if (points.isEmpty()) {
      throw new CryptoException("sum of no points is the identity");
    }
    if (points.size() == 1) {
      return points.iterator().next();
    }
    byte[][] raw = new byte[points.size()][];
    int i = 0;
    for (Point p : points) {
      raw[i++] = p.uncompressed;
    }
    return new Point(Secp256k1.combine(raw));
  }

  public Point add(Point other) {
    return new Point(Secp256k1.combine(new byte[][] {uncompressed, other.uncompressed}));
  }

  /** k·this for a public scalar k ≠ 0. */
  public Point multiply(Scalar k) {
    return new Point(Secp256k1.mul(uncompressed, k.toBytes()));
  }

  /**
   * k·this + addend for a small public k (1 ≤ k ≤ {@link #MAX_SMALL_MULTIPLIER}), as one
   * libsecp256k1 sum of k copies of this and the addend: k point additions and one normalisation,
   * about a tenth of a general multiplication ({@link #multiply}) for the identifiers a VSS
   * commitment is evaluated at (1..n).
   *
   * @throws CryptoException if the result is the identity
   */
  public Point multiplySmallAdd(int k, Point addend) {
    if (k < 1 || k > MAX_SMALL_MULTIPLIER) {
      throw new IllegalArgumentException("small multiplier out of range: " + k);
    }
    byte[][] terms = new byte[k + 1][];
    Arrays.fill(terms, 0, k, uncompressed);
    terms[k] = addend.uncompressed;
    return new Point(Secp256k1.combine(terms));
  }

  /**
   * this + t·G for a public t (t may be zero): libsecp256k1's generator multiplication, then one
   * addition, ≈ 17% faster than its tweak-add call (thread CPU time 20 against 24 µs here), which
   * runs a general two-point multiplication.
   *
   * @throws CryptoException if the result is the identity
   */
  public Point addMulGenerator(Scalar t) {
    return t.isZero() ? this : mulGenerator(t).add(this);
  }

  public Point negate() {
    return new Point(Secp256k1.negatePoint(uncompressed));
  }

  public boolean hasEvenY() {
    return (uncompressed[64] & 1) == 0;
  }

  /** This point, or its negation, whichever has even y. */
  public Point withEvenY() {
    return hasEvenY() ? this : negate();
  }

  /** 33-byte compressed SEC1 encoding. */
  public byte[] compressed() {
    byte[] out = new byte[33];
    out[0] = (byte) (hasEvenY() ? 2 : 3);
    System.arraycopy(uncompressed, 1, out, 1, 32);
    return out;
  }

  public byte[] uncompressed() {
    return uncompressed.clone();
  }

  /** The 32-byte x coordinate (BIP340 x-only encoding). */
  public byte[] xOnly() {
    return Arrays.copyOfRange(uncompressed, 1, 33);
  }

  public BigInteger x() {
    return new BigInteger(1, xOnly());
  }

  public String toHex() {
    return HexFormat.of().formatHex(compressed());
  }

  byte[] raw() {
    return uncompressed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Point p && Arrays.equals(p.uncompressed, uncompressed);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(uncompressed);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
