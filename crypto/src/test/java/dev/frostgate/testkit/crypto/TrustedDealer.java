package dev.frostgate.testkit.crypto;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.SecretShare;
import dev.frostgate.crypto.frost.Thresholds;
import dev.frostgate.crypto.frost.VssCommitment;
import java.security.SecureRandom;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Key generation by a trusted dealer who sees the whole secret: a test fixture (and the benchmarks'
 * and demos' shortcut). Production keys come from the DKG, where no one ever holds the group
 * secret; production code cannot reach this class (it lives in crypto's test-jar).
 */
public final class TrustedDealer {
  private TrustedDealer() {}

  /** The dealer's output: one secret share per participant and the public key package. */
  public record Output(SortedMap<Identifier, SecretShare> shares, PublicKeyPackage publicKeys) {}

  /** Generates a fresh random group key and shares it t-of-n among identifiers 1..n. */
  public static Output generate(
      Ciphersuite suite, int maxSigners, int minSigners, SecureRandom rnd) {
    return split(suite, SecretScalar.random(rnd), Identifier.range(maxSigners), minSigners, rnd);
  }

  /** Shares an existing secret t-of-n among the given identifiers. */
  public static Output split(
      Ciphersuite suite,
      SecretScalar secret,
      List<Identifier> identifiers,
      int minSigners,
      SecureRandom rnd) {
    Thresholds.check(minSigners, identifiers.size());
    SecretPolynomial f = SecretPolynomial.random(secret, minSigners, rnd);
    return fromPolynomial(suite, f, identifiers);
  }

  /** Shares a given polynomial (test vectors give its coefficients). */
  public static Output fromPolynomial(
      Ciphersuite suite, SecretPolynomial f, List<Identifier> identifiers) {
    Thresholds.check(f.threshold(), identifiers.size());
    VssCommitment commitment = f.commit();
    SortedMap<Identifier, SecretShare> shares = new TreeMap<>();
    SortedMap<Identifier, Point> verifying = new TreeMap<>();
    for (Identifier id : identifiers) {
      SecretScalar s = f.evaluate(id);
      if (shares.put(id, new SecretShare(suite, id, s, commitment)) != null) {
        throw new FrostException(
            FrostException.Kind.DUPLICATE_IDENTIFIER, "duplicate identifier " + id, List.of(id));
      }
      verifying.put(id, s.publicPoint());
    }
    return new Output(
        shares, new PublicKeyPackage(suite, verifying, commitment.constant(), f.threshold()));
  }
}
