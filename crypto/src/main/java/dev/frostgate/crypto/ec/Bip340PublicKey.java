package dev.frostgate.crypto.ec;

import dev.frostgate.crypto.hash.FixedBytes;

/**
 * A 32-byte x-only BIP340 public key (a validator's identity key) as an immutable value. It is only
 * bytes: holding one says nothing about whether it is the x coordinate of a curve point, which
 * {@link Point#liftX} decides and which {@link Secp256k1#verifySchnorr} treats as a signature that
 * does not verify. Encodings keep the raw bytes: codecs convert at the edge with {@link #bytes()}.
 */
public final class Bip340PublicKey extends FixedBytes<Bip340PublicKey> {
  public static final int LENGTH = 32;

  private Bip340PublicKey(byte[] bytes) {
    super(bytes, LENGTH, "x-only public key");
  }

  /** The x-only key of {@code point} (its x coordinate). */
  public static Bip340PublicKey of(Point point) {
    return of(point.xOnly());
  }

  /** A copy of {@code bytes}; throws IllegalArgumentException if it is not 32 bytes long. */
  public static Bip340PublicKey of(byte[] bytes) {
    return new Bip340PublicKey(bytes);
  }
}
