package dev.frostgate.crypto.hash;

/**
 * A 32-byte hash (a SHA-256 or tagged-hash digest: transcript hashes, views, digests, BIP341
 * sighashes) as an immutable value, so records that hold one get value {@code equals} and need no
 * defensive copies. Encodings keep the raw bytes: codecs convert at the edge with {@link #bytes()}.
 */
public final class Hash32 extends FixedBytes<Hash32> {
  public static final int LENGTH = 32;

  private Hash32(byte[] bytes) {
    super(bytes, LENGTH, "32-byte hash");
  }

  /**
   * A copy of {@code bytes}.
   *
   * @throws IllegalArgumentException if it is not 32 bytes long
   */
  public static Hash32 of(byte[] bytes) {
    return new Hash32(bytes);
  }

  /**
   * Parses 64 hex digits.
   *
   * @throws IllegalArgumentException if it is not 64 hex digits
   */
  public static Hash32 fromHex(String hex) {
    return new Hash32(parseHex(hex, LENGTH, "32-byte hash"));
  }
}
