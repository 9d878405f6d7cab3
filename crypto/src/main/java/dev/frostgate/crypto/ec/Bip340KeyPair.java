package dev.frostgate.crypto.ec;

import dev.frostgate.crypto.hash.Hashes;
import java.util.Arrays;

/**
 * A BIP340 signing key with its public key computed once. libsecp256k1's {@code signSchnorr}
 * recomputes the public key on every call (two generator multiplications per signature); a
 * validator signs every protocol message with the same identity key, so this keeps d (already
 * negated for an even-y public key) and x(P), and each signature costs one generator
 * multiplication. All secret arithmetic stays in libsecp256k1; the nonce hash is reduced in
 * constant time. Follows BIP340's signing algorithm exactly (its vectors pass), for messages of any
 * length.
 */
public final class Bip340KeyPair {
  private final SecretScalar d;
  private final byte[] xOnly;

  private Bip340KeyPair(SecretScalar d, byte[] xOnly) {
    this.d = d;
    this.xOnly = xOnly;
  }

  /** Takes a copy of the secret key; the caller keeps (and wipes) its own. */
  public static Bip340KeyPair of(SecretScalar secretKey) {
    Point p = secretKey.publicPoint();
    SecretScalar d = p.hasEvenY() ? secretKey.copy() : secretKey.negate();
    return new Bip340KeyPair(d, p.xOnly());
  }

  /** The 32-byte x-only public key. */
  public byte[] publicKey() {
    return xOnly.clone();
  }

  /**
   * BIP340 Sign(sk, m) with auxiliary randomness a (32 bytes).
   *
   * @throws CryptoException in the negligible case that the nonce is zero
   */
  public byte[] sign(byte[] message, byte[] auxRand32) {
    if (auxRand32.length != 32) {
      throw new IllegalArgumentException("BIP340 auxiliary randomness must be 32 bytes");
    }
    byte[] dBytes = d.toBytes();
    byte[] t = Hashes.taggedHash("BIP0340/aux", auxRand32);
    for (int i = 0; i < 32; i++) {
      t[i] ^= dBytes[i];
    }
    Arrays.fill(dBytes, (byte) 0);
    byte[] rand = Hashes.taggedHash("BIP0340/nonce", t, xOnly, message);
    Arrays.fill(t, (byte) 0);
    byte[] wide = new byte[48];
    System.arraycopy(rand, 0, wide, 16, 32);
    Arrays.fill(rand, (byte) 0);
    byte[] reduced = WideReduction.reduce48(wide);
    Arrays.fill(wide, (byte) 0);
    SecretScalar k0;
    try {
      k0 = SecretScalar.fromBytes(reduced);
    } finally {
      Arrays.fill(reduced, (byte) 0);
    }
    Point r = k0.publicPoint();
    SecretScalar k = r.hasEvenY() ? k0 : k0.negate();
    byte[] rx = r.xOnly();
    Scalar e = Scalar.reduce(Hashes.taggedHash("BIP0340/challenge", rx, xOnly, message));
    SecretScalar ed = e.isZero() ? null : d.multiply(e);
    SecretScalar s = ed == null ? k.copy() : k.add(ed);
    try {
      return Hashes.concat(rx, s.reveal().toBytes());
    } finally {
      k0.destroy();
      k.destroy();
      if (ed != null) {
        ed.destroy();
      }
      s.destroy();
    }
  }

  /**
   * d·E: the Diffie–Hellman point of this identity key with another party's ephemeral key E
   * (secret: it decrypts what E's owner encrypted to this key). Uses the even-y secret, so the peer
   * computes the same point from the x-only public key.
   */
  public Point agree(Point ephemeral) {
    return d.multiply(ephemeral);
  }

  /**
   * A proof that {@code shared} = d·E for this key's d, bound to {@code context}: what a complaint
   * discloses so that anyone can decrypt exactly one share sent to this key.
   */
  public Dleq.Proof proveAgreement(Point ephemeral, Point shared, byte[] context) {
    return Dleq.prove(d, ephemeral, shared, context);
  }

  /** Wipes the secret key. */
  public void destroy() {
    d.destroy();
  }

  @Override
  public String toString() {
    return "Bip340KeyPair[" + java.util.HexFormat.of().formatHex(xOnly) + "]";
  }
}
