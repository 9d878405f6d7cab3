package dev.frostgate.crypto.ec;

import dev.frostgate.crypto.hash.FixedBytes;

/**
 * A 64-byte BIP340 Schnorr signature as an immutable value. It is only bytes: holding one says
 * nothing about its validity, which {@link Secp256k1#verifySchnorr} decides against a message and
 * key. Encodings keep the raw bytes: codecs convert at the edge with {@link #bytes()}.
 */
public final class Bip340Signature extends FixedBytes<Bip340Signature> {
  public static final int LENGTH = 64;

  private Bip340Signature(byte[] bytes) {
    super(bytes, LENGTH, "BIP340 signature");
  }

  /**
   * A copy of {@code bytes}.
   *
   * @throws IllegalArgumentException if it is not 64 bytes long
   */
  public static Bip340Signature of(byte[] bytes) {
    return new Bip340Signature(bytes);
  }

  /**
   * Parses 128 hex digits.
   *
   * @throws IllegalArgumentException if it is not 128 hex digits
   */
  public static Bip340Signature fromHex(String hex) {
    return new Bip340Signature(parseHex(hex, LENGTH, "BIP340 signature"));
  }
}
