package dev.frostgate.node.engine.dkg;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.InvalidShareEvidence;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.hash.Hashes;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.Map;

/** The digests that identity keys sign in the DKG, and the checks of forwardable proofs. */
public final class DkgSignatures {
  private DkgSignatures() {}

  static byte[] commitmentBytes(VssCommitment c) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (Point p : c.coefficients()) {
      b.writeBytes(p.compressed());
    }
    return b.toByteArray();
  }

  /**
   * Canonical bytes of a round-1 package for signing and hashing: the commitment's length (2 bytes)
   * and points (compressed), then the proof's R (compressed) and μ.
   */
  static byte[] packageBytes(Round1Package p) {
    byte[] c = commitmentBytes(p.commitment());
    int t = p.commitment().threshold();
    return Hashes.concat(
        new byte[] {(byte) (t >>> 8), (byte) t},
        c,
        p.proof().r().compressed(),
        p.proof().mu().toBytes());
  }

  /** What a round-1 package's author signs: (session, author, package). */
  public static byte[] round1Digest(SessionId s, Round1Package p) {
    return Hashes.taggedHash(
        "Frostgate/dkg-round1", s.hash(), p.sender().toBytes(), packageBytes(p));
  }

  /** Whether two round-1 packages are the same (byte for byte in their canonical form). */
  public static boolean samePackage(Round1Package a, Round1Package b) {
    return java.util.Arrays.equals(packageBytes(a), packageBytes(b));
  }

  /**
   * A participant's view of round 1: every round-1 package of the session (its own included), in
   * identifier order. Honest participants that hold the same packages have the same view.
   */
  public static byte[] viewDigest(SessionId s, Map<Identifier, Round1Package> all) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (var e : new java.util.TreeMap<>(all).entrySet()) {
      b.writeBytes(e.getKey().toBytes());
      b.writeBytes(packageBytes(e.getValue()));
    }
    return Hashes.taggedHash("Frostgate/dkg-round1-view", s.hash(), b.toByteArray());
  }

  /**
   * What a dealer signs with each share. The share enters as its public point share·G (which binds
   * the share: the point has one discrete log) so that the view claim can be shown to third parties
   * without the secret share; a complaint reveals the share and the verifier multiplies.
   */
  public static byte[] shareDigest(
      SessionId s,
      Identifier dealer,
      Identifier receiver,
      Point sharePoint,
      VssCommitment c,
      byte[] view) {
    return Hashes.taggedHash(
        "Frostgate/dkg-share",
        s.hash(),
        dealer.toBytes(),
        receiver.toBytes(),
        sharePoint.compressed(),
        commitmentBytes(c),
        view);
  }

  public static byte[] complaintDigest(
      SessionId s, InvalidShareEvidence e, byte[] dealerView, byte[] dealerSignature) {
    return Hashes.taggedHash(
        "Frostgate/dkg-complaint",
        s.hash(),
        e.accused().toBytes(),
        e.accuser().toBytes(),
        e.revealedShare().toBytes(),
        commitmentBytes(e.accusedCommitment()),
        dealerView,
        dealerSignature);
  }

  public static byte[] voteDigest(SessionId s, Identifier voter, Identifier accused) {
    return Hashes.taggedHash(
        "Frostgate/dkg-timeout-vote", s.hash(), voter.toBytes(), accused.toBytes());
  }

  /** What a participant signs to ask for {@code dealer}'s share: (session, requester, dealer). */
  public static byte[] requestDigest(SessionId s, Identifier requester, Identifier dealer) {
    return Hashes.taggedHash(
        "Frostgate/dkg-share-request", s.hash(), requester.toBytes(), dealer.toBytes());
  }

  public static byte[] sign(byte[] digest, SecretScalar key, SecureRandom rnd) {
    byte[] aux = new byte[32];
    rnd.nextBytes(aux);
    return Secp256k1.signSchnorr(digest, key, aux);
  }

  static boolean verify(byte[] sig, byte[] digest, byte[] xonly) {
    try {
      return xonly != null && sig.length == 64 && Secp256k1.verifySchnorr(sig, digest, xonly);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Our signed round-1 package. */
  public static DkgMessage.Round1 round1(
      SessionId s, Round1Package p, SecretScalar key, SecureRandom rnd) {
    return new DkgMessage.Round1(s, p, sign(round1Digest(s, p), key, rnd));
  }

  /** Whether a round-1 package is signed by its author, a participant of its session. */
  public static boolean round1IsAuthentic(DkgMessage.Round1 r, Map<Identifier, byte[]> keys) {
    return r.session().participants().contains(r.author())
        && verify(r.signature(), round1Digest(r.session(), r.pkg()), keys.get(r.author()));
  }

  /**
   * The author an equivocation proof convicts: both packages are signed by the same participant for
   * the same session and differ. Empty if the proof does not show that.
   */
  public static java.util.Optional<Identifier> equivocator(
      DkgMessage.Equivocation e, Map<Identifier, byte[]> keys) {
    Identifier author = e.first().author();
    if (!author.equals(e.second().author())
        || samePackage(e.first().pkg(), e.second().pkg())
        || !round1IsAuthentic(e.first(), keys)
        || !round1IsAuthentic(e.second(), keys)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(author);
  }

  /** Whether {@code c} was signed by its dealer, both parties being participants of {@code s}. */
  public static boolean claimIsAuthentic(
      SessionId s, DkgMessage.ViewClaim c, Map<Identifier, byte[]> keys) {
    return s.participants().contains(c.dealer())
        && s.participants().contains(c.receiver())
        && !c.dealer().equals(c.receiver())
        && c.view().length == 32
        && verify(
            c.dealerSignature(),
            shareDigest(s, c.dealer(), c.receiver(), c.sharePoint(), c.commitment(), c.view()),
            keys.get(c.dealer()));
  }

  /** A complaint against a dealer, built by the accuser from the dealer's signed share. */
  public static DkgMessage.Complaint complaint(
      SessionId s,
      InvalidShareEvidence evidence,
      byte[] dealerView,
      byte[] dealerSignature,
      SecretScalar accuserKey,
      SecureRandom rnd) {
    byte[] sig = sign(complaintDigest(s, evidence, dealerView, dealerSignature), accuserKey, rnd);
    return new DkgMessage.Complaint(s, evidence, dealerView, dealerSignature, sig);
  }

  /**
   * The participant a complaint proves guilty: the accused if it signed a share that does not match
   * its signed commitment, else the accuser (a false complaint). Empty if the complaint is not
   * authentic (not signed by its accuser, or parties outside the session): then it proves nothing.
   */
  public static java.util.Optional<Identifier> culprit(
      DkgMessage.Complaint c, Map<Identifier, byte[]> identityKeys) {
    InvalidShareEvidence e = c.evidence();
    if (!c.session().participants().contains(e.accused())
        || !c.session().participants().contains(e.accuser())
        || e.accused().equals(e.accuser())
        || !verify(
            c.accuserSignature(),
            complaintDigest(c.session(), e, c.dealerView(), c.dealerSignature()),
            identityKeys.get(e.accuser()))) {
      return java.util.Optional.empty();
    }
    // A zero share has no point a dealer could have signed (shares are nonzero).
    boolean dealerSigned =
        !e.revealedShare().isZero()
            && verify(
                c.dealerSignature(),
                shareDigest(
                    c.session(),
                    e.accused(),
                    e.accuser(),
                    Point.mulGenerator(e.revealedShare()),
                    e.accusedCommitment(),
                    c.dealerView()),
                identityKeys.get(e.accused()));
    boolean invalid;
    try {
      invalid = e.isValid();
    } catch (FrostException | IllegalArgumentException ex) {
      invalid = false;
    }
    return java.util.Optional.of(dealerSigned && invalid ? e.accused() : e.accuser());
  }

  /** Our signed request for {@code dealer}'s round-2 share. */
  public static DkgMessage.ShareRequest shareRequest(
      SessionId s, Identifier requester, Identifier dealer, SecretScalar key, SecureRandom rnd) {
    return new DkgMessage.ShareRequest(
        s, requester, dealer, sign(requestDigest(s, requester, dealer), key, rnd));
  }

  /** Whether a share request is signed by its requester, both parties being participants. */
  public static boolean requestIsAuthentic(
      DkgMessage.ShareRequest r, Map<Identifier, byte[]> keys) {
    return r.session().participants().contains(r.requester())
        && r.session().participants().contains(r.dealer())
        && verify(
            r.signature(),
            requestDigest(r.session(), r.requester(), r.dealer()),
            keys.get(r.requester()));
  }

  /**
   * Whether a revealed share was signed by its dealer (over the round-2 digest, with {@code
   * dealerCommitment}, the dealer's commitment as we hold it), both parties being participants.
   */
  public static boolean revealIsAuthentic(
      DkgMessage.ShareReveal r, VssCommitment dealerCommitment, Map<Identifier, byte[]> keys) {
    return claimIsAuthentic(r.session(), r.claim(dealerCommitment), keys);
  }

  /** Whether a revealed share matches the dealer's commitment at the receiver. */
  public static boolean revealMatches(DkgMessage.ShareReveal r, VssCommitment dealerCommitment) {
    return !new InvalidShareEvidence(r.dealer(), r.receiver(), r.share(), dealerCommitment)
        .isValid();
  }

  public static boolean voteIsAuthentic(DkgMessage.TimeoutVote v, Map<Identifier, byte[]> keys) {
    return v.session().participants().contains(v.voter())
        && v.session().participants().contains(v.accused())
        && !v.voter().equals(v.accused())
        && verify(
            v.signature(), voteDigest(v.session(), v.voter(), v.accused()), keys.get(v.voter()));
  }
}
