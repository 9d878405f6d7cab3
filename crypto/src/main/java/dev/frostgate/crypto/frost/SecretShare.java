package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import java.util.List;

/**
 * A share f(i) handed to participant i by a dealer, with the dealer's VSS commitment so the
 * receiver can check it (ZF's {@code SecretShare}).
 */
public record SecretShare(
    Ciphersuite suite, Identifier identifier, SecretScalar signingShare, VssCommitment commitment) {

  /**
   * Verifies the share against the commitment and turns it into a key package.
   *
   * @throws FrostException INVALID_SECRET_SHARE (naming this participant's dealer as the culprit is
   *     up to the caller, who knows who the dealer is)
   */
  public KeyPackage toKeyPackage() {
    Point expected = commitment.evaluate(identifier);
    Point actual = signingShare.publicPoint();
    if (!expected.equals(actual)) {
      throw new FrostException(
          FrostException.Kind.INVALID_SECRET_SHARE,
          "share for participant " + identifier + " does not match the dealer's commitment",
          List.of());
    }
    return new KeyPackage(
        suite, identifier, signingShare, actual, commitment.constant(), commitment.threshold());
  }
}
