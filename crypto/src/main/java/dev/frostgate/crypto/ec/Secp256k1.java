package dev.frostgate.crypto.ec;

import fr.acinq.secp256k1.Secp256k1Exception;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The single door to libsecp256k1 (through ACINQ's JNI binding). Every operation on secret data
 * in Frostgate goes through here, so it runs in libsecp256k1's constant-time code.
 *
 * <p>The JNI functions overwrite their input arrays; every method here copies its inputs first,
 * so callers never see their arguments change.
 */
public final class Secp256k1 {

  /** The group order n. */
  public static final BigInteger N =
      new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

  /** The field prime p. */
  public static final BigInteger P =
      new BigInteger("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", 16);

  private static final fr.acinq.secp256k1.Secp256k1 LIB = fr.acinq.secp256k1.Secp256k1.get();

  private Secp256k1() {}

  static fr.acinq.secp256k1.Secp256k1 lib() {
    return LIB;
  }

  /** k·G for a secret or public scalar k (1 ≤ k < n); 65-byte uncompressed result. */
  static byte[] mulGenerator(byte[] scalar32) {
    try {
      return LIB.pubkeyCreate(scalar32.clone());
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      throw new CryptoException("scalar is zero or not below the group order");
    }
  }

  /** k·P; 65-byte uncompressed result. */
  static byte[] mul(byte[] point65, byte[] scalar32) {
    try {
      return LIB.pubKeyTweakMul(point65.clone(), scalar32.clone());
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      throw new CryptoException("point multiplication failed (zero or out-of-range scalar)");
    }
  }

  /** P + t·G; 65-byte uncompressed result. */
  static byte[] addMulGenerator(byte[] point65, byte[] scalar32) {
    try {
      return LIB.pubKeyTweakAdd(point65.clone(), scalar32.clone());
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      throw new CryptoException("point tweak failed (result is the identity)");
    }
  }

  /** Sum of points; fails if the sum is the identity. */
  static byte[] combine(byte[][] points65) {
    byte[][] copies = new byte[points65.length][];
    for (int i = 0; i < points65.length; i++) {
      copies[i] = points65[i].clone();
    }
    try {
      return LIB.pubKeyCombine(copies);
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      throw new CryptoException("point sum is the identity");
    }
  }

  static byte[] negatePoint(byte[] point65) {
    return LIB.pubKeyNegate(point65.clone());
  }

  /** Parses a 33-byte compressed or 65-byte uncompressed SEC1 encoding; null if invalid. */
  static byte[] parse(byte[] encoded) {
    if (encoded.length != 33 && encoded.length != 65) {
      return null;
    }
    try {
      return LIB.pubkeyParse(encoded.clone());
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      return null;
    }
  }

  // ---- secret scalar arithmetic (constant time in libsecp256k1) ----

  static boolean isValidSecret(byte[] scalar32) {
    return scalar32.length == 32 && LIB.secKeyVerify(scalar32.clone());
  }

  /** a + b mod n. a must be nonzero; b may be zero; fails if the result is zero. */
  static byte[] scalarAdd(byte[] a, byte[] b) {
    try {
      return LIB.privKeyTweakAdd(a.clone(), b.clone());
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      throw new CryptoException("scalar addition gave zero or had an invalid operand");
    }
  }

  /** a · b mod n; both nonzero. */
  static byte[] scalarMul(byte[] a, byte[] b) {
    try {
      return LIB.privKeyTweakMul(a.clone(), b.clone());
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      throw new CryptoException("scalar multiplication had a zero or invalid operand");
    }
  }

  static byte[] scalarNegate(byte[] a) {
    try {
      return LIB.privKeyNegate(a.clone());
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      throw new CryptoException("scalar negation had an invalid operand");
    }
  }

  // ---- BIP340 ----

  /** BIP340 verification by libsecp256k1; false for any malformed input. */
  public static boolean verifySchnorr(byte[] signature64, byte[] message, byte[] xonlyKey32) {
    if (signature64.length != 64 || xonlyKey32.length != 32) {
      return false;
    }
    try {
      return LIB.verifySchnorr(signature64.clone(), message.clone(), xonlyKey32.clone());
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      return false;
    }
  }

  /** BIP340 signing with libsecp256k1 (used for identity keys and certificates). */
  public static byte[] signSchnorr(byte[] message, SecretScalar key, byte[] auxRand32) {
    byte[] k = key.bytesForLibrary();
    try {
      return LIB.signSchnorr(message.clone(), k, auxRand32 == null ? null : auxRand32.clone());
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      throw new CryptoException("BIP340 signing failed");
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }
}
