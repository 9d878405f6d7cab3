package dev.frostgate.crypto.hash;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The shared shape of an immutable value of a fixed number of bytes ({@link Hash32}, {@code
 * crypto.ec.Bip340Signature}): it owns its array (copied in and out), compares by value, orders
 * unsigned-lexicographically and prints as hex. Two values are equal only if they are of the same
 * class, so a hash never equals a signature that happens to share its bytes.
 */
public abstract class FixedBytes<T extends FixedBytes<T>> implements Comparable<T> {
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  /**
   * Copies {@code bytes}, which must be {@code length} long.
   *
   * @param what names the value in the error, e.g. "transcript hash"
   * @throws IllegalArgumentException naming {@code what} and the lengths if the length is wrong
   */
  protected FixedBytes(byte[] bytes, int length, String what) {
    if (bytes == null) {
      throw new IllegalArgumentException(what + " is missing (expected " + length + " bytes)");
    }
    if (bytes.length != length) {
      throw new IllegalArgumentException(
          what + " must be " + length + " bytes, got " + bytes.length);
    }
    this.bytes = bytes.clone();
  }

  /** Parses {@code length} bytes of hex, naming {@code what} in the error. */
  protected static byte[] parseHex(String hex, int length, String what) {
    if (hex == null || hex.length() != 2 * length) {
      throw new IllegalArgumentException(
          what
              + " must be "
              + 2 * length
              + " hex digits, got "
              + (hex == null ? "none" : hex.length()));
    }
    try {
      return HEX.parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not hex", e);
    }
  }

  /** A copy of the bytes. */
  public final byte[] bytes() {
    return bytes.clone();
  }

  /** Unsigned-lexicographic order of the bytes (the order of their hex). */
  @Override
  public final int compareTo(T other) {
    return Arrays.compareUnsigned(bytes, ((FixedBytes<?>) other).bytes);
  }

  @Override
  public final boolean equals(Object o) {
    return o != null
        && o.getClass() == getClass()
        && Arrays.equals(bytes, ((FixedBytes<?>) o).bytes);
  }

  @Override
  public final int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** The bytes as lowercase hex. */
  @Override
  public final String toString() {
    return HEX.formatHex(bytes);
  }
}
