package dev.frostgate.node.engine.dkg;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.InvalidShareEvidence;
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

  public static byte[] shareDigest(
      SessionId s, Identifier dealer, Identifier receiver, Scalar share, VssCommitment c) {
    return Hashes.taggedHash(
        "Frostgate/dkg-share",
        s.hash(),
        dealer.toBytes(),
        receiver.toBytes(),
        share.toBytes(),
        commitmentBytes(c));
  }

  public static byte[] complaintDigest(
      SessionId s, InvalidShareEvidence e, byte[] dealerSignature) {
    return Hashes.taggedHash(
        "Frostgate/dkg-complaint",
        s.hash(),
        e.accused().toBytes(),
        e.accuser().toBytes(),
        e.revealedShare().toBytes(),
        commitmentBytes(e.accusedCommitment()),
        dealerSignature);
  }

  public static byte[] voteDigest(SessionId s, Identifier voter, Identifier accused) {
    return Hashes.taggedHash(
        "Frostgate/dkg-timeout-vote", s.hash(), voter.toBytes(), accused.toBytes());
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

  /** A complaint against a dealer, built by the accuser from the dealer's signed share. */
  public static DkgMessage.Complaint complaint(
      SessionId s,
      InvalidShareEvidence evidence,
      byte[] dealerSignature,
      SecretScalar accuserKey,
      SecureRandom rnd) {
    byte[] sig = sign(complaintDigest(s, evidence, dealerSignature), accuserKey, rnd);
    return new DkgMessage.Complaint(s, evidence, dealerSignature, sig);
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
            complaintDigest(c.session(), e, c.dealerSignature()),
            identityKeys.get(e.accuser()))) {
      return java.util.Optional.empty();
    }
    boolean dealerSigned =
        verify(
            c.dealerSignature(),
            shareDigest(
                c.session(), e.accused(), e.accuser(), e.revealedShare(), e.accusedCommitment()),
            identityKeys.get(e.accused()));
    boolean invalid;
    try {
      invalid = e.isValid();
    } catch (FrostException | IllegalArgumentException ex) {
      invalid = false;
    }
    return java.util.Optional.of(dealerSigned && invalid ? e.accused() : e.accuser());
  }

  public static boolean voteIsAuthentic(DkgMessage.TimeoutVote v, Map<Identifier, byte[]> keys) {
    return v.session().participants().contains(v.voter())
        && v.session().participants().contains(v.accused())
        && !v.voter().equals(v.accused())
        && verify(
            v.signature(), voteDigest(v.session(), v.voter(), v.accused()), keys.get(v.voter()));
  }
}
