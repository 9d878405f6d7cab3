package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import java.util.ArrayList;
import java.util.List;

/**
 * Feldman commitments [C_0, …, C_{t−1}] to a secret polynomial's coefficients; C_0 is the dealer's
 * (or DKG participant's) public key contribution. Public values only.
 */
public record VssCommitment(List<Point> coefficients) {

  public VssCommitment {
    if (coefficients.isEmpty()) {
      throw new FrostException(
          FrostException.Kind.INVALID_THRESHOLD, "a VSS commitment needs at least one point");
    }
    coefficients = List.copyOf(coefficients);
  }

  public int threshold() {
    return coefficients.size();
  }

  public Point constant() {
    return coefficients.get(0);
  }

  /**
   * Σ_k x^k·C_k by Horner's rule: the public image f(x)·G of the committed polynomial. For the
   * small identifiers of a default roster (1..n) each step is one sum of x copies of the
   * accumulator and C_k ({@link Point#multiplySmallAdd}), which is what makes the DKG's part 3 (n
   * evaluations per participant) cheap; other identifiers take a general multiplication per step.
   */
  public Point evaluate(Identifier x) {
    Scalar xs = x.value();
    long small = x.smallValue();
    boolean bySums = small >= 1 && small <= Point.MAX_SMALL_MULTIPLIER;
    Point acc = coefficients.get(coefficients.size() - 1);
    try {
      for (int k = coefficients.size() - 2; k >= 0; k--) {
        acc =
            bySums
                ? acc.multiplySmallAdd((int) small, coefficients.get(k))
                : acc.multiply(xs).add(coefficients.get(k));
      }
    } catch (CryptoException e) {
      throw new FrostException(
          FrostException.Kind.IDENTITY_ELEMENT,
          "commitment evaluates to the identity at participant " + x);
    }
    return acc;
  }

  /** Coefficient-wise sum of commitments of equal length (the group's joint commitment). */
  public static VssCommitment sum(List<VssCommitment> commitments) {
    int t = commitments.get(0).threshold();
    List<Point> out = new ArrayList<>(t);
    for (int k = 0; k < t; k++) {
      List<Point> column = new ArrayList<>(commitments.size());
      for (VssCommitment c : commitments) {
        if (c.threshold() != t) {
          throw new FrostException(
              FrostException.Kind.INCONSISTENT_COMMITMENTS,
              "commitments have different lengths (" + t + " and " + c.threshold() + ")");
        }
        column.add(c.coefficients().get(k));
      }
      try {
        out.add(Point.sum(column));
      } catch (CryptoException e) {
        throw new FrostException(
            FrostException.Kind.IDENTITY_ELEMENT, "summed commitment coefficient is the identity");
      }
    }
    return new VssCommitment(out);
  }
}
