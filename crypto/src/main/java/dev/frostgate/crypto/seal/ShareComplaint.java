package dev.frostgate.crypto.seal;

import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import java.util.Objects;
import java.util.Optional;

/**
 * A recipient's complaint that a sealed share is wrong, as a third party judges it: the sealed
 * share (which the caller has checked the dealer signed), the recipient's {@link KeyDisclosure} for
 * it, and the point the share must have (for a DKG share, the dealer's commitment evaluated at the
 * recipient; empty when that evaluation is the identity, which no share can match).
 *
 * <p>Anyone can decide it, with public data only: a disclosure that does not verify is no evidence
 * (the complainer is at fault); a ciphertext that does not open with the proven key, or opens to
 * something other than a valid share, or to a share off the dealer's commitment, convicts the
 * dealer; a share that matches convicts the complainer of a false complaint.
 */
public record ShareComplaint(
    SealContext context,
    Bip340PublicKey recipientKey,
    SealedShare sealed,
    KeyDisclosure disclosure,
    Optional<Point> expectedSharePoint) {

  /** Who the complaint shows to be at fault. */
  public enum Verdict {
    /** The dealer sealed a share that is not what it committed to. */
    DEALER_AT_FAULT,
    /** The share is correct: the complaint is false. */
    FALSE_COMPLAINT,
    /** The disclosure does not prove the key: nothing is shown about the dealer. */
    EVIDENCE_INVALID
  }

  public ShareComplaint {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(sealed, "sealed");
    Objects.requireNonNull(disclosure, "disclosure");
    Objects.requireNonNull(expectedSharePoint, "expectedSharePoint");
  }

  /** The verdict; pure and deterministic, so every honest judge reaches the same one. */
  public Verdict judge() {
    if (!disclosure.verify(context, recipientKey.bytes(), sealed)) {
      return Verdict.EVIDENCE_INVALID;
    }
    Optional<Scalar> share = disclosedShare();
    if (share.isEmpty() || expectedSharePoint.isEmpty()) {
      return Verdict.DEALER_AT_FAULT;
    }
    return Point.mulGenerator(share.get()).equals(expectedSharePoint.get())
        ? Verdict.FALSE_COMPLAINT
        : Verdict.DEALER_AT_FAULT;
  }

  /**
   * The share the disclosure opens (public once disclosed: it belongs to the complainer, who gave
   * it up), or empty if the ciphertext does not open to a valid scalar. Check the disclosure first.
   */
  public Optional<Scalar> disclosedShare() {
    try {
      SecretScalar s =
          ShareSealer.openDisclosed(
              context, recipientKey.bytes(), sealed, disclosure.sharedPoint());
      try {
        return Optional.of(s.reveal());
      } finally {
        s.destroy();
      }
    } catch (SealException e) {
      return Optional.empty();
    }
  }
}
