package dev.frostgate.crypto.frost.dkg;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.FrostException.Kind;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.Thresholds;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hash.Hashes;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pedersen DKG with proofs of knowledge, in three parts as in the Zcash Foundation crates ({@code
 * keys::dkg::part1/2/3}): no one ever holds the group secret.
 *
 * <ol>
 *   <li>part1: draw a random polynomial of degree t−1, broadcast its commitment and a proof of
 *       knowledge of its constant term;
 *   <li>part2: check everyone's proof, send f_i(j) privately to each other participant j;
 *   <li>part3: check every received share against its sender's commitment (blaming the sender with
 *       evidence on mismatch), sum the shares, derive every verifying share from the summed
 *       commitments.
 * </ol>
 */
public final class Dkg {
  private Dkg() {}

  public record Part1(Round1Secret secret, Round1Package broadcast) {}

  public record Part2(Round2Secret secret, SortedMap<Identifier, Round2Package> outgoing) {}

  public static Part1 part1(
      Ciphersuite suite, Identifier id, int maxSigners, int minSigners, SecureRandom rnd) {
    Thresholds.check(minSigners, maxSigners);
    SecretPolynomial f = SecretPolynomial.random(SecretScalar.random(rnd), minSigners, rnd);
    return part1FromPolynomial(suite, id, maxSigners, f, rnd);
  }

  /**
   * Part 1 from a given polynomial (test vectors give its coefficients). The polynomial must be
   * fresh and secret; its degree fixes the threshold.
   */
  public static Part1 part1FromPolynomial(
      Ciphersuite suite, Identifier id, int maxSigners, SecretPolynomial f, SecureRandom rnd) {
    Thresholds.check(f.threshold(), maxSigners);
    VssCommitment commitment = f.commit();
    ProofOfKnowledge proof =
        ProofOfKnowledge.prove(suite, id, f.constant(), commitment.constant(), rnd);
    return new Part1(
        new Round1Secret(suite, id, f, commitment, f.threshold(), maxSigners),
        new Round1Package(id, commitment, proof));
  }

  /**
   * Checks every other participant's round-1 package and computes the private shares to send.
   *
   * @param received the round-1 packages of all n−1 other participants
   * @throws FrostException INVALID_PROOF_OF_KNOWLEDGE naming every participant whose proof fails;
   *     INCONSISTENT_COMMITMENTS / UNKNOWN_IDENTIFIER / INSUFFICIENT_SIGNERS for malformed input
   */
  public static Part2 part2(Round1Secret secret, Map<Identifier, Round1Package> received) {
    checkRound1Packages(
        secret.suite(), secret.identifier(), secret.minSigners(), secret.maxSigners(), received);
    List<Identifier> culprits = new ArrayList<>();
    for (Round1Package p : new TreeMap<>(received).values()) {
      if (!p.proof().verify(secret.suite(), p.sender(), p.commitment().constant())) {
        culprits.add(p.sender());
      }
    }
    if (!culprits.isEmpty()) {
      throw new DkgException(
          Kind.INVALID_PROOF_OF_KNOWLEDGE,
          "invalid proof of knowledge from participant(s) " + culprits,
          culprits,
          List.of());
    }
    SortedMap<Identifier, Round2Package> outgoing = new TreeMap<>();
    for (Identifier j : received.keySet()) {
      outgoing.put(j, new Round2Package(secret.identifier(), j, secret.polynomial().evaluate(j)));
    }
    SecretScalar own = secret.polynomial().evaluate(secret.identifier());
    Round2Secret next =
        new Round2Secret(
            secret.suite(),
            secret.identifier(),
            own,
            secret.commitment(),
            secret.minSigners(),
            secret.maxSigners());
    secret.destroy();
    return new Part2(next, outgoing);
  }

  /**
   * Verifies the received shares, and computes this participant's key package, the public key
   * package and the transcript hash.
   *
   * @param round1 the same round-1 packages given to part 2
   * @param round2 the round-2 packages addressed to this participant, one from each other
   * @throws DkgException INVALID_SECRET_SHARE naming each sender whose share fails, with evidence
   */
  public static DkgOutput part3(
      Round2Secret secret,
      Map<Identifier, Round1Package> round1,
      Map<Identifier, Round2Package> round2) {
    Identifier me = secret.identifier();
    Ciphersuite suite = secret.suite();
    checkRound1Packages(suite, me, secret.minSigners(), secret.maxSigners(), round1);
    if (!round2.keySet().equals(round1.keySet())) {
      TreeSet<Identifier> diff = new TreeSet<>(round1.keySet());
      diff.removeAll(round2.keySet());
      TreeSet<Identifier> extra = new TreeSet<>(round2.keySet());
      extra.removeAll(round1.keySet());
      throw new FrostException(
          Kind.UNKNOWN_IDENTIFIER,
          "round-2 packages do not match round-1 senders: missing "
              + diff
              + ", unexpected "
              + extra);
    }
    for (var e : round2.entrySet()) {
      Round2Package p = e.getValue();
      if (!p.sender().equals(e.getKey()) || !p.receiver().equals(me)) {
        throw new FrostException(
            Kind.UNKNOWN_IDENTIFIER,
            "round-2 package keyed "
                + e.getKey()
                + " is from "
                + p.sender()
                + " to "
                + p.receiver()
                + ", expected to "
                + me);
      }
    }
    SortedMap<Identifier, VssCommitment> all = new TreeMap<>();
    round1.forEach((id, p) -> all.put(id, p.commitment()));
    all.put(me, secret.commitment());

    // Σ_j C_j: the group's joint commitment; its constant is the group key.
    VssCommitment group = VssCommitment.sum(new ArrayList<>(all.values()));

    // Sum the shares, then check the sum against the joint commitment in one evaluation; only if
    // that fails, check each share to find the culprits (the common case costs one evaluation).
    SecretScalar sum = secret.ownShare().copy();
    for (Round2Package p : new TreeMap<>(round2).values()) {
      SecretScalar next = sum.add(p.share());
      sum.destroy();
      sum = next;
    }
    Point verifyingShare = sum.publicPoint();
    if (!verifyingShare.equals(group.evaluate(me))) {
      sum.destroy();
      throw blame(me, round1, round2);
    }

    SortedMap<Identifier, Point> verifyingShares = new TreeMap<>();
    for (Identifier id : all.keySet()) {
      verifyingShares.put(id, id.equals(me) ? verifyingShare : group.evaluate(id));
    }
    Point groupKey = group.constant();
    KeyPackage key = new KeyPackage(suite, me, sum, verifyingShare, groupKey, secret.minSigners());
    PublicKeyPackage publicKeys =
        new PublicKeyPackage(suite, verifyingShares, groupKey, secret.minSigners());
    Hash32 transcript =
        transcriptHash(
            suite, secret.minSigners(), secret.maxSigners(), round1, me, secret.commitment());
    return new DkgOutput(key, publicKeys, transcript);
  }

  private static DkgException blame(
      Identifier me, Map<Identifier, Round1Package> round1, Map<Identifier, Round2Package> round2) {
    List<Identifier> culprits = new ArrayList<>();
    List<InvalidShareEvidence> evidence = new ArrayList<>();
    for (Round2Package p : new TreeMap<>(round2).values()) {
      VssCommitment c = round1.get(p.sender()).commitment();
      boolean ok;
      try {
        ok = p.share().publicPoint().equals(c.evaluate(me));
      } catch (FrostException e) {
        ok = false;
      }
      if (!ok) {
        culprits.add(p.sender());
        evidence.add(new InvalidShareEvidence(p.sender(), me, p.share().reveal(), c));
      }
    }
    return new DkgException(
        Kind.INVALID_SECRET_SHARE,
        culprits.isEmpty()
            ? "shares do not sum to the joint commitment, yet each matches its sender"
            : "share(s) from participant(s) " + culprits + " do not match their commitments",
        culprits,
        evidence);
  }

  private static void checkRound1Packages(
      Ciphersuite suite,
      Identifier me,
      int minSigners,
      int maxSigners,
      Map<Identifier, Round1Package> received) {
    if (received.size() != maxSigners - 1) {
      throw new FrostException(
          Kind.INSUFFICIENT_SIGNERS,
          "expected round-1 packages from "
              + (maxSigners - 1)
              + " other participants, got "
              + received.size());
    }
    for (var e : received.entrySet()) {
      Round1Package p = e.getValue();
      if (!p.sender().equals(e.getKey())) {
        throw new FrostException(
            Kind.UNKNOWN_IDENTIFIER,
            "round-1 package keyed " + e.getKey() + " names sender " + p.sender(),
            List.of(e.getKey()));
      }
      if (p.sender().equals(me)) {
        throw new FrostException(
            Kind.DUPLICATE_IDENTIFIER,
            "a received round-1 package carries our own identifier " + me);
      }
      if (p.commitment().threshold() != minSigners) {
        throw new FrostException(
            Kind.INCONSISTENT_COMMITMENTS,
            "participant "
                + p.sender()
                + " committed to "
                + p.commitment().threshold()
                + " coefficients, the threshold is "
                + minSigners,
            List.of(p.sender()));
      }
    }
  }

  /**
   * Hash of everything broadcast in round 1, in identifier order, bound to the ciphersuite and
   * threshold. Honest participants compute the same value; the certificate checks that they did.
   */
  public static Hash32 transcriptHash(
      Ciphersuite suite,
      int minSigners,
      int maxSigners,
      Map<Identifier, Round1Package> received,
      Identifier me,
      VssCommitment myCommitment) {
    SortedMap<Identifier, VssCommitment> all = new TreeMap<>();
    received.forEach((id, p) -> all.put(id, p.commitment()));
    all.put(me, myCommitment);
    MessageDigest d = Hashes.taggedDigest("Frostgate/dkg-transcript");
    d.update(Hashes.ascii(suite.contextString()));
    d.update(
        new byte[] {
          (byte) (minSigners >>> 8), (byte) minSigners, (byte) (maxSigners >>> 8), (byte) maxSigners
        });
    for (var e : all.entrySet()) {
      d.update(e.getKey().toBytes());
      ByteArrayOutputStream pts = new ByteArrayOutputStream();
      for (Point c : e.getValue().coefficients()) {
        pts.writeBytes(c.compressed());
      }
      d.update(pts.toByteArray());
    }
    return Hash32.of(d.digest());
  }
}
