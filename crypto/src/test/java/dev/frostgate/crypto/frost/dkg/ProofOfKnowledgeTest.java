package dev.frostgate.crypto.frost.dkg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.testkit.crypto.Seeded;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * The proof of knowledge follows the released frost-core rule (frost-secp256k1-tr v2.2.0 and
 * v3.0.0, {@code frost-core/src/keys/dkg.rs}): the challenge and the check use φ₀ as published,
 * whatever its parity; under the Taproot ciphersuite only R is forced to even y.
 */
class ProofOfKnowledgeTest {
  private static final Identifier ID = Identifier.of(7);

  /** A (secret, φ₀) pair whose φ₀ has the given parity. */
  static SecretScalar keyWithParity(boolean evenY, SecureRandom rnd) {
    while (true) {
      SecretScalar a0 = SecretScalar.random(rnd);
      if (a0.publicPoint().hasEvenY() == evenY) {
        return a0;
      }
      a0.destroy();
    }
  }

  /** k with R = k·G of the given parity, as a prover that skipped the even-R rule would use. */
  static SecretScalar nonceWithParity(boolean evenY, SecureRandom rnd) {
    return keyWithParity(evenY, rnd);
  }

  static ProofOfKnowledge handMade(
      Ciphersuite suite, SecretScalar k, SecretScalar a0, Point challengeKey, Scalar sign) {
    Point r = k.publicPoint();
    Scalar c = ProofOfKnowledge.challenge(suite, ID, challengeKey, r);
    SecretScalar a0c = a0.multiply(c.multiply(sign));
    return new ProofOfKnowledge(r, k.add(a0c).reveal());
  }

  @Test
  void taprootProofsVerifyForThePublishedKeyOfEitherParity() {
    SecureRandom rnd = Seeded.sha1prng(41);
    for (boolean even : new boolean[] {true, false}) {
      for (int i = 0; i < 8; i++) {
        SecretScalar a0 = keyWithParity(even, rnd);
        Point phi0 = a0.publicPoint();
        ProofOfKnowledge p = ProofOfKnowledge.prove(Ciphersuite.TAPROOT, ID, a0, phi0, rnd);
        assertThat(p.r().hasEvenY()).isTrue();
        assertThat(p.verify(Ciphersuite.TAPROOT, ID, phi0)).as("φ₀ even y: " + even).isTrue();
        // A proof for φ₀ is not one for −φ₀ (the pre-release rule's key for odd φ₀).
        assertThat(p.verify(Ciphersuite.TAPROOT, ID, phi0.negate())).isFalse();
        // The 64-byte wire form (x(R) ‖ μ) round-trips to the same, still valid, proof.
        ProofOfKnowledge back =
            ProofOfKnowledge.deserialize(Ciphersuite.TAPROOT, p.serialize(Ciphersuite.TAPROOT));
        assertThat(back).isEqualTo(p);
        assertThat(back.verify(Ciphersuite.TAPROOT, ID, phi0)).isTrue();
      }
    }
  }

  /** The pre-release rule (ZF 11f43eb1): for odd φ₀, prove knowledge of −a₀ for −φ₀. */
  @Test
  void aProofMadeByThePreReleaseRuleIsRejected() {
    SecureRandom rnd = Seeded.sha1prng(42);
    SecretScalar a0 = keyWithParity(false, rnd);
    Point phi0 = a0.publicPoint();
    SecretScalar k = nonceWithParity(true, rnd);
    ProofOfKnowledge preRelease =
        handMade(Ciphersuite.TAPROOT, k, a0, phi0.negate(), Scalar.ONE.negate());
    // It is a valid proof for −φ₀ ...
    assertThat(preRelease.verify(Ciphersuite.TAPROOT, ID, phi0.negate())).isTrue();
    // ... and not for the published φ₀, which is what the released crate (and Frostgate) checks.
    assertThat(preRelease.verify(Ciphersuite.TAPROOT, ID, phi0)).isFalse();
  }

  /**
   * An odd-y R cannot travel in the crate's 64-byte x-only encoding (it decodes as −R and fails
   * there), so the Taproot verifier refuses it even when μ·G = R + c·φ₀ holds, keeping Frostgate's
   * accepted proofs exactly the crate's. RFC 9591 sends R compressed and accepts either parity.
   */
  @Test
  void anOddNonceCommitmentIsRejectedUnderTaprootOnly() {
    SecureRandom rnd = Seeded.sha1prng(43);
    SecretScalar a0 = SecretScalar.random(rnd);
    Point phi0 = a0.publicPoint();
    SecretScalar k = nonceWithParity(false, rnd);
    ProofOfKnowledge oddTaproot = handMade(Ciphersuite.TAPROOT, k, a0, phi0, Scalar.ONE);
    assertThat(oddTaproot.r().hasEvenY()).isFalse();
    assertThat(Point.mulGenerator(oddTaproot.mu()))
        .isEqualTo(
            oddTaproot
                .r()
                .add(
                    phi0.multiply(
                        ProofOfKnowledge.challenge(
                            Ciphersuite.TAPROOT, ID, phi0, oddTaproot.r()))));
    assertThat(oddTaproot.verify(Ciphersuite.TAPROOT, ID, phi0)).isFalse();

    ProofOfKnowledge oddRfc = handMade(Ciphersuite.RFC9591, k, a0, phi0, Scalar.ONE);
    assertThat(oddRfc.verify(Ciphersuite.RFC9591, ID, phi0)).isTrue();
  }
}
