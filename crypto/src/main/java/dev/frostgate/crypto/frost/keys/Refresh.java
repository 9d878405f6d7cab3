package dev.frostgate.crypto.frost.keys;

import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.Thresholds;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Proactive refresh: every participant gets a new share of the same group key, so shares stolen
 * before the refresh are useless with shares taken after it. Each share s_i becomes s_i + δ(i) for
 * a polynomial δ of degree t − 1 with δ(0) = 0 (committed to as a {@link RefreshCommitment}).
 * Participants left out of a refresh are removed from the group. The threshold does not change.
 *
 * <p>Two ways, as in the Zcash Foundation's {@code frost-core::keys::refresh}:
 *
 * <ul>
 *   <li>a trusted dealer ({@link #computeRefreshingShares}, then {@link #refreshShare} by each
 *       participant), like ZF {@code compute_refreshing_shares} / {@code refresh_share};
 *   <li>a DKG-style refresh with no dealer ({@link #dkgPart1}, {@link #dkgPart2}, {@link
 *       #dkgPart3}), like ZF {@code refresh_dkg_part1/2/3}: each participant deals its own δ_i, and
 *       the shares change by Σ_i δ_i(j). Every received share is checked against its sender's
 *       commitment, and a sender whose share or commitment is wrong is named.
 * </ul>
 *
 * <p>Commitments must reach everyone identically (broadcast with echo, or signed and compared);
 * shares go over encrypted, authenticated channels. After {@link KeyUpdate} is stored, destroy the
 * old key package.
 */
public final class Refresh {
  private Refresh() {}

  /** One participant's refreshing share δ(i) from a dealer, with the dealer's commitment. */
  public record RefreshShare(
      Identifier identifier, SecretScalar value, RefreshCommitment commitment) {

    /** Whether δ(i)·G matches the commitment at this identifier. */
    public boolean isValid() {
      try {
        return value.publicPoint().equals(commitment.evaluate(identifier));
      } catch (FrostException e) {
        return false;
      }
    }
  }

  /** The trusted dealer's output: one refreshing share per participant and the new public keys. */
  public record DealerOutput(
      SortedMap<Identifier, RefreshShare> shares, PublicKeyPackage publicKeys) {
    public DealerOutput {
      shares = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(shares));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Trusted dealer
  // ---------------------------------------------------------------------------------------------

  /**
   * A trusted dealer's refresh of the group {@code old} among {@code identifiers} (all of the
   * group, or a subset of at least t: the others are removed).
   *
   * @throws FrostException INVALID_THRESHOLD if t = 1 (every share is the secret itself: there is
   *     nothing to refresh), UNKNOWN_IDENTIFIER, DUPLICATE_IDENTIFIER, INSUFFICIENT_SIGNERS
   */
  public static DealerOutput computeRefreshingShares(
      PublicKeyPackage old, Collection<Identifier> identifiers, SecureRandom random) {
    int t = old.minSigners();
    requireRefreshable(t);
    SortedSet<Identifier> ids = checkMembers(old, identifiers, "refresh participant");
    SecretPolynomial inner = randomInner(t, random);
    try {
      RefreshCommitment commitment = new RefreshCommitment(inner.commit().coefficients());
      TreeMap<Identifier, RefreshShare> shares = new TreeMap<>();
      for (Identifier id : ids) {
        shares.put(id, new RefreshShare(id, evaluate(inner, id), commitment));
      }
      return new DealerOutput(shares, refreshedPublicKeys(old, ids, List.of(commitment)));
    } finally {
      inner.destroy();
    }
  }

  /**
   * A participant applies its refreshing share from the trusted dealer: s_i + δ(i).
   *
   * @throws FrostException UNKNOWN_IDENTIFIER if the share is for someone else,
   *     INCORRECT_COMMITMENT if the commitment's threshold differs from the key's,
   *     INVALID_SECRET_SHARE if δ(i)·G does not match the commitment
   */
  public static KeyPackage refreshShare(RefreshShare share, KeyPackage current) {
    if (!share.identifier().equals(current.identifier())) {
      throw new FrostException(
          FrostException.Kind.UNKNOWN_IDENTIFIER,
          "refreshing share is for participant "
              + share.identifier()
              + ", not "
              + current.identifier());
    }
    if (share.commitment().threshold() != current.minSigners()) {
      throw new FrostException(
          FrostException.Kind.INCORRECT_COMMITMENT,
          "refresh commitment is for threshold "
              + share.commitment().threshold()
              + ", the key's is "
              + current.minSigners());
    }
    if (!share.isValid()) {
      throw new FrostException(
          FrostException.Kind.INVALID_SECRET_SHARE,
          "refreshing share of participant "
              + current.identifier()
              + " does not match the dealer's commitment");
    }
    return applyDelta(current, share.value());
  }

  // ---------------------------------------------------------------------------------------------
  // DKG-style refresh
  // ---------------------------------------------------------------------------------------------

  /**
   * A participant's secret state between the DKG-refresh parts: its refreshing polynomial. Wipe it
   * with {@link #destroy()} when the refresh ends (part 3 does so).
   */
  public static final class DkgSecret {
    private final Identifier identifier;
    private final SortedSet<Identifier> participants;
    private final SecretPolynomial inner;
    private final RefreshCommitment commitment;

    private DkgSecret(
        Identifier identifier,
        SortedSet<Identifier> participants,
        SecretPolynomial inner,
        RefreshCommitment commitment) {
      this.identifier = identifier;
      this.participants = java.util.Collections.unmodifiableSortedSet(participants);
      this.inner = inner;
      this.commitment = commitment;
    }

    public Identifier identifier() {
      return identifier;
    }

    public SortedSet<Identifier> participants() {
      return participants;
    }

    public RefreshCommitment commitment() {
      return commitment;
    }

    public void destroy() {
      inner.destroy();
    }

    @Override
    public String toString() {
      return "Refresh.DkgSecret[" + identifier + "]";
    }
  }

  /** Part 1's output: the secret state to keep and the commitment to broadcast. */
  public record DkgRound1(DkgSecret secret, RefreshCommitment commitment) {}

  /**
   * DKG-refresh part 1: choose a random δ_i with δ_i(0) = 0 and commit to it.
   *
   * @param current this participant's current key package
   * @param participants everyone taking part (this participant included; at least t of the group)
   * @throws FrostException INVALID_THRESHOLD if t = 1, INSUFFICIENT_SIGNERS, DUPLICATE_IDENTIFIER,
   *     UNKNOWN_IDENTIFIER if this participant is not in the list
   */
  public static DkgRound1 dkgPart1(
      KeyPackage current, Collection<Identifier> participants, SecureRandom random) {
    int t = current.minSigners();
    requireRefreshable(t);
    SecretPolynomial inner = randomInner(t, random);
    return dkgPart1WithPolynomial(current, participants, inner.coefficients());
  }

  /**
   * Part 1 with given coefficients a_1..a_{t−1} of δ_i (for test vectors). The coefficients are
   * owned by the returned secret from now on.
   */
  public static DkgRound1 dkgPart1WithPolynomial(
      KeyPackage current, Collection<Identifier> participants, List<SecretScalar> coefficients) {
    int t = current.minSigners();
    requireRefreshable(t);
    if (coefficients.size() != t - 1) {
      throw new IllegalArgumentException(
          "need " + (t - 1) + " coefficients, got " + coefficients.size());
    }
    SortedSet<Identifier> ids = SecretSums.distinct(participants, "refresh participant");
    Thresholds.check(t, ids.size());
    if (!ids.contains(current.identifier())) {
      throw new FrostException(
          FrostException.Kind.UNKNOWN_IDENTIFIER,
          "participant " + current.identifier() + " is not in the refresh participant list");
    }
    SecretPolynomial inner = SecretPolynomial.of(coefficients);
    RefreshCommitment commitment = new RefreshCommitment(inner.commit().coefficients());
    return new DkgRound1(new DkgSecret(current.identifier(), ids, inner, commitment), commitment);
  }

  /**
   * DKG-refresh part 2: the shares δ_i(j) to send to every other participant j (secret: one
   * encrypted message each).
   */
  public static SortedMap<Identifier, SecretScalar> dkgPart2(DkgSecret secret) {
    TreeMap<Identifier, SecretScalar> out = new TreeMap<>();
    for (Identifier j : secret.participants) {
      if (!j.equals(secret.identifier)) {
        out.put(j, evaluate(secret.inner, j));
      }
    }
    return out;
  }

  /**
   * Checks what this participant received in a DKG refresh, from public commitments and its own
   * shares; empty if all is well.
   *
   * @param me the receiving participant
   * @param threshold the group's t
   * @param participants everyone taking part
   * @param commitments the broadcast commitment of every participant (own may be included)
   * @param shares the share δ_i(me) received from every other participant i
   */
  public static List<RefreshComplaint> dkgComplaints(
      Identifier me,
      int threshold,
      Collection<Identifier> participants,
      Map<Identifier, RefreshCommitment> commitments,
      Map<Identifier, SecretScalar> shares) {
    List<RefreshComplaint> out = new ArrayList<>();
    for (Identifier i : SecretSums.distinct(participants, "refresh participant")) {
      if (i.equals(me)) {
        continue;
      }
      RefreshCommitment c = commitments.get(i);
      SecretScalar share = shares.get(i);
      if (c == null) {
        out.add(RefreshComplaint.of(me, i, RefreshComplaint.Reason.MISSING_COMMITMENT));
      } else if (c.threshold() != threshold) {
        out.add(RefreshComplaint.of(me, i, RefreshComplaint.Reason.WRONG_COMMITMENT_LENGTH));
      } else if (share == null) {
        out.add(RefreshComplaint.of(me, i, RefreshComplaint.Reason.MISSING_SHARE));
      } else if (!new RefreshShare(me, share, c).isValid()) {
        out.add(
            new RefreshComplaint(
                me, i, RefreshComplaint.Reason.SHARE_MISMATCH, Optional.of(share.reveal())));
      }
    }
    return out;
  }

  /**
   * DKG-refresh part 3: verify everything received, then s_me + Σ_i δ_i(me) and the group's new
   * public key package. Wipes the part-1 secret.
   *
   * @param commitments every participant's broadcast commitment (own may be included)
   * @param shares the share received from every other participant
   * @throws FrostException with the culprits if any participant sent a wrong or no share or
   *     commitment ({@link #dkgComplaints} gives the evidence); UNKNOWN_IDENTIFIER if the packages
   *     do not match the secret
   */
  public static KeyUpdate dkgPart3(
      DkgSecret secret,
      Map<Identifier, RefreshCommitment> commitments,
      Map<Identifier, SecretScalar> shares,
      KeyPackage current,
      PublicKeyPackage old) {
    try {
      Identifier me = secret.identifier;
      if (!current.identifier().equals(me)) {
        throw new FrostException(
            FrostException.Kind.UNKNOWN_IDENTIFIER,
            "key package is participant " + current.identifier() + "'s, the secret is " + me);
      }
      checkMembers(old, secret.participants, "refresh participant");
      List<RefreshComplaint> complaints =
          dkgComplaints(me, current.minSigners(), secret.participants, commitments, shares);
      if (!complaints.isEmpty()) {
        throw RefreshComplaint.toException("refresh of participant " + me, complaints);
      }
      List<RefreshCommitment> all = new ArrayList<>();
      List<SecretScalar> deltas = new ArrayList<>();
      SecretScalar own = evaluate(secret.inner, me);
      deltas.add(own);
      for (Identifier i : secret.participants) {
        all.add(i.equals(me) ? secret.commitment : commitments.get(i));
        if (!i.equals(me)) {
          deltas.add(shares.get(i));
        }
      }
      PublicKeyPackage publicKeys = refreshedPublicKeys(old, secret.participants, all);
      SecretScalar delta = SecretSums.sum(deltas, "refreshing shares");
      own.destroy();
      try {
        KeyPackage refreshed = applyDelta(current, delta);
        if (!publicKeys.verifyingShare(me).orElseThrow().equals(refreshed.verifyingShare())) {
          refreshed.destroy();
          throw new FrostException(
              FrostException.Kind.INCONSISTENT_COMMITMENTS,
              "refreshed share of participant " + me + " does not match the public key package");
        }
        return new KeyUpdate(refreshed, publicKeys);
      } finally {
        delta.destroy();
      }
    } finally {
      secret.destroy();
    }
  }

  /**
   * The group's public key package after a refresh with these commitments (computable by anyone,
   * e.g. a coordinator): Y'_j = Y_j + Σ_i δ_i(j)·G for every participant j, same group key.
   *
   * @throws FrostException INCORRECT_COMMITMENT naming participants whose commitment has the wrong
   *     length, UNKNOWN_IDENTIFIER, IDENTITY_ELEMENT if a new verifying share is the identity
   */
  public static PublicKeyPackage refreshedPublicKeys(
      PublicKeyPackage old, Map<Identifier, RefreshCommitment> commitments) {
    SortedSet<Identifier> ids = checkMembers(old, commitments.keySet(), "refresh participant");
    List<Identifier> wrongLength = new ArrayList<>();
    for (Identifier id : ids) {
      if (commitments.get(id).threshold() != old.minSigners()) {
        wrongLength.add(id);
      }
    }
    if (!wrongLength.isEmpty()) {
      throw new FrostException(
          FrostException.Kind.INCORRECT_COMMITMENT,
          "refresh commitment(s) of " + wrongLength + " have the wrong threshold",
          wrongLength);
    }
    return refreshedPublicKeys(old, ids, List.copyOf(new TreeMap<>(commitments).values()));
  }

  /**
   * Whether a complaint against a DKG-refresh participant is justified, given the accused's
   * broadcast commitment and the group's threshold. Public data only.
   */
  public static boolean upholds(
      RefreshComplaint complaint, Optional<RefreshCommitment> accusedCommitment, int threshold) {
    return switch (complaint.reason()) {
      case MISSING_COMMITMENT -> accusedCommitment.isEmpty();
      case WRONG_COMMITMENT_LENGTH ->
          accusedCommitment.map(c -> c.threshold() != threshold).orElse(false);
      case SHARE_MISMATCH ->
          accusedCommitment
              .map(c -> !sharesMatch(complaint.revealedShare().orElseThrow(), complaint, c))
              .orElse(false);
      case MISSING_SHARE -> true; // an omission: only a re-send can settle it
      case WRONG_CONSTANT_TERM -> false; // a refresh commitment's constant is zero by construction
    };
  }

  private static boolean sharesMatch(
      dev.frostgate.crypto.ec.Scalar share, RefreshComplaint complaint, RefreshCommitment c) {
    try {
      return !share.isZero() && Point.mulGenerator(share).equals(c.evaluate(complaint.accuser()));
    } catch (FrostException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static PublicKeyPackage refreshedPublicKeys(
      PublicKeyPackage old, SortedSet<Identifier> ids, List<RefreshCommitment> commitments) {
    TreeMap<Identifier, Point> shares = new TreeMap<>();
    for (Identifier j : ids) {
      List<Point> terms = new ArrayList<>(commitments.size() + 1);
      terms.add(old.verifyingShare(j).orElseThrow());
      for (RefreshCommitment c : commitments) {
        terms.add(c.evaluate(j));
      }
      try {
        shares.put(j, Point.sum(terms));
      } catch (CryptoException e) {
        throw new FrostException(
            FrostException.Kind.IDENTITY_ELEMENT,
            "refreshed verifying share of participant " + j + " is the identity");
      }
    }
    return new PublicKeyPackage(old.suite(), shares, old.verifyingKey(), old.minSigners());
  }

  private static KeyPackage applyDelta(KeyPackage current, SecretScalar delta) {
    SecretScalar share;
    try {
      share = current.signingShare().add(delta);
    } catch (CryptoException e) {
      throw new FrostException(
          FrostException.Kind.IDENTITY_ELEMENT,
          "refreshed share of participant " + current.identifier() + " is zero");
    }
    return new KeyPackage(
        current.suite(),
        current.identifier(),
        share,
        share.publicPoint(),
        current.verifyingKey(),
        current.minSigners());
  }

  /** δ(x) = x·g(x) where g has coefficients a_1..a_{t−1}. */
  private static SecretScalar evaluate(SecretPolynomial inner, Identifier x) {
    SecretScalar g = inner.evaluate(x);
    try {
      return g.multiply(x.value());
    } finally {
      g.destroy();
    }
  }

  private static SecretPolynomial randomInner(int t, SecureRandom random) {
    List<SecretScalar> c = new ArrayList<>(t - 1);
    for (int k = 1; k < t; k++) {
      c.add(SecretScalar.random(random));
    }
    return SecretPolynomial.of(c);
  }

  private static void requireRefreshable(int t) {
    if (t < 2) {
      throw new FrostException(
          FrostException.Kind.INVALID_THRESHOLD,
          "a 1-of-n key cannot be refreshed: every share is the group secret itself");
    }
  }

  private static SortedSet<Identifier> checkMembers(
      PublicKeyPackage old, Collection<Identifier> identifiers, String what) {
    SortedSet<Identifier> ids = SecretSums.distinct(identifiers, what);
    List<Identifier> unknown = new ArrayList<>();
    for (Identifier id : ids) {
      if (old.verifyingShare(id).isEmpty()) {
        unknown.add(id);
      }
    }
    if (!unknown.isEmpty()) {
      throw new FrostException(
          FrostException.Kind.UNKNOWN_IDENTIFIER,
          what + "(s) " + unknown + " are not in the group");
    }
    if (ids.size() < old.minSigners()) {
      throw new FrostException(
          FrostException.Kind.INSUFFICIENT_SIGNERS,
          ids.size() + " " + what + "s, the threshold is " + old.minSigners());
    }
    return ids;
  }
}
