package dev.frostgate.crypto.frost.dkg;

import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.VssCommitment;

/**
 * A complaint against a DKG dealer: the share it sent does not match its broadcast commitment. The
 * accuser reveals the (useless, since invalid) share so that anyone can check the claim: {@link
 * #isValid()} is true iff share·G ≠ C(accuser). Authenticity of the share (that the accused really
 * sent it) comes from the sender's signed envelope around the round-2 message.
 */
public record InvalidShareEvidence(
    Identifier accused, Identifier accuser, Scalar revealedShare, VssCommitment accusedCommitment) {

  /** Third-party check of the complaint. */
  public boolean isValid() {
    if (revealedShare.isZero()) {
      return true; // a zero share cannot match any commitment evaluation
    }
    try {
      return !dev.frostgate.crypto.ec.Point.mulGenerator(revealedShare)
          .equals(accusedCommitment.evaluate(accuser));
    } catch (FrostException e) {
      return true; // the commitment evaluates to the identity at the accuser: invalid dealing
    }
  }
}
