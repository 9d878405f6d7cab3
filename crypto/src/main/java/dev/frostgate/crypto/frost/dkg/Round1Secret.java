package dev.frostgate.crypto.frost.dkg;

import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.VssCommitment;

/** What a participant keeps between DKG part 1 and part 2: its secret polynomial. */
public record Round1Secret(
    Ciphersuite suite,
    Identifier identifier,
    SecretPolynomial polynomial,
    VssCommitment commitment,
    int minSigners,
    int maxSigners) {

  public void destroy() {
    polynomial.destroy();
  }

  @Override
  public String toString() {
    return "Round1Secret[" + identifier + ", " + minSigners + "-of-" + maxSigners + "]";
  }
}
