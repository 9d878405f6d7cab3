package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Key generation by a trusted dealer who sees the whole secret. FOR TESTS AND DEVELOPMENT ONLY:
 * production keys come from the DKG, where no one ever holds the group secret.
 */
public final class TrustedDealer {
  private TrustedDealer() {}

  /** The dealer's output: one secret share per participant and the public key package. */
  public record Output(SortedMap<Identifier, SecretShare> shares, PublicKeyPackage publicKeys) {}

  /** Identifiers 1..n. */
  public static List<Identifier> defaultIdentifiers(int n) {
    List<Identifier> ids = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      ids.add(Identifier.of(i));
    }
    return ids;
  }

  /** Generates a fresh random group key and shares it t-of-n among identifiers 1..n. */
  public static Output generateForTestsOnly(
      Ciphersuite suite, int maxSigners, int minSigners, SecureRandom rnd) {
    return splitForTestsOnly(
        suite, SecretScalar.random(rnd), defaultIdentifiers(maxSigners), minSigners, rnd);
  }

  /** Shares an existing secret t-of-n among the given identifiers. */
  public static Output splitForTestsOnly(
      Ciphersuite suite,
      SecretScalar secret,
      List<Identifier> identifiers,
      int minSigners,
      SecureRandom rnd) {
    Thresholds.check(minSigners, identifiers.size());
    SecretPolynomial f = SecretPolynomial.random(secret, minSigners, rnd);
    return fromPolynomialForTestsOnly(suite, f, identifiers);
  }

  /** Shares a given polynomial (test vectors give its coefficients). */
  public static Output fromPolynomialForTestsOnly(
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
