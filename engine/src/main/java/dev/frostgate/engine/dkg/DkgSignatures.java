package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.crypto.seal.KeyDisclosure;
import dev.frostgate.crypto.seal.SealContext;
import dev.frostgate.crypto.seal.SealedShare;
import dev.frostgate.crypto.seal.ShareComplaint;
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
  public static byte[] round1Digest(DkgSessionId s, Round1Package p) {
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
  public static Hash32 viewDigest(DkgSessionId s, Map<Identifier, Round1Package> all) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (var e : new java.util.TreeMap<>(all).entrySet()) {
      b.writeBytes(e.getKey().toBytes());
      b.writeBytes(packageBytes(e.getValue()));
    }
    return Hash32.of(Hashes.taggedHash("Frostgate/dkg-round1-view", s.hash(), b.toByteArray()));
  }

  /**
   * What a dealer signs with each sealed share: (session, both parties, the sealed share's digest,
   * its commitment, its view). The signature makes the sealed share attributable (a complaint shows
   * a third party what the dealer sent) and the view claim forwardable.
   */
  public static byte[] shareDigest(
      DkgSessionId s,
      Identifier dealer,
      Identifier receiver,
      Hash32 sealedDigest,
      VssCommitment c,
      Hash32 view) {
    return Hashes.taggedHash(
        "Frostgate/dkg-sealed-share",
        s.hash(),
        dealer.toBytes(),
        receiver.toBytes(),
        sealedDigest.bytes(),
        commitmentBytes(c),
        view.bytes());
  }

  /** What the accuser signs: the dealer's signed sealed share, its commitment, the disclosure. */
  public static byte[] complaintDigest(
      DkgSessionId s, DkgMessage.Round2 accused, VssCommitment c, KeyDisclosure disclosure) {
    return Hashes.taggedHash(
        "Frostgate/dkg-complaint",
        s.hash(),
        accused.dealer().toBytes(),
        accused.receiver().toBytes(),
        accused.sealed().encode(),
        commitmentBytes(c),
        accused.view().bytes(),
        accused.dealerSignature().bytes(),
        disclosure.encode());
  }

  public static byte[] voteDigest(DkgSessionId s, Identifier voter, Identifier accused) {
    return Hashes.taggedHash(
        "Frostgate/dkg-timeout-vote", s.hash(), voter.toBytes(), accused.toBytes());
  }

  /** What a participant signs to ask for {@code dealer}'s share: (session, requester, dealer). */
  public static byte[] requestDigest(DkgSessionId s, Identifier requester, Identifier dealer) {
    return Hashes.taggedHash(
        "Frostgate/dkg-share-request", s.hash(), requester.toBytes(), dealer.toBytes());
  }

  public static Bip340Signature sign(byte[] digest, SecretScalar key, SecureRandom rnd) {
    byte[] aux = new byte[32];
    rnd.nextBytes(aux);
    return Bip340Signature.of(Secp256k1.signSchnorr(digest, key, aux));
  }

  static boolean verify(Bip340Signature sig, byte[] digest, Bip340PublicKey xonly) {
    try {
      return xonly != null && Secp256k1.verifySchnorr(sig, digest, xonly);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Our signed round-1 package. */
  public static DkgMessage.Round1 round1(
      DkgSessionId s, Round1Package p, SecretScalar key, SecureRandom rnd) {
    return new DkgMessage.Round1(s, p, sign(round1Digest(s, p), key, rnd));
  }

  /** Whether a round-1 package is signed by its author, a participant of its session. */
  public static boolean round1IsAuthentic(
      DkgMessage.Round1 r, Map<Identifier, Bip340PublicKey> keys) {
    return r.session().participants().contains(r.author())
        && verify(r.signature(), round1Digest(r.session(), r.pkg()), keys.get(r.author()));
  }

  /**
   * The author an equivocation proof convicts: both packages are signed by the same participant for
   * the same session and differ. Empty if the proof does not show that.
   */
  public static java.util.Optional<Identifier> equivocator(
      DkgMessage.Equivocation e, Map<Identifier, Bip340PublicKey> keys) {
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
      DkgSessionId s, DkgMessage.ViewClaim c, Map<Identifier, Bip340PublicKey> keys) {
    return s.participants().contains(c.dealer())
        && s.participants().contains(c.receiver())
        && !c.dealer().equals(c.receiver())
        && verify(
            c.dealerSignature(),
            shareDigest(s, c.dealer(), c.receiver(), c.sealedDigest(), c.commitment(), c.view()),
            keys.get(c.dealer()));
  }

  /** Our signed round-2 message: the share sealed to {@code receiver}, signed with our view. */
  public static DkgMessage.Round2 round2(
      DkgSessionId s,
      Identifier dealer,
      Identifier receiver,
      SealedShare sealed,
      VssCommitment dealerCommitment,
      Hash32 view,
      SecretScalar key,
      SecureRandom rnd) {
    Bip340Signature sig =
        sign(shareDigest(s, dealer, receiver, sealed.digest(), dealerCommitment, view), key, rnd);
    return new DkgMessage.Round2(s, dealer, receiver, sealed, view, sig);
  }

  /**
   * A complaint against the dealer of {@code accused} (a share sealed to us, signed by its dealer),
   * disclosing that one ciphertext's key.
   */
  public static DkgMessage.Complaint complaint(
      Ciphersuite suite,
      DkgMessage.Round2 accused,
      VssCommitment dealerCommitment,
      Bip340KeyPair accuser,
      SecretScalar accuserKey,
      SecureRandom rnd) {
    SealContext ctx =
        DkgShares.context(
            suite, accused.session(), accused.dealer(), accused.receiver(), dealerCommitment);
    KeyDisclosure d = KeyDisclosure.disclose(ctx, accuser, accused.sealed());
    Bip340Signature sig =
        sign(complaintDigest(accused.session(), accused, dealerCommitment, d), accuserKey, rnd);
    return new DkgMessage.Complaint(accused.session(), accused, dealerCommitment, d, sig);
  }

  /**
   * The participant a complaint proves guilty, from public data only: the dealer if it signed a
   * sealed share that, opened with the key the accuser disclosed and proved, is not a share
   * matching the commitment it signed; otherwise the accuser (a false complaint, or evidence that
   * proves nothing: a sealed share the dealer did not sign, a disclosure that does not verify).
   * Empty if the complaint is not authentic (not signed by its accuser, or parties outside the
   * session): then it proves nothing about anyone.
   */
  public static java.util.Optional<Identifier> culprit(
      DkgMessage.Complaint c, Map<Identifier, Bip340PublicKey> identityKeys, Ciphersuite suite) {
    DkgMessage.Round2 r = c.accused();
    Identifier dealer = r.dealer();
    Identifier accuser = r.receiver();
    if (!c.session().participants().contains(dealer)
        || !c.session().participants().contains(accuser)
        || !verify(
            c.accuserSignature(),
            complaintDigest(c.session(), r, c.accusedCommitment(), c.disclosure()),
            identityKeys.get(accuser))) {
      return java.util.Optional.empty();
    }
    boolean dealerSigned =
        verify(
            r.dealerSignature(),
            shareDigest(
                c.session(), dealer, accuser, r.sealed().digest(), c.accusedCommitment(), r.view()),
            identityKeys.get(dealer));
    if (!dealerSigned) {
      return java.util.Optional.of(accuser);
    }
    ShareComplaint.Verdict verdict =
        new ShareComplaint(
                DkgShares.context(suite, c.session(), dealer, accuser, c.accusedCommitment()),
                identityKeys.get(accuser),
                r.sealed(),
                c.disclosure(),
                DkgShares.expectedPoint(c.accusedCommitment(), accuser))
            .judge();
    return java.util.Optional.of(
        verdict == ShareComplaint.Verdict.DEALER_AT_FAULT ? dealer : accuser);
  }

  /** Our signed request for {@code dealer}'s round-2 share. */
  public static DkgMessage.ShareRequest shareRequest(
      DkgSessionId s, Identifier requester, Identifier dealer, SecretScalar key, SecureRandom rnd) {
    return new DkgMessage.ShareRequest(
        s, requester, dealer, sign(requestDigest(s, requester, dealer), key, rnd));
  }

  /** Whether a share request is signed by its requester, both parties being participants. */
  public static boolean requestIsAuthentic(
      DkgMessage.ShareRequest r, Map<Identifier, Bip340PublicKey> keys) {
    return r.session().participants().contains(r.requester())
        && r.session().participants().contains(r.dealer())
        && verify(
            r.signature(),
            requestDigest(r.session(), r.requester(), r.dealer()),
            keys.get(r.requester()));
  }

  public static boolean voteIsAuthentic(
      DkgMessage.TimeoutVote v, Map<Identifier, Bip340PublicKey> keys) {
    return v.session().participants().contains(v.voter())
        && v.session().participants().contains(v.accused())
        && !v.voter().equals(v.accused())
        && verify(
            v.signature(), voteDigest(v.session(), v.voter(), v.accused()), keys.get(v.voter()));
  }
}
