package dev.frostgate.crypto.frost.keys;

import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Evidence that a dealer in a refresh or reshare misbehaved towards {@code accuser}.
 *
 * <p>The accused's commitment was broadcast, so every honest participant already holds it. For
 * {@link Reason#SHARE_MISMATCH} the complaint reveals the share the accused sent (it is useless to
 * the accuser anyway): anyone can then recompute {@code share·G} and compare it with the accused's
 * commitment evaluated at the accuser (see {@link Refresh#upholds} and {@link Reshare#upholds}).
 * Binding the share to its sender needs the signed envelope it arrived in; that is the transport's
 * job. The other reasons are checkable from public data alone.
 */
public record RefreshComplaint(
    Identifier accuser, Identifier accused, Reason reason, Optional<Scalar> revealedShare) {

  /** What the accused did wrong. */
  public enum Reason {
    /** The share does not match the accused's commitment at the accuser's identifier. */
    SHARE_MISMATCH,
    /** The commitment has the wrong number of coefficients for the agreed threshold. */
    WRONG_COMMITMENT_LENGTH,
    /** Reshare only: C_0 is not λ_i·Y_i, so the dealer does not deal its own share. */
    WRONG_CONSTANT_TERM,
    /** No commitment was received from the accused. */
    MISSING_COMMITMENT,
    /** No share was received from the accused. */
    MISSING_SHARE
  }

  public RefreshComplaint {
    if (reason == Reason.SHARE_MISMATCH && revealedShare.isEmpty()) {
      throw new IllegalArgumentException("a share mismatch complaint must reveal the share");
    }
  }

  static RefreshComplaint of(Identifier accuser, Identifier accused, Reason reason) {
    return new RefreshComplaint(accuser, accused, reason, Optional.empty());
  }

  /**
   * One exception naming every accused participant (ascending, without repeats): kind
   * INVALID_SECRET_SHARE if any share was wrong, MISSING_COMMITMENT if something was missing,
   * otherwise INCORRECT_COMMITMENT.
   */
  static FrostException toException(String context, List<RefreshComplaint> complaints) {
    TreeSet<Identifier> culprits = new TreeSet<>();
    FrostException.Kind kind = FrostException.Kind.INCORRECT_COMMITMENT;
    List<String> parts = new ArrayList<>();
    for (RefreshComplaint c : complaints) {
      culprits.add(c.accused());
      parts.add(c.accused() + ": " + c.reason());
      if (c.reason() == Reason.SHARE_MISMATCH) {
        kind = FrostException.Kind.INVALID_SECRET_SHARE;
      } else if (kind == FrostException.Kind.INCORRECT_COMMITMENT
          && (c.reason() == Reason.MISSING_SHARE || c.reason() == Reason.MISSING_COMMITMENT)) {
        kind = FrostException.Kind.MISSING_COMMITMENT;
      }
    }
    return new FrostException(
        kind, context + ": misbehaving dealer(s) " + parts, List.copyOf(culprits));
  }

  @Override
  public String toString() {
    // The revealed share is public evidence, but keep log lines short and free of key material.
    return "RefreshComplaint[" + accuser + " accuses " + accused + ": " + reason + "]";
  }
}
