package dev.frostgate.crypto.ec;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A secret scalar in [1, n): a key share, a nonce, a polynomial coefficient. All arithmetic runs in
 * libsecp256k1's constant-time code. The bytes can be wiped with {@link #destroy()}; a destroyed
 * scalar refuses every further use. {@link #toString()} never prints the value.
 */
public final class SecretScalar {
  private final byte[] bytes;
  private boolean destroyed;

  private SecretScalar(byte[] ownedBytes) {
    this.bytes = ownedBytes;
  }

  /**
   * Copies and validates a 32-byte big-endian secret.
   *
   * @throws CryptoException if the length is wrong or the value is 0 or ≥ n (the message does not
   *     contain the value)
   */
  public static SecretScalar fromBytes(byte[] value) {
    if (value.length != 32) {
      throw new CryptoException("secret scalar must be 32 bytes, got " + value.length);
    }
    if (!Secp256k1.isValidSecret(value)) {
      throw new CryptoException("secret scalar is zero or not below the group order");
    }
    return new SecretScalar(value.clone());
  }

  /** Uniformly random in [1, n), by rejection sampling. */
  public static SecretScalar random(SecureRandom random) {
    byte[] candidate = new byte[32];
    while (true) {
      random.nextBytes(candidate);
      if (Secp256k1.isValidSecret(candidate)) {
        return new SecretScalar(candidate);
      }
    }
  }

  /** Wraps library output this class now owns. */
  static SecretScalar own(byte[] bytes) {
    return new SecretScalar(bytes);
  }

  /**
   * Converts a public scalar into a secret one (for instance a public tweak added to a share).
   *
   * @throws CryptoException if the scalar is zero
   */
  public static SecretScalar fromPublic(Scalar scalar) {
    return fromBytes(scalar.toBytes());
  }

  /** An independent copy (destroying one does not affect the other). */
  public SecretScalar copy() {
    return new SecretScalar(live().clone());
  }

  /** this + other (mod n). */
  public SecretScalar add(SecretScalar other) {
    return own(Secp256k1.scalarAdd(live(), other.live()));
  }

  /** this + t (mod n) for a public t (which may be zero). */
  public SecretScalar add(Scalar t) {
    return own(Secp256k1.scalarAdd(live(), t.toBytes()));
  }

  /** this · other (mod n). */
  public SecretScalar multiply(SecretScalar other) {
    return own(Secp256k1.scalarMul(live(), other.live()));
  }

  /** this · t (mod n) for a nonzero public t. */
  public SecretScalar multiply(Scalar t) {
    return own(Secp256k1.scalarMul(live(), t.toBytes()));
  }

  public SecretScalar negate() {
    return own(Secp256k1.scalarNegate(live()));
  }

  /**
   * this·P in libsecp256k1's constant-time multiplication. The result is as secret as this scalar
   * when P is another party's key (a Diffie–Hellman point); the caller decides what to publish.
   */
  public Point multiply(Point p) {
    return Point.ofUncompressedTrusted(Secp256k1.mul(p.raw(), live()));
  }

  /**
   * Reduces 48 uniformly random secret bytes (a wide hash output) modulo n in constant time.
   *
   * @throws CryptoException if the result is zero (probability 2^-256)
   */
  public static SecretScalar reduceWide(byte[] wide48) {
    byte[] reduced = WideReduction.reduce48(wide48);
    if (!Secp256k1.isValidSecret(reduced)) {
      Arrays.fill(reduced, (byte) 0);
      throw new CryptoException("wide reduction gave zero");
    }
    return own(reduced);
  }

  /** this·G, the public point of this secret. */
  public Point publicPoint() {
    return Point.ofUncompressedTrusted(Secp256k1.mulGenerator(live()));
  }

  /**
   * Reveals the value as a public scalar. Only for values that the protocol publishes anyway (a
   * signature share), or that the caller is about to serialize under encryption.
   */
  public Scalar reveal() {
    return Scalar.fromBytes(live());
  }

  /** A copy of the 32 big-endian bytes; the caller must wipe it after use. */
  public byte[] toBytes() {
    return live().clone();
  }

  private byte[] live() {
    if (destroyed) {
      throw new IllegalStateException("secret scalar was destroyed");
    }
    return bytes;
  }

  /** Overwrites the secret with zeros. */
  public void destroy() {
    Arrays.fill(bytes, (byte) 0);
    destroyed = true;
  }

  public boolean isDestroyed() {
    return destroyed;
  }

  /** Constant-time equality. */
  public boolean sameValue(SecretScalar other) {
    return MessageDigest.isEqual(live(), other.live());
  }

  @Override
  public String toString() {
    return destroyed ? "SecretScalar[destroyed]" : "SecretScalar[redacted]";
  }
}
