package dev.frostgate.crypto.frost.dkg;

import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.hash.Hashes;
import java.security.SecureRandom;

/**
 * A Schnorr proof that the sender knows a_0 for its commitment C_0 = a_0·G (ZF
 * compute_proof_of_knowledge): R = k·G, c = HDKG(id ‖ C_0 ‖ R), μ = k + a_0·c. Under the Taproot
 * ciphersuite R has even y (ZF generate_nonce) and travels x-only, and the proof is made for the
 * even-y form of C_0 (with a_0 negated when C_0 has odd y), as frost-secp256k1-tr does.
 */
public record ProofOfKnowledge(Point r, Scalar mu) {

  static ProofOfKnowledge prove(
      Ciphersuite suite, Identifier id, SecretScalar a0, Point c0, SecureRandom rnd) {
    SecretScalar k = SecretScalar.random(rnd);
    Point r = k.publicPoint();
    if (suite == Ciphersuite.TAPROOT && !r.hasEvenY()) {
      SecretScalar negated = k.negate();
      k.destroy();
      k = negated;
      r = r.negate();
    }
    boolean negateKey = suite == Ciphersuite.TAPROOT && !c0.hasEvenY();
    Scalar c = challenge(suite, id, negateKey ? c0.negate() : c0, r);
    // −a_0·c for the even-y key: multiply by −c rather than negating the secret.
    SecretScalar a0c = a0.multiply(negateKey ? c.negate() : c);
    SecretScalar mu = k.add(a0c);
    try {
      return new ProofOfKnowledge(r, mu.reveal());
    } finally {
      k.destroy();
      a0c.destroy();
      mu.destroy();
    }
  }

  static Scalar challenge(Ciphersuite suite, Identifier id, Point c0, Point r) {
    return suite.hdkg(Hashes.concat(id.toBytes(), c0.compressed(), r.compressed()));
  }

  /** Checks μ·G == R + c·C_0 (public values only). */
  public boolean verify(Ciphersuite suite, Identifier id, Point c0) {
    Point key = suite == Ciphersuite.TAPROOT ? c0.withEvenY() : c0;
    Scalar c = challenge(suite, id, key, r);
    if (mu.isZero() || c.isZero()) {
      return false;
    }
    try {
      return Point.mulGenerator(mu).equals(r.add(key.multiply(c)));
    } catch (CryptoException e) {
      return false;
    }
  }

  /** Wire form: 65 bytes (R compressed ‖ μ), or 64 (x(R) ‖ μ) under the Taproot ciphersuite. */
  public byte[] serialize(Ciphersuite suite) {
    return suite.serializeSignature(new dev.frostgate.crypto.frost.Signature(r, mu));
  }

  /** Strict inverse of {@link #serialize}. */
  public static ProofOfKnowledge deserialize(Ciphersuite suite, byte[] bytes) {
    var sig = suite.deserializeSignature(bytes);
    return new ProofOfKnowledge(sig.r(), sig.z());
  }
}
