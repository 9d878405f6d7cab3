package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A secret polynomial f(x) = a_0 + a_1·x + … + a_{t−1}·x^{t−1} over the scalar field, evaluated in
 * constant time (libsecp256k1) at public points.
 */
public final class SecretPolynomial {
  private final List<SecretScalar> coefficients;

  private SecretPolynomial(List<SecretScalar> coefficients) {
    this.coefficients = List.copyOf(coefficients);
  }

  /** Coefficients a_0..a_{t−1}; the list is not copied element-wise, this object owns them now. */
  public static SecretPolynomial of(List<SecretScalar> coefficients) {
    if (coefficients.isEmpty()) {
      throw new FrostException(FrostException.Kind.INVALID_THRESHOLD, "polynomial needs a_0");
    }
    return new SecretPolynomial(coefficients);
  }

  /** A random polynomial of degree t − 1 with the given constant term. */
  public static SecretPolynomial random(SecretScalar constant, int threshold, SecureRandom rnd) {
    List<SecretScalar> c = new ArrayList<>(threshold);
    c.add(constant);
    for (int i = 1; i < threshold; i++) {
      c.add(SecretScalar.random(rnd));
    }
    return new SecretPolynomial(c);
  }

  public int threshold() {
    return coefficients.size();
  }

  public SecretScalar constant() {
    return coefficients.get(0);
  }

  public List<SecretScalar> coefficients() {
    return coefficients;
  }

  /** f(x) for a public nonzero x, by Horner's rule. */
  public SecretScalar evaluate(Identifier x) {
    int t = coefficients.size();
    Scalar xs = x.value();
    SecretScalar acc = coefficients.get(t - 1);
    boolean owned = false;
    for (int k = t - 2; k >= 0; k--) {
      SecretScalar scaled = acc.multiply(xs);
      if (owned) {
        acc.destroy();
      }
      acc = scaled.add(coefficients.get(k));
      scaled.destroy();
      owned = true;
    }
    return owned ? acc : acc.copy();
  }

  /** The public commitment [a_0·G, …, a_{t−1}·G]. */
  public VssCommitment commit() {
    List<Point> points = new ArrayList<>(coefficients.size());
    for (SecretScalar a : coefficients) {
      points.add(a.publicPoint());
    }
    return new VssCommitment(points);
  }

  public void destroy() {
    coefficients.forEach(SecretScalar::destroy);
  }
}
