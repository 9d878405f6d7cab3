package dev.frostgate.crypto.ec;

import fr.acinq.secp256k1.Secp256k1Exception;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The single door to libsecp256k1 (through ACINQ's JNI binding). Every operation on secret data in
 * Frostgate goes through here, so it runs in libsecp256k1's constant-time code.
 *
 * <p>The JNI functions overwrite their input arrays; every method here copies its inputs first, so
 * callers never see their arguments change.
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

  /**
   * BIP340 verification; false for any malformed input. A 32-byte message (every Bitcoin sighash)
   * is verified by libsecp256k1 itself; the JNI binding accepts only 32-byte messages, so other
   * lengths (BIP340 allows any) are verified here with libsecp256k1's point arithmetic, following
   * the BIP's verification steps on public values.
   */
  public static boolean verifySchnorr(byte[] signature64, byte[] message, byte[] xonlyKey32) {
    if (signature64.length != 64 || xonlyKey32.length != 32) {
      return false;
    }
    if (message.length == 32) {
      try {
        return LIB.verifySchnorr(signature64.clone(), message.clone(), xonlyKey32.clone());
      } catch (Secp256k1Exception | IllegalArgumentException e) {
        return false;
      }
    }
    return verifySchnorrAnyLength(signature64, message, xonlyKey32);
  }

  /** {@link #verifySchnorr(byte[], byte[], byte[])} for typed values. */
  public static boolean verifySchnorr(
      Bip340Signature signature, byte[] message, Bip340PublicKey xonlyKey) {
    return verifySchnorr(signature.bytes(), message, xonlyKey.bytes());
  }

  private static boolean verifySchnorrAnyLength(byte[] sig, byte[] message, byte[] xonly) {
    byte[] r = Arrays.copyOfRange(sig, 0, 32);
    byte[] sBytes = Arrays.copyOfRange(sig, 32, 64);
    if (new BigInteger(1, r).compareTo(P) >= 0 || new BigInteger(1, sBytes).compareTo(N) >= 0) {
      return false;
    }
    byte[] pk = new byte[33];
    pk[0] = 2;
    System.arraycopy(xonly, 0, pk, 1, 32);
    byte[] p = parse(pk);
    if (p == null) {
      return false;
    }
    Scalar e =
        Scalar.reduce(
            dev.frostgate.crypto.hash.Hashes.taggedHash("BIP0340/challenge", r, xonly, message));
    Scalar s = Scalar.fromBytes(sBytes);
    try {
      // R = s·G − e·P
      byte[] minusEP = e.isZero() ? null : mul(p, e.negate().toBytes());
      byte[] rPoint;
      if (s.isZero()) {
        if (minusEP == null) {
          return false;
        }
        rPoint = minusEP;
      } else {
        byte[] sG = mulGenerator(s.toBytes());
        rPoint = minusEP == null ? sG : combine(new byte[][] {sG, minusEP});
      }
      return (rPoint[64] & 1) == 0 && Arrays.equals(Arrays.copyOfRange(rPoint, 1, 33), r);
    } catch (CryptoException ex) {
      return false; // R is the point at infinity
    }
  }

  // ---- ECDSA (Stacks transactions) ----

  /**
   * ECDSA signature of a 32-byte digest by libsecp256k1: RFC 6979 deterministic nonce, low-S (the
   * library only produces normalized signatures), with the recovery id that chains such as Stacks
   * transmit instead of the public key.
   *
   * @return 65 bytes: recovery id (0..3) ‖ r ‖ s
   */
  public static byte[] signEcdsaRecoverable(byte[] digest32, SecretScalar key) {
    if (digest32.length != 32) {
      throw new CryptoException("ECDSA signing takes a 32-byte digest");
    }
    byte[] k = key.toBytes();
    byte[] rs;
    try {
      rs = LIB.sign(digest32.clone(), k, null);
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      throw new CryptoException("ECDSA signing failed");
    } finally {
      Arrays.fill(k, (byte) 0);
    }
    // The recovery id is found from public values only: the signature, the digest and the key.
    byte[] publicKey = key.publicPoint().compressed();
    for (int recid = 0; recid < 4; recid++) {
      if (recoverEcdsa(digest32, rs, recid).map(p -> Arrays.equals(p, publicKey)).orElse(false)) {
        byte[] out = new byte[65];
        out[0] = (byte) recid;
        System.arraycopy(rs, 0, out, 1, 64);
        return out;
      }
    }
    throw new CryptoException("no recovery id reproduces the signing key");
  }

  /**
   * The compressed public key that produced a compact ECDSA signature (r ‖ s) over a digest with
   * the given recovery id; empty when none does.
   */
  public static java.util.Optional<byte[]> recoverEcdsa(byte[] digest32, byte[] rs64, int recid) {
    if (digest32.length != 32 || rs64.length != 64 || recid < 0 || recid > 3) {
      return java.util.Optional.empty();
    }
    try {
      byte[] uncompressed = LIB.ecdsaRecover(rs64.clone(), digest32.clone(), recid);
      return java.util.Optional.of(LIB.pubKeyCompress(uncompressed));
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  /** ECDSA verification of a compact low-S signature (r ‖ s); false for any malformed input. */
  public static boolean verifyEcdsa(byte[] digest32, byte[] rs64, byte[] publicKey) {
    if (digest32.length != 32 || rs64.length != 64) {
      return false;
    }
    try {
      return LIB.verify(rs64.clone(), digest32.clone(), publicKey.clone());
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      return false;
    }
  }

  /** BIP340 signing with libsecp256k1 (identity keys, certificates) of a 32-byte message digest. */
  public static byte[] signSchnorr(byte[] message, SecretScalar key, byte[] auxRand32) {
    if (message.length != 32) {
      throw new CryptoException("BIP340 signing takes a 32-byte message digest");
    }
    byte[] k = key.toBytes();
    try {
      return LIB.signSchnorr(message.clone(), k, auxRand32 == null ? null : auxRand32.clone());
    } catch (Secp256k1Exception | IllegalArgumentException e) {
      throw new CryptoException("BIP340 signing failed");
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }
}
