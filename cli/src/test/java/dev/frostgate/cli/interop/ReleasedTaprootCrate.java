package dev.frostgate.cli.interop;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An independent transcription, for tests only, of what the Zcash Foundation's released {@code
 * frost-secp256k1-tr} crate does with a DKG round-1 package and with DKG output. It shares no code
 * with Frostgate: points are BouncyCastle's secp256k1 (public values; variable time, which is fine
 * here), the hashes are written out from the specifications below.
 *
 * <p>Transcribed from https://github.com/ZcashFoundation/frost at tag {@code
 * frost-secp256k1-tr/v2.2.0} (the same functions are unchanged at {@code
 * frost-secp256k1-tr/v3.0.0}):
 *
 * <ul>
 *   <li>{@code frost-core/src/keys/dkg.rs}: {@code challenge} (preimage identifier.serialize() ‖
 *       Group::serialize(verifying_key) ‖ Group::serialize(R), hashed with HDKG) and {@code
 *       verify_proof_of_knowledge} (R_ell == G·mu_ell − phi_ell0·c_ell, with phi_ell0 =
 *       commitment.verifying_key(), the first coefficient as published);
 *   <li>{@code frost-secp256k1-tr/src/lib.rs}: {@code HDKG} = {@code
 *       hash_to_scalar([CONTEXT_STRING, "dkg"], m)} (RFC 9380 hash_to_field, expand_message_xmd
 *       with SHA-256, L = 48), {@code CONTEXT_STRING} = "FROST-secp256k1-SHA256-TR-v1", {@code
 *       Group::serialize} (33-byte compressed SEC1, identity refused), {@code
 *       deserialize_signature} (64 bytes, R read as {@code 02} ‖ x), {@code tweak}
 *       (tagged_hash("TapTweak", x(P)) reduced mod n), {@code post_dkg} and the {@code Tweak} /
 *       {@code EvenY} impls for {@code KeyPackage} and {@code PublicKeyPackage} (negate everything
 *       if P has odd y, then add t, t·G).
 * </ul>
 */
final class ReleasedTaprootCrate {
  static final String CONTEXT_STRING = "FROST-secp256k1-SHA256-TR-v1";
  private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
  static final BigInteger N = CURVE.getN();
  private static final ECPoint G = CURVE.getG();

  private ReleasedTaprootCrate() {}

  // ---- Group / Field serialization (lib.rs) ----

  static ECPoint deserializeElement(byte[] b33) {
    if (b33.length != 33) {
      throw new IllegalArgumentException("an element is 33 bytes, got " + b33.length);
    }
    ECPoint p = CURVE.getCurve().decodePoint(b33); // validates the point is on the curve
    if (p.isInfinity()) {
      throw new IllegalArgumentException("identity");
    }
    return p.normalize();
  }

  static byte[] serializeElement(ECPoint p) {
    if (p.isInfinity()) {
      throw new IllegalArgumentException("InvalidIdentityElement");
    }
    return p.normalize().getEncoded(true);
  }

  static byte[] serializeScalar(BigInteger s) {
    byte[] out = new byte[32];
    byte[] raw = s.toByteArray();
    int len = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - len, out, 32 - len, len);
    return out;
  }

  static BigInteger deserializeScalar(byte[] b32) {
    BigInteger s = new BigInteger(1, b32);
    if (b32.length != 32 || s.compareTo(N) >= 0) {
      throw new IllegalArgumentException("MalformedScalar");
    }
    return s;
  }

  static boolean hasEvenY(ECPoint p) {
    return !p.normalize().getAffineYCoord().toBigInteger().testBit(0);
  }

  static byte[] x(ECPoint p) {
    return serializeScalar(p.normalize().getAffineXCoord().toBigInteger());
  }

  // ---- hashes ----

  /** RFC 9380 §5.3.1 expand_message_xmd with SHA-256. */
  static byte[] expandMessageXmd(byte[] msg, byte[] dst, int lenInBytes) {
    int ell = (lenInBytes + 31) / 32;
    byte[] dstPrime = concat(dst, new byte[] {(byte) dst.length});
    byte[] b0 =
        sha256(
            new byte[64],
            msg,
            new byte[] {(byte) (lenInBytes >>> 8), (byte) lenInBytes},
            new byte[] {0},
            dstPrime);
    byte[] uniform = new byte[ell * 32];
    byte[] prev = sha256(b0, new byte[] {1}, dstPrime);
    System.arraycopy(prev, 0, uniform, 0, 32);
    for (int i = 2; i <= ell; i++) {
      byte[] mixed = new byte[32];
      for (int j = 0; j < 32; j++) {
        mixed[j] = (byte) (b0[j] ^ prev[j]);
      }
      prev = sha256(mixed, new byte[] {(byte) i}, dstPrime);
      System.arraycopy(prev, 0, uniform, (i - 1) * 32, 32);
    }
    return Arrays.copyOf(uniform, lenInBytes);
  }

  /** lib.rs {@code HDKG}: hash_to_field into the scalar field, L = 48, DST = context ‖ "dkg". */
  static BigInteger hdkg(byte[] m) {
    byte[] dst = (CONTEXT_STRING + "dkg").getBytes(StandardCharsets.US_ASCII);
    return new BigInteger(1, expandMessageXmd(m, dst, 48)).mod(N);
  }

  static byte[] taggedHash(String tag, byte[]... parts) {
    byte[] t = sha256(tag.getBytes(StandardCharsets.UTF_8));
    byte[][] all = new byte[parts.length + 2][];
    all[0] = t;
    all[1] = t;
    System.arraycopy(parts, 0, all, 2, parts.length);
    return sha256(all);
  }

  /** lib.rs {@code tweak(public_key, None)}: int(tagged_hash("TapTweak", x(P))) mod n. */
  static BigInteger tapTweak(ECPoint p) {
    return new BigInteger(1, taggedHash("TapTweak", x(p))).mod(N);
  }

  // ---- keys/dkg.rs ----

  /** {@code challenge}: HDKG(identifier.serialize() ‖ serialize(φ₀) ‖ serialize(R)). */
  static BigInteger challenge(BigInteger identifier, ECPoint phi0, ECPoint r) {
    return hdkg(concat(serializeScalar(identifier), serializeElement(phi0), serializeElement(r)));
  }

  /**
   * {@code verify_proof_of_knowledge} on the crate's encodings: φ₀ as the 33 bytes published in the
   * commitment, the proof as the 64 bytes of {@code Ciphersuite::serialize_signature}.
   *
   * @return false where the crate returns InvalidProofOfKnowledge or fails to deserialize
   */
  static boolean verifyProofOfKnowledge(long identifier, byte[] phi0Bytes, byte[] proof64) {
    ECPoint phi0;
    ECPoint r;
    BigInteger mu;
    try {
      phi0 = deserializeElement(phi0Bytes);
      if (proof64.length != 64) {
        return false;
      }
      r = deserializeElement(concat(new byte[] {2}, Arrays.copyOfRange(proof64, 0, 32)));
      mu = deserializeScalar(Arrays.copyOfRange(proof64, 32, 64));
    } catch (IllegalArgumentException e) {
      return false;
    }
    BigInteger c = challenge(BigInteger.valueOf(identifier), phi0, r);
    ECPoint expected = G.multiply(mu).subtract(phi0.multiply(c)).normalize();
    return expected.equals(r);
  }

  // ---- post_dkg (lib.rs Tweak for KeyPackage / PublicKeyPackage) ----

  /** What the crate stores after DKG: the group key, and each participant's verifying share. */
  record PublicKeys(ECPoint verifyingKey, SortedMap<Long, ECPoint> verifyingShares) {}

  static PublicKeys postDkg(ECPoint groupKey, Map<Long, ECPoint> verifyingShares) {
    BigInteger t = tapTweak(groupKey);
    ECPoint tp = G.multiply(t);
    boolean negate = !hasEvenY(groupKey);
    SortedMap<Long, ECPoint> shares = new TreeMap<>();
    verifyingShares.forEach(
        (id, vs) -> shares.put(id, (negate ? vs.negate() : vs).add(tp).normalize()));
    ECPoint key = (negate ? groupKey.negate() : groupKey).add(tp).normalize();
    return new PublicKeys(key, shares);
  }

  /**
   * A signing share after {@code post_dkg}. Tests only: it takes a throwaway test share as a
   * BigInteger to compare with Frostgate's, never a real one.
   */
  static BigInteger postDkgSigningShare(ECPoint groupKey, BigInteger signingShare) {
    BigInteger s = hasEvenY(groupKey) ? signingShare : N.subtract(signingShare).mod(N);
    return s.add(tapTweak(groupKey)).mod(N);
  }

  static ECPoint mulG(BigInteger k) {
    return G.multiply(k.mod(N)).normalize();
  }

  // ---- bytes (written out here too, so the transcription shares no code with Frostgate) ----

  static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      for (byte[] p : parts) {
        d.update(p);
      }
      return d.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] concat(byte[]... parts) {
    int len = 0;
    for (byte[] p : parts) {
      len += p.length;
    }
    byte[] out = new byte[len];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
