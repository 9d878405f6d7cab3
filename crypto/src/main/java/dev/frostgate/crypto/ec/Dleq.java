package dev.frostgate.crypto.ec;

import dev.frostgate.crypto.hash.Hashes;
import java.util.Arrays;

/**
 * Chaum–Pedersen proof of equal discrete logarithms: for public points P, H and S, a proof that one
 * secret d has P = d·G and S = d·H. Frostgate uses it to disclose one Diffie–Hellman point S = d·E
 * (the key of one encrypted share, E its ephemeral key) together with a proof that it was computed
 * with the identity key P, so a third party can decrypt that one share and nothing else.
 *
 * <p>Non-interactive by Fiat–Shamir: k from a deterministic, secret-keyed hash (as BIP340 and RFC
 * 6979 derive nonces: the same inputs give the same proof, different inputs an independent k), A =
 * k·G, B = k·H, c = H(P, H, S, A, B, context), z = k + c·d. The proof is (c, z); a verifier
 * recomputes A = z·G − c·P and B = z·H − c·S and checks c. The context binds the proof to its use
 * (the encrypted share it discloses), so a disclosure cannot be replayed for another share.
 */
public final class Dleq {
  private static final String CHALLENGE_TAG = "Frostgate/dleq/challenge";
  private static final byte[] NONCE_DST = Hashes.ascii("Frostgate-DLEQ-nonce-v1");

  private Dleq() {}

  /** A proof (c, z), both scalars, 64 bytes on the wire. */
  public record Proof(Scalar c, Scalar z) {
    public byte[] toBytes() {
      return Hashes.concat(c.toBytes(), z.toBytes());
    }

    /**
     * Strict decoding: 64 bytes, each half a scalar below n.
     *
     * @throws CryptoException naming what is wrong (no value is secret here)
     */
    public static Proof fromBytes(byte[] bytes) {
      if (bytes.length != 64) {
        throw new CryptoException("DLEQ proof must be 64 bytes, got " + bytes.length);
      }
      return new Proof(
          Scalar.fromBytes(Arrays.copyOfRange(bytes, 0, 32)),
          Scalar.fromBytes(Arrays.copyOfRange(bytes, 32, 64)));
    }
  }

  /**
   * Proves that {@code s} = d·{@code h} for the d with P = d·G.
   *
   * @param d the secret (not consumed; the caller keeps and wipes it)
   * @param s d·h, as the caller computed it
   */
  public static Proof prove(SecretScalar d, Point h, Point s, byte[] context) {
    Point p = d.publicPoint();
    byte[] dBytes = d.toBytes();
    byte[] wide =
        Hashes.expandMessageXmd(
            Hashes.concat(
                dBytes, p.compressed(), h.compressed(), s.compressed(), Hashes.sha256(context)),
            NONCE_DST,
            48);
    Arrays.fill(dBytes, (byte) 0);
    SecretScalar k;
    try {
      k = SecretScalar.reduceWide(wide);
    } finally {
      Arrays.fill(wide, (byte) 0);
    }
    try {
      Point a = k.publicPoint();
      Point b = k.multiply(h);
      Scalar c = challenge(p, h, s, a, b, context);
      if (c.isZero()) {
        throw new CryptoException("DLEQ challenge is zero (negligible probability)");
      }
      SecretScalar cd = d.multiply(c);
      SecretScalar z = k.add(cd);
      try {
        return new Proof(c, z.reveal());
      } finally {
        cd.destroy();
        z.destroy();
      }
    } finally {
      k.destroy();
    }
  }

  /** True iff the proof shows log_G(p) = log_h(s) under this context; false for any bad input. */
  public static boolean verify(Point p, Point h, Point s, byte[] context, Proof proof) {
    if (proof.c().isZero() || proof.z().isZero()) {
      return false; // an honest prover never outputs these (negligible probability)
    }
    try {
      Scalar minusC = proof.c().negate();
      Point a = Point.mulGenerator(proof.z()).add(p.multiply(minusC));
      Point b = h.multiply(proof.z()).add(s.multiply(minusC));
      return challenge(p, h, s, a, b, context).equals(proof.c());
    } catch (CryptoException e) {
      return false; // A or B is the identity: not an honest proof
    }
  }

  private static Scalar challenge(Point p, Point h, Point s, Point a, Point b, byte[] context) {
    return Scalar.reduce(
        Hashes.taggedHash(
            CHALLENGE_TAG,
            p.compressed(),
            h.compressed(),
            s.compressed(),
            a.compressed(),
            b.compressed(),
            Hashes.sha256(context)));
  }
}
