package dev.frostgate.crypto.frost.keys;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.Lagrange;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.Thresholds;
import dev.frostgate.crypto.frost.VssCommitment;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Resharing: the same group key moves to a new participant set and/or threshold (t', n'), so the
 * coins behind the key never move when validators change.
 *
 * <p>A set D of at least t old participants (the dealers) takes part. Dealer i deals a random
 * polynomial g_i of degree t' − 1 with g_i(0) = λ_i·s_i (λ_i its Lagrange coefficient over D at
 * zero), broadcasts its commitment [C_i0, …, C_i(t'−1)] and sends g_i(j) to every new participant
 * j. Since Σ_i λ_i·s_i is the group secret, the new shares s'_j = Σ_i g_i(j) are a t'-of-n' sharing
 * of the same secret. Each new participant checks every dealer's C_i0 = λ_i·Y_i (Y_i the dealer's
 * old verifying share, so a dealer cannot deal anything but its own share) and every received share
 * against its dealer's commitment, and names the dealers that fail. The new public key package
 * follows from the summed commitments; its group key is the old one.
 *
 * <p>Old and new shares are shares of different polynomials: they cannot be combined to sign. Old
 * shares should be destroyed once the new group has produced a test signature. Commitments must
 * reach every new participant identically (broadcast with echo, or signed and compared); shares go
 * over encrypted, authenticated channels.
 */
public final class Reshare {
  private Reshare() {}

  /**
   * A dealer's output: the commitment to broadcast and one secret share per new participant. {@link
   * #toString()} does not show the shares.
   */
  public record Dealing(
      Identifier dealer, VssCommitment commitment, SortedMap<Identifier, SecretScalar> shares) {

    public Dealing {
      shares = Collections.unmodifiableSortedMap(new TreeMap<>(shares));
    }

    /** The share for one new participant. */
    public Optional<SecretScalar> shareFor(Identifier newParticipant) {
      return Optional.ofNullable(shares.get(newParticipant));
    }

    /** Wipes every share (after they were sent). */
    public void destroy() {
      SecretSums.destroyAll(shares.values());
    }

    @Override
    public String toString() {
      return "Reshare.Dealing[dealer=" + dealer + ", recipients=" + shares.keySet() + "]";
    }
  }

  /**
   * Dealer step with fresh randomness.
   *
   * @param old this dealer's current key package
   * @param dealers the dealing set D (at least the old threshold, this dealer included)
   * @param newParticipants the new participant set (any identifiers; may overlap the old ones)
   * @param newMinSigners the new threshold t'
   * @throws FrostException INSUFFICIENT_SIGNERS, INVALID_THRESHOLD, DUPLICATE_IDENTIFIER,
   *     UNKNOWN_IDENTIFIER if this dealer is not in D
   */
  public static Dealing deal(
      KeyPackage old,
      Collection<Identifier> dealers,
      Collection<Identifier> newParticipants,
      int newMinSigners,
      SecureRandom random) {
    Thresholds.check(newMinSigners, Math.max(newMinSigners, 1));
    List<SecretScalar> higher = new ArrayList<>(newMinSigners - 1);
    for (int k = 1; k < newMinSigners; k++) {
      higher.add(SecretScalar.random(random));
    }
    try {
      return dealWithCoefficients(old, dealers, newParticipants, newMinSigners, higher);
    } finally {
      SecretSums.destroyAll(higher);
    }
  }

  /**
   * Dealer step with given coefficients g_i1..g_i(t'−1) (for test vectors and conformance checks);
   * the constant term is always λ_i·s_i. The inputs are copied, not consumed.
   */
  public static Dealing dealWithCoefficients(
      KeyPackage old,
      Collection<Identifier> dealers,
      Collection<Identifier> newParticipants,
      int newMinSigners,
      List<SecretScalar> higherCoefficients) {
    SortedSet<Identifier> d = SecretSums.distinct(dealers, "dealer");
    SortedSet<Identifier> n = SecretSums.distinct(newParticipants, "new participant");
    Thresholds.check(newMinSigners, n.size());
    if (d.size() < old.minSigners()) {
      throw new FrostException(
          FrostException.Kind.INSUFFICIENT_SIGNERS,
          d.size() + " dealers, the old threshold is " + old.minSigners());
    }
    if (!d.contains(old.identifier())) {
      throw new FrostException(
          FrostException.Kind.UNKNOWN_IDENTIFIER,
          "dealer " + old.identifier() + " is not in the dealer list");
    }
    if (higherCoefficients.size() != newMinSigners - 1) {
      throw new IllegalArgumentException(
          "need " + (newMinSigners - 1) + " coefficients, got " + higherCoefficients.size());
    }
    Scalar lambda = Lagrange.atZero(old.identifier(), d);
    List<SecretScalar> coefficients = new ArrayList<>(newMinSigners);
    coefficients.add(old.signingShare().multiply(lambda));
    for (SecretScalar c : higherCoefficients) {
      coefficients.add(c.copy());
    }
    SecretPolynomial g = SecretPolynomial.of(coefficients);
    try {
      TreeMap<Identifier, SecretScalar> shares = new TreeMap<>();
      for (Identifier j : n) {
        shares.put(j, g.evaluate(j));
      }
      return new Dealing(old.identifier(), g.commit(), shares);
    } finally {
      g.destroy();
    }
  }

  /**
   * Checks every dealer's commitment (length t', C_i0 = λ_i·Y_i) from public data only; anyone (a
   * coordinator, an old participant, an auditor) can run it. Empty if all is well.
   *
   * @param accuser the participant on whose behalf the check runs (named in the complaints)
   * @param old the old group's public key package
   * @param dealers the agreed dealing set
   * @param commitments the commitments received, by dealer
   */
  public static List<RefreshComplaint> commitmentComplaints(
      Identifier accuser,
      PublicKeyPackage old,
      Collection<Identifier> dealers,
      int newMinSigners,
      Map<Identifier, VssCommitment> commitments) {
    SortedSet<Identifier> d = checkDealers(old, dealers);
    List<RefreshComplaint> out = new ArrayList<>();
    for (Identifier i : d) {
      VssCommitment c = commitments.get(i);
      if (c == null) {
        out.add(RefreshComplaint.of(accuser, i, RefreshComplaint.Reason.MISSING_COMMITMENT));
      } else if (c.threshold() != newMinSigners) {
        out.add(RefreshComplaint.of(accuser, i, RefreshComplaint.Reason.WRONG_COMMITMENT_LENGTH));
      } else if (!c.constant().equals(expectedConstant(old, d, i))) {
        out.add(RefreshComplaint.of(accuser, i, RefreshComplaint.Reason.WRONG_CONSTANT_TERM));
      }
    }
    return out;
  }

  /**
   * Checks everything a new participant received: every dealer's commitment ({@link
   * #commitmentComplaints}) and the share g_i(me) against it. Empty if all is well.
   */
  public static List<RefreshComplaint> complaints(
      Identifier me,
      PublicKeyPackage old,
      Collection<Identifier> dealers,
      int newMinSigners,
      Map<Identifier, VssCommitment> commitments,
      Map<Identifier, SecretScalar> shares) {
    List<RefreshComplaint> out = commitmentComplaints(me, old, dealers, newMinSigners, commitments);
    List<Identifier> accused = out.stream().map(RefreshComplaint::accused).toList();
    for (Identifier i : checkDealers(old, dealers)) {
      if (accused.contains(i)) {
        continue;
      }
      SecretScalar share = shares.get(i);
      if (share == null) {
        out.add(RefreshComplaint.of(me, i, RefreshComplaint.Reason.MISSING_SHARE));
      } else if (!matches(share.publicPoint(), commitments.get(i), me)) {
        out.add(
            new RefreshComplaint(
                me, i, RefreshComplaint.Reason.SHARE_MISMATCH, Optional.of(share.reveal())));
      }
    }
    out.sort(
        java.util.Comparator.comparing(RefreshComplaint::accused)
            .thenComparing(RefreshComplaint::reason));
    return out;
  }

  /**
   * A new participant's step: verify what it received, then sum its shares. The dealing set is the
   * key set of {@code commitments}, which all new participants must agree on.
   *
   * @param me this new participant
   * @param old the old group's public key package
   * @param newParticipants the new participant set
   * @param newMinSigners the new threshold t'
   * @param commitments every dealer's broadcast commitment, by dealer
   * @param shares the share g_i(me) from every dealer i (not consumed)
   * @return this participant's new key package and the new group's public key package
   * @throws FrostException naming the culprit dealers (INVALID_SECRET_SHARE, INCORRECT_COMMITMENT
   *     or MISSING_COMMITMENT; {@link #complaints} gives the evidence); INSUFFICIENT_SIGNERS,
   *     UNKNOWN_IDENTIFIER, INVALID_THRESHOLD for inconsistent parameters
   */
  public static KeyUpdate receive(
      Identifier me,
      PublicKeyPackage old,
      Collection<Identifier> newParticipants,
      int newMinSigners,
      Map<Identifier, VssCommitment> commitments,
      Map<Identifier, SecretScalar> shares) {
    SortedSet<Identifier> n = SecretSums.distinct(newParticipants, "new participant");
    Thresholds.check(newMinSigners, n.size());
    if (!n.contains(me)) {
      throw new FrostException(
          FrostException.Kind.UNKNOWN_IDENTIFIER,
          "participant " + me + " is not in the new participant set");
    }
    List<RefreshComplaint> complaints =
        complaints(me, old, commitments.keySet(), newMinSigners, commitments, shares);
    if (!complaints.isEmpty()) {
      throw RefreshComplaint.toException("reshare to participant " + me, complaints);
    }
    PublicKeyPackage publicKeys = newPublicKeys(old, n, newMinSigners, commitments);
    List<SecretScalar> mine = new ArrayList<>();
    for (Identifier i : new TreeMap<>(commitments).keySet()) {
      mine.add(shares.get(i));
    }
    SecretScalar share = SecretSums.sum(mine, "reshared shares");
    Point verifyingShare = publicKeys.verifyingShare(me).orElseThrow();
    try {
      return new KeyUpdate(
          KeyPackage.checked(
              old.suite(), me, share, verifyingShare, publicKeys.verifyingKey(), newMinSigners),
          publicKeys);
    } catch (FrostException e) {
      share.destroy();
      throw e;
    }
  }

  /**
   * The new group's public key package from the dealers' commitments (anyone can compute it): C =
   * Σ_i C_i, Y'_j = C(j) for every new participant, group key C_0, which must equal the old.
   *
   * @throws FrostException naming the culprit dealers if a commitment is missing, has the wrong
   *     length or the wrong constant term
   */
  public static PublicKeyPackage newPublicKeys(
      PublicKeyPackage old,
      Collection<Identifier> newParticipants,
      int newMinSigners,
      Map<Identifier, VssCommitment> commitments) {
    SortedSet<Identifier> n = SecretSums.distinct(newParticipants, "new participant");
    Thresholds.check(newMinSigners, n.size());
    Identifier observer = n.first();
    List<RefreshComplaint> complaints =
        commitmentComplaints(observer, old, commitments.keySet(), newMinSigners, commitments);
    if (!complaints.isEmpty()) {
      throw RefreshComplaint.toException("reshare", complaints);
    }
    VssCommitment sum = VssCommitment.sum(List.copyOf(new TreeMap<>(commitments).values()));
    if (!sum.constant().equals(old.verifyingKey())) {
      // Cannot happen when every C_i0 = λ_i·Y_i and the old package is consistent.
      throw new FrostException(
          FrostException.Kind.INCONSISTENT_COMMITMENTS,
          "summed reshare commitment does not give the old group key");
    }
    TreeMap<Identifier, Point> verifying = new TreeMap<>();
    for (Identifier j : n) {
      verifying.put(j, sum.evaluate(j));
    }
    return new PublicKeyPackage(old.suite(), verifying, old.verifyingKey(), newMinSigners);
  }

  /**
   * Whether a complaint against a dealer is justified, from public data: the old group, the dealing
   * set, t', and the accused's broadcast commitment.
   */
  public static boolean upholds(
      RefreshComplaint complaint,
      PublicKeyPackage old,
      Collection<Identifier> dealers,
      int newMinSigners,
      Optional<VssCommitment> accusedCommitment) {
    SortedSet<Identifier> d = checkDealers(old, dealers);
    Identifier i = complaint.accused();
    if (!d.contains(i)) {
      return false;
    }
    return switch (complaint.reason()) {
      case MISSING_COMMITMENT -> accusedCommitment.isEmpty();
      case WRONG_COMMITMENT_LENGTH ->
          accusedCommitment.map(c -> c.threshold() != newMinSigners).orElse(false);
      case WRONG_CONSTANT_TERM ->
          accusedCommitment
              .map(c -> !c.constant().equals(expectedConstant(old, d, i)))
              .orElse(false);
      case SHARE_MISMATCH -> {
        Scalar s = complaint.revealedShare().orElseThrow();
        yield accusedCommitment
            .map(c -> s.isZero() || !matches(Point.mulGenerator(s), c, complaint.accuser()))
            .orElse(false);
      }
      case MISSING_SHARE -> true; // an omission: only a re-send can settle it
    };
  }

  private static boolean matches(Point actual, VssCommitment c, Identifier at) {
    try {
      return actual.equals(c.evaluate(at));
    } catch (FrostException e) {
      return false;
    }
  }

  /** λ_i·Y_i over the dealing set. */
  private static Point expectedConstant(
      PublicKeyPackage old, SortedSet<Identifier> d, Identifier i) {
    return old.verifyingShare(i).orElseThrow().multiply(Lagrange.atZero(i, d));
  }

  private static SortedSet<Identifier> checkDealers(
      PublicKeyPackage old, Collection<Identifier> dealers) {
    SortedSet<Identifier> d = SecretSums.distinct(dealers, "dealer");
    List<Identifier> unknown = new ArrayList<>();
    for (Identifier i : d) {
      if (old.verifyingShare(i).isEmpty()) {
        unknown.add(i);
      }
    }
    if (!unknown.isEmpty()) {
      throw new FrostException(
          FrostException.Kind.UNKNOWN_IDENTIFIER,
          "dealer(s) " + unknown + " are not in the old group",
          unknown);
    }
    if (d.size() < old.minSigners()) {
      throw new FrostException(
          FrostException.Kind.INSUFFICIENT_SIGNERS,
          d.size() + " dealers, the old threshold is " + old.minSigners());
    }
    return d;
  }
}
