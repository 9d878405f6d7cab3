package dev.frostgate.crypto.frost.keys;

import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.VssCommitment;
import java.util.List;

/**
 * The Feldman commitment to a refreshing polynomial δ(x) = a_1·x + … + a_{t−1}·x^{t−1}, whose
 * constant term is zero. Its C_0 would be the identity, which {@link Point} cannot represent, so
 * only [C_1, …, C_{t−1}] = [a_1·G, …, a_{t−1}·G] are held, exactly the list ZF's {@code
 * compute_refreshing_shares} sends (it strips the identity C_0, and {@code refresh_share} puts it
 * back before verifying). The zero constant term is thus structural: a participant cannot commit to
 * anything else.
 */
public record RefreshCommitment(List<Point> coefficients) {

  public RefreshCommitment {
    if (coefficients.isEmpty()) {
      throw new FrostException(
          FrostException.Kind.INVALID_THRESHOLD,
          "a refresh commitment needs C_1 (refreshing needs a threshold of at least 2)");
    }
    coefficients = List.copyOf(coefficients);
  }

  /** The threshold t of the sharing this commitment refreshes (one more than its length). */
  public int threshold() {
    return coefficients.size() + 1;
  }

  /**
   * δ(x)·G = x·Σ_k x^(k−1)·C_k.
   *
   * @throws FrostException IDENTITY_ELEMENT if δ(x) = 0
   */
  public Point evaluate(Identifier x) {
    Point inner = new VssCommitment(coefficients).evaluate(x);
    try {
      return inner.multiply(x.value());
    } catch (CryptoException e) {
      throw new FrostException(
          FrostException.Kind.IDENTITY_ELEMENT,
          "refresh commitment evaluates to the identity at " + x);
    }
  }
}
