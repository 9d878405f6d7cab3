package dev.frostgate.crypto.frost.keys;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.Lagrange;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.SecretShare;
import dev.frostgate.crypto.frost.VssCommitment;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Share repair (the Repairable Threshold Scheme of eprint 2017/1155), compatible with the Zcash
 * Foundation's {@code frost-core::keys::repairable} ({@code repair_share_part1/2/3}, formerly
 * {@code repair_share_step_1/2/3}).
 *
 * <p>Participant r lost its share. A set H of at least max(2, t) other participants (the helpers)
 * rebuilds it without anyone learning another's share:
 *
 * <ol>
 *   <li>{@link #part1}: helper i computes ζ_i·s_i, with ζ_i its Lagrange coefficient over H
 *       evaluated at r, and splits it into |H| random deltas, one per helper (itself included).
 *       Deltas are secret: send each over an encrypted, authenticated channel.
 *   <li>{@link #part2}: helper j sums the deltas it received into σ_j and sends σ_j to r (secret).
 *   <li>{@link #part3}: r sums the sigmas (Σ_j σ_j = Σ_i ζ_i·s_i = f(r)) and checks the result
 *       against its verifying share in the group's public key package.
 * </ol>
 *
 * <p>Every function takes explicit inputs so conformance vectors can drive each step. A wrong delta
 * or sigma is detected in part 3 (the share does not match), but the scheme cannot tell which
 * helper sent it: repeat the repair with another helper set.
 */
public final class Repair {
  private Repair() {}

  /**
   * Part 1 for one helper, with fresh randomness.
   *
   * @param helpers every helper's identifier (including this helper's), in any order
   * @param helper this helper's key package
   * @param participant the identifier whose share is being repaired (not a helper)
   * @return the delta to send to each helper, keyed by recipient (this helper's own included)
   * @throws FrostException INSUFFICIENT_SIGNERS if there are fewer than max(2, t) helpers,
   *     DUPLICATE_IDENTIFIER, UNKNOWN_IDENTIFIER if this helper is not in the list, or
   *     INVALID_IDENTIFIER if the participant is among the helpers
   */
  public static SortedMap<Identifier, SecretScalar> part1(
      Collection<Identifier> helpers,
      KeyPackage helper,
      Identifier participant,
      SecureRandom random) {
    int count = checkHelpers(helpers, helper, participant).size();
    List<SecretScalar> randomDeltas = new ArrayList<>(count - 1);
    for (int k = 0; k < count - 1; k++) {
      randomDeltas.add(SecretScalar.random(random));
    }
    try {
      return part1WithRandomness(helpers, helper, participant, randomDeltas);
    } finally {
      SecretSums.destroyAll(randomDeltas);
    }
  }

  /**
   * Part 1 with given random deltas (for test vectors and conformance checks), exactly as ZF
   * assigns them: the helpers in ascending order receive {@code randomDeltas} in list order, and
   * the last (largest) helper receives ζ_i·s_i − Σ randomDeltas. The inputs are copied, not
   * consumed.
   *
   * @param randomDeltas |helpers| − 1 values
   */
  public static SortedMap<Identifier, SecretScalar> part1WithRandomness(
      Collection<Identifier> helpers,
      KeyPackage helper,
      Identifier participant,
      List<SecretScalar> randomDeltas) {
    SortedSet<Identifier> set = checkHelpers(helpers, helper, participant);
    if (randomDeltas.size() != set.size() - 1) {
      throw new IllegalArgumentException(
          "need " + (set.size() - 1) + " random deltas, got " + randomDeltas.size());
    }
    Scalar zeta = Lagrange.at(participant.value(), helper.identifier(), set);
    SecretScalar scaled = helper.signingShare().multiply(zeta);
    SecretScalar randomSum = null;
    TreeMap<Identifier, SecretScalar> out = new TreeMap<>();
    try {
      Iterator<Identifier> ids = set.iterator();
      for (SecretScalar r : randomDeltas) {
        out.put(ids.next(), r.copy());
      }
      if (randomDeltas.isEmpty()) {
        out.put(ids.next(), scaled.copy());
      } else {
        randomSum = SecretSums.sum(randomDeltas, "random deltas");
        out.put(ids.next(), SecretSums.subtract(scaled, randomSum, "last delta"));
      }
      return out;
    } catch (RuntimeException e) {
      SecretSums.destroyAll(out.values());
      throw e;
    } finally {
      scaled.destroy();
      if (randomSum != null) {
        randomSum.destroy();
      }
    }
  }

  /**
   * Part 2: σ_j, the sum of the deltas helper j received from every helper (its own included). The
   * inputs are not consumed.
   */
  public static SecretScalar part2(Collection<SecretScalar> deltas) {
    return SecretSums.sum(deltas, "deltas");
  }

  /**
   * The arithmetic of part 3 alone (ZF {@code repair_share_step_3}'s value): Σ sigmas, unchecked.
   * Prefer {@link #part3}, which verifies the result.
   */
  public static SecretScalar sumSigmas(Collection<SecretScalar> sigmas) {
    return SecretSums.sum(sigmas, "sigmas");
  }

  /**
   * Part 3: the repaired key package of {@code participant}, checked against its verifying share in
   * the group's public key package (which any helper can send).
   *
   * @throws FrostException UNKNOWN_IDENTIFIER if the package has no verifying share for the
   *     participant, INSUFFICIENT_SIGNERS if fewer than t sigmas are given, INVALID_SECRET_SHARE if
   *     the repaired share does not match (some helper sent a wrong delta or sigma)
   */
  public static KeyPackage part3(
      Collection<SecretScalar> sigmas, Identifier participant, PublicKeyPackage group) {
    Point expected =
        group
            .verifyingShare(participant)
            .orElseThrow(
                () ->
                    new FrostException(
                        FrostException.Kind.UNKNOWN_IDENTIFIER,
                        "participant " + participant + " is not in the public key package"));
    if (sigmas.size() < group.minSigners()) {
      throw new FrostException(
          FrostException.Kind.INSUFFICIENT_SIGNERS,
          sigmas.size() + " sigmas, the threshold is " + group.minSigners());
    }
    SecretScalar share = sumSigmas(sigmas);
    try {
      return KeyPackage.checked(
          group.suite(), participant, share, expected, group.verifyingKey(), group.minSigners());
    } catch (FrostException e) {
      share.destroy();
      throw new FrostException(
          FrostException.Kind.INVALID_SECRET_SHARE,
          "repaired share of participant "
              + participant
              + " does not match its verifying share: a helper sent a wrong delta or sigma");
    }
  }

  /**
   * Part 3 against the dealer's (or the DKG's summed) VSS commitment instead of a public key
   * package, as ZF's older {@code repair_share_step_3} did.
   *
   * @throws FrostException INVALID_SECRET_SHARE if the repaired share does not match
   */
  public static KeyPackage part3(
      Collection<SecretScalar> sigmas,
      Identifier participant,
      Ciphersuite suite,
      VssCommitment commitment) {
    SecretScalar share = sumSigmas(sigmas);
    try {
      return new SecretShare(suite, participant, share, commitment).toKeyPackage();
    } catch (FrostException e) {
      share.destroy();
      throw e;
    }
  }

  private static SortedSet<Identifier> checkHelpers(
      Collection<Identifier> helpers, KeyPackage helper, Identifier participant) {
    SortedSet<Identifier> set = SecretSums.distinct(helpers, "helper");
    int needed = Math.max(2, helper.minSigners());
    if (set.size() < needed) {
      throw new FrostException(
          FrostException.Kind.INSUFFICIENT_SIGNERS,
          "repair needs at least " + needed + " helpers, got " + set.size());
    }
    if (!set.contains(helper.identifier())) {
      throw new FrostException(
          FrostException.Kind.UNKNOWN_IDENTIFIER,
          "helper " + helper.identifier() + " is not in the helper list");
    }
    if (set.contains(participant)) {
      throw new FrostException(
          FrostException.Kind.INVALID_IDENTIFIER,
          "participant " + participant + " cannot help repair its own share");
    }
    return set;
  }
}
