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
 * A Schnorr proof that the sender knows a_0 for its published commitment φ_0 = a_0·G, as frost-core
 * {@code keys/dkg.rs} (released tags frost-secp256k1-tr/v2.2.0 and v3.0.0) computes and checks it:
 * R = k·G, c = HDKG(SerializeScalar(id) ‖ SerializeElement(φ_0) ‖ SerializeElement(R)), μ = k +
 * a_0·c; valid iff R == μ·G − c·φ_0.
 *
 * <p>φ_0 is always used as published, whatever the parity of its y. (A pre-release of {@code
 * frost-secp256k1-tr}, ZF commit 11f43eb1, proved knowledge of −φ_0 when φ_0 had odd y; the
 * released crate dropped that, and so does Frostgate.) The Taproot ciphersuite differs only in R:
 * the prover forces it to even y (the crate's {@code generate_nonce}), and it travels x-only, so
 * the verifier rejects an odd-y R, which the crate's 64-byte encoding cannot carry.
 */
public record ProofOfKnowledge(Point r, Scalar mu) {

  static ProofOfKnowledge prove(
      Ciphersuite suite, Identifier id, SecretScalar a0, Point c0, SecureRandom rnd) {
    SecretScalar k = SecretScalar.random(rnd);
    Point r = k.publicPoint();
    // R's parity is public (R is published), so branching on it leaks nothing about k.
    if (suite == Ciphersuite.TAPROOT && !r.hasEvenY()) {
      SecretScalar negated = k.negate();
      k.destroy();
      k = negated;
      r = r.negate();
    }
    Scalar c = challenge(suite, id, c0, r);
    SecretScalar a0c = a0.multiply(c);
    SecretScalar mu = k.add(a0c);
    try {
      return new ProofOfKnowledge(r, mu.reveal());
    } finally {
      k.destroy();
      a0c.destroy();
      mu.destroy();
    }
  }

  /** c = HDKG(id ‖ φ_0 ‖ R), both points 33-byte compressed under either ciphersuite. */
  static Scalar challenge(Ciphersuite suite, Identifier id, Point c0, Point r) {
    return suite.hdkg(Hashes.concat(id.toBytes(), c0.compressed(), r.compressed()));
  }

  /** Checks μ·G == R + c·φ_0 for the published φ_0 (public values only). */
  public boolean verify(Ciphersuite suite, Identifier id, Point c0) {
    if (suite == Ciphersuite.TAPROOT && !r.hasEvenY()) {
      return false;
    }
    Scalar c = challenge(suite, id, c0, r);
    // μ = 0 or c = 0 happens with probability 2^-256 for an honest prover; libsecp256k1 cannot
    // multiply by zero, so such a proof is rejected rather than special-cased.
    if (mu.isZero() || c.isZero()) {
      return false;
    }
    try {
      return Point.mulGenerator(mu).equals(r.add(c0.multiply(c)));
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
