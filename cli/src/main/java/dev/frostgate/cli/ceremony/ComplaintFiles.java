package dev.frostgate.cli.ceremony;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.cli.ceremony.CertificateFiles.IdentityFile;
import dev.frostgate.cli.ceremony.CertificateFiles.Roster;
import dev.frostgate.cli.ceremony.SealedShareFiles.SealedShareFile;
import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.keys.RefreshCommitment;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.crypto.seal.KeyDisclosure;
import dev.frostgate.crypto.seal.SealException;
import dev.frostgate.crypto.seal.SealPurpose;
import dev.frostgate.crypto.seal.ShareComplaint;
import dev.frostgate.crypto.seal.ShareSealer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Evidence that a dealer sealed a wrong share, which anyone can check offline with the roster: the
 * dealer-signed sealed share file as received, the dealer's commitment (its hash is in what the
 * dealer signed), the recipient's {@link KeyDisclosure} for that one ciphertext, all signed by the
 * accuser. It reveals only the accuser's own share from that dealer, and convicts either the dealer
 * (the share is not what it committed to) or the accuser (the share is right: a false complaint).
 *
 * <pre>
 *   type                frostgate/share-complaint
 *   accuser, dealer     participant identifiers
 *   sealed_share_file   the sealed share document, verbatim
 *   dealer_commitment   the dealer's commitment points (hex)
 *   key_disclosure      hex, 97 bytes: the Diffie-Hellman point S (33) ‖ DLEQ proof (64)
 *   accuser_signature   hex, 64 bytes: BIP340 by the accuser over {@link #signedMessage}
 * </pre>
 */
public final class ComplaintFiles {
  public static final String TYPE = "frostgate/share-complaint";

  private ComplaintFiles() {}

  /** Who the evidence shows to be at fault (exit 0); evidence that proves nothing is exit 1. */
  public record Judgement(ShareComplaint.Verdict verdict, Identifier dealer, Identifier accuser) {
    public String summary() {
      return verdict == ShareComplaint.Verdict.DEALER_AT_FAULT
          ? "dealer "
              + dealer
              + " at fault: the share it sealed and signed for participant "
              + accuser
              + " is not the one its commitment fixes"
          : "false complaint by "
              + accuser
              + ": the share dealer "
              + dealer
              + " sealed for it matches the dealer's commitment";
    }
  }

  /** What the accuser signs: the share's context and ciphertext, the disclosure, the commitment. */
  public static byte[] signedMessage(
      SealedShareFile share, KeyDisclosure disclosure, Hash32 commitmentHash) {
    return Hashes.taggedHash(
        "Frostgate/ceremony/share-complaint/v1",
        Hashes.sha256(share.context().associatedData()),
        share.sealed().digest().bytes(),
        Hashes.sha256(disclosure.encode()),
        commitmentHash.bytes());
  }

  /**
   * Builds and writes the evidence against the dealer of {@code share}, disclosing its key with the
   * accuser's identity key.
   */
  public static void write(
      Outputs out,
      Path p,
      SealedShareFile share,
      List<Point> dealerCommitment,
      IdentityFile accuser) {
    Bip340KeyPair kp = Bip340KeyPair.of(accuser.key());
    KeyDisclosure d;
    try {
      d = KeyDisclosure.disclose(share.context(), kp, share.sealed());
    } finally {
      kp.destroy();
    }
    ObjectNode n = CeremonyFile.newDocument(TYPE);
    n.put("secret", false);
    n.put(
        "note",
        "Evidence against participant "
            + share.dealer()
            + ": check it with 'frostgate dkg verify-evidence --roster ROSTER FILE'. It discloses"
            + " only the key of this one share, which belongs to the accuser.");
    FileFields.putId(n, "accuser", share.recipient());
    FileFields.putId(n, "dealer", share.dealer());
    n.set("sealed_share_file", share.document());
    n.set("dealer_commitment", FileFields.pointsNode(dealerCommitment));
    n.put("key_disclosure", CeremonyFile.hex(d.encode()));
    n.put(
        "accuser_signature",
        CeremonyFile.hex(
            accuser.sign(signedMessage(share, d, share.context().dealerCommitment()))));
    out.writePublic(p, n);
  }

  /**
   * Judges evidence with public data only.
   *
   * @throws CeremonyException (exit 1) naming what failed when the evidence proves nothing
   * @throws CeremonyException when the file is malformed
   */
  public static Judgement judge(Path p, Roster roster) {
    CeremonyFile f = CeremonyFile.read(p, TYPE);
    Identifier accuser = f.identifier("accuser");
    Identifier dealer = f.identifier("dealer");
    CeremonyFile embedded = f.object("sealed_share_file");
    SealedShareFile share = SealedShareFiles.parseUnverified(embedded);
    String where = f.fileName() + ": field ";
    if (!SealedShareFiles.signedByDealer(share, roster)) {
      throw CeremonyException.checkFailed(
          "evidence proves nothing: "
              + where
              + "sealed_share_file.dealer_signature: is not a signature of participant "
              + share.dealer()
              + "'s identity key (pinned in "
              + roster.file()
              + "): the sealed share is not shown to come from the dealer");
    }
    if (!share.dealer().equals(dealer)) {
      throw f.error("dealer", "is " + dealer + " but the sealed share is from " + share.dealer());
    }
    if (!share.recipient().equals(accuser)) {
      throw CeremonyException.checkFailed(
          "evidence proves nothing: "
              + where
              + "accuser: participant "
              + accuser
              + " is not the recipient of the sealed share (participant "
              + share.recipient()
              + ")");
    }
    SealPurpose purpose = share.context().purpose();
    if (purpose != SealPurpose.DKG_SHARE && purpose != SealPurpose.REFRESH_SHARE) {
      throw CeremonyException.checkFailed(
          "evidence proves nothing: "
              + where
              + "sealed_share_file.purpose: a "
              + purpose.label()
              + " has no commitment to check it against");
    }
    Ciphersuite suite = embedded.ciphersuite();
    List<Point> commitment = FileFields.points(f, "dealer_commitment");
    Hash32 hash = SealedShareFiles.commitmentHash(purpose, suite, dealer, commitment);
    if (!hash.equals(share.context().dealerCommitment())) {
      throw CeremonyException.checkFailed(
          "evidence proves nothing: "
              + where
              + "dealer_commitment: is not the commitment dealer "
              + dealer
              + " signed for (its hash differs from sealed_share_file.dealer_commitment_hash)");
    }
    KeyDisclosure disclosure;
    try {
      disclosure = KeyDisclosure.decode(f.hex("key_disclosure", KeyDisclosure.ENCODED_BYTES));
    } catch (SealException e) {
      throw f.error("key_disclosure", e.getMessage());
    }
    Bip340PublicKey accuserKey = roster.key(accuser);
    if (!Secp256k1.verifySchnorr(
        f.signature("accuser_signature"), signedMessage(share, disclosure, hash), accuserKey)) {
      throw CeremonyException.checkFailed(
          "evidence proves nothing: "
              + where
              + "accuser_signature: is not a signature of participant "
              + accuser
              + "'s identity key (pinned in "
              + roster.file()
              + ") over this evidence");
    }
    ShareComplaint complaint =
        new ShareComplaint(
            share.context(),
            accuserKey,
            share.sealed(),
            disclosure,
            expectedPoint(purpose, commitment, accuser));
    ShareComplaint.Verdict verdict = complaint.judge();
    if (verdict == ShareComplaint.Verdict.EVIDENCE_INVALID) {
      throw CeremonyException.checkFailed(
          "evidence proves nothing: "
              + where
              + "key_disclosure: "
              + (opens(share, accuserKey, disclosure)
                  ? "its proof does not verify (wrong proof)"
                  : "is not proven to be the key of participant "
                      + accuser
                      + "'s identity key for this share (wrong key or wrong proof)"));
    }
    return new Judgement(verdict, dealer, accuser);
  }

  /** Whether the disclosed point decrypts the share (to tell a wrong proof from a wrong key). */
  private static boolean opens(SealedShareFile share, Bip340PublicKey key, KeyDisclosure d) {
    try {
      SecretScalar s =
          ShareSealer.openDisclosed(share.context(), key.bytes(), share.sealed(), d.sharedPoint());
      s.destroy();
      return true;
    } catch (SealException e) {
      return e.kind() == SealException.Kind.NOT_A_SCALAR;
    }
  }

  /** The point the recipient's share must have; empty when it is the identity (no share can). */
  static Optional<Point> expectedPoint(
      SealPurpose purpose, List<Point> commitment, Identifier recipient) {
    try {
      return Optional.of(
          purpose == SealPurpose.DKG_SHARE
              ? new VssCommitment(commitment).evaluate(recipient)
              : new RefreshCommitment(commitment).evaluate(recipient));
    } catch (RuntimeException e) { // FrostException, CryptoException: no such point
      return Optional.empty();
    }
  }
}
