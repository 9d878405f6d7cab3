package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.hash.Hashes;
import java.util.Arrays;

/**
 * FROST-secp256k1-SHA256-TR-v1: byte-compatible with the Zcash Foundation's {@code
 * frost-secp256k1-tr} as released (v2.2.0, v3.0.0). The challenge is BIP340's, keys and the group
 * commitment are normalised to even y, and DKG output is tweaked per BIP341 with an empty script
 * tree, so the group key is always a Taproot output key (the tweak is never skipped).
 */
public final class TaprootCiphersuite implements Ciphersuite {
  static final String CONTEXT = "FROST-secp256k1-SHA256-TR-v1";

  TaprootCiphersuite() {}

  @Override
  public String contextString() {
    return CONTEXT;
  }

  /** BIP340 challenge: tagged hash, reduced mod n. */
  @Override
  public Scalar h2(byte[] m) {
    return Scalar.reduce(Hashes.taggedHash("BIP0340/challenge", m));
  }

  @Override
  public Scalar challenge(Point groupCommitment, Point verifyingKey, byte[] message) {
    return h2(Hashes.concat(groupCommitment.xOnly(), verifyingKey.xOnly(), message));
  }

  @Override
  public KeyPackage preSign(KeyPackage keyPackage) {
    return keyPackage.withEvenY();
  }

  @Override
  public PublicKeyPackage preAggregate(PublicKeyPackage publicKeyPackage) {
    return publicKeyPackage.withEvenY();
  }

  @Override
  public boolean negatesNonces(Point groupCommitment) {
    return !groupCommitment.hasEvenY();
  }

  /** BIP341 key-path tweak with an empty script tree: t = H_TapTweak(x(P)). */
  public static Scalar taprootTweak(Point internalKey, byte[] merkleRoot) {
    return Scalar.reduce(Hashes.taggedHash("TapTweak", internalKey.xOnly(), merkleRoot));
  }

  @Override
  public KeyPackage postDkg(KeyPackage keyPackage) {
    return keyPackage.withEvenY().tweak(taprootTweak(keyPackage.verifyingKey(), new byte[0]));
  }

  @Override
  public PublicKeyPackage postDkg(PublicKeyPackage publicKeyPackage) {
    return publicKeyPackage
        .withEvenY()
        .tweak(taprootTweak(publicKeyPackage.verifyingKey(), new byte[0]));
  }

  @Override
  public byte[] serializeSignature(Signature signature) {
    return Hashes.concat(signature.r().xOnly(), signature.z().toBytes());
  }

  @Override
  public Signature deserializeSignature(byte[] bytes) {
    if (bytes.length != 64) {
      throw new FrostException(
          FrostException.Kind.MALFORMED_ENCODING,
          "signature must be 64 bytes for " + CONTEXT + ", got " + bytes.length);
    }
    byte[] r = new byte[33];
    r[0] = 2; // BIP340 signatures always carry an even-y R
    System.arraycopy(bytes, 0, r, 1, 32);
    return new Signature(
        Encodings.point(r, "signature R"),
        Encodings.scalar(Arrays.copyOfRange(bytes, 32, 64), "signature z"));
  }

  /** BIP340 verification by libsecp256k1 against the x-only key. */
  @Override
  public boolean verify(Signature signature, byte[] message, Point verifyingKey) {
    try {
      return Secp256k1.verifySchnorr(serializeSignature(signature), message, verifyingKey.xOnly());
    } catch (CryptoException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return CONTEXT;
  }
}
