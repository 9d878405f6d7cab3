package dev.frostgate.cli.ceremony;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.cli.ceremony.CertificateFiles.IdentityFile;
import dev.frostgate.cli.ceremony.CertificateFiles.Roster;
import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.crypto.seal.SealContext;
import dev.frostgate.crypto.seal.SealException;
import dev.frostgate.crypto.seal.SealPurpose;
import dev.frostgate.crypto.seal.SealedShare;
import dev.frostgate.crypto.seal.ShareSealer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A secret share of the ceremony in transit (a DKG round-2 share, a refresh share, a repair delta
 * or sigma): encrypted to the recipient's identity key ({@link ShareSealer}) and signed by the
 * dealer's identity key (BIP340) over the ciphertext and its whole {@link SealContext}. The file is
 * public: only the recipient opens it, anyone with the roster can check who made it, and a wrong
 * share becomes evidence that convicts the dealer ({@link ComplaintFiles}).
 *
 * <pre>
 *   type                    frostgate/sealed-share
 *   purpose                 dkg-share | refresh-share | repair-delta | repair-sigma
 *   ciphersuite, session    the SealContext: session is hex (DKG: the transcript hash)
 *   dealer, recipient       participant identifiers
 *   dealer_commitment_hash  hex, 32 bytes ({@link #commitmentHash})
 *   sealed_share            hex, 81 bytes: ephemeral key E ‖ ChaCha20-Poly1305 ciphertext
 *   dealer_signature        hex, 64 bytes: BIP340 over {@link #signedMessage}
 * </pre>
 *
 * plus readable copies of what the session hash covers (group key, epoch, participants), which only
 * improve error messages.
 */
public final class SealedShareFiles {
  public static final String TYPE = "frostgate/sealed-share";

  private SealedShareFiles() {}

  /** A sealed share file whose dealer signature verified against the roster. */
  public record SealedShareFile(
      SealContext context,
      SealedShare sealed,
      Bip340Signature dealerSignature,
      ObjectNode document,
      String file) {
    /**
     * Opens it with the recipient's identity key.
     *
     * @throws SealException NOT_AUTHENTIC or NOT_A_SCALAR: the dealer sealed something wrong
     */
    public SecretScalar open(IdentityFile recipient) {
      Bip340KeyPair kp = Bip340KeyPair.of(recipient.key());
      try {
        return ShareSealer.open(context, kp, sealed);
      } finally {
        kp.destroy();
      }
    }

    public Identifier dealer() {
      return context.dealer();
    }

    public Identifier recipient() {
      return context.recipient();
    }
  }

  /**
   * The 32-byte hash of what a dealer's shares are checked against, bound into every sealed share:
   * the dealer's round-1 VSS commitment (DKG), its refresh commitment (refresh), or its verifying
   * share (repair, which has no commitment).
   */
  public static Hash32 commitmentHash(
      SealPurpose purpose, Ciphersuite suite, Identifier dealer, List<Point> points) {
    List<byte[]> parts = new ArrayList<>();
    parts.add(Hashes.ascii(purpose.label()));
    parts.add(Hashes.sha256(Hashes.ascii(suite.contextString())));
    parts.add(dealer.toBytes());
    points.forEach(p -> parts.add(p.compressed()));
    return Hash32.of(
        Hashes.taggedHash("Frostgate/ceremony/dealer-commitment/v1", parts.toArray(new byte[0][])));
  }

  /** What the dealer signs: the whole context and the ciphertext. */
  public static byte[] signedMessage(SealContext context, SealedShare sealed) {
    return Hashes.taggedHash(
        "Frostgate/ceremony/sealed-share/v1",
        Hashes.sha256(context.associatedData()),
        sealed.digest().bytes());
  }

  /**
   * Seals {@code value} to {@code recipientKey} under {@code context}, signs it with the dealer's
   * identity and writes the file; {@code readable} adds fields for people (never secret).
   */
  public static void write(
      Outputs out,
      Path p,
      SealContext context,
      Bip340PublicKey recipientKey,
      SecretScalar value,
      IdentityFile dealer,
      ObjectNode readable) {
    SealedShare sealed = ShareSealer.seal(context, new SecureRandom(), recipientKey.bytes(), value);
    ObjectNode n = CeremonyFile.newDocument(TYPE);
    n.put("secret", false);
    n.put(
        "note",
        "Encrypted to the identity key of participant "
            + context.recipient()
            + " and signed by participant "
            + context.dealer()
            + ": only the recipient can open it; safe to carry.");
    n.put("purpose", context.purpose().label());
    n.put("ciphersuite", context.ciphersuite());
    n.put("session", CeremonyFile.hex(context.session()));
    FileFields.putId(n, "dealer", context.dealer());
    FileFields.putId(n, "recipient", context.recipient());
    n.put("dealer_commitment_hash", CeremonyFile.hex(context.dealerCommitment()));
    readable.properties().forEach(e -> n.set(e.getKey(), e.getValue()));
    n.put("sealed_share", CeremonyFile.hex(sealed.encode()));
    n.put("dealer_signature", CeremonyFile.hex(dealer.sign(signedMessage(context, sealed))));
    out.writePublic(p, n);
  }

  /** Peeks at the recipient of a sealed share file (to pick one's own from a directory). */
  public static Identifier recipient(Path p) {
    return CeremonyFile.read(p, TYPE).identifier("recipient");
  }

  /**
   * Reads a sealed share file and checks the dealer's signature with the roster.
   *
   * @throws CeremonyException naming the file and field
   */
  public static SealedShareFile read(Path p, Roster roster) {
    CeremonyFile f = CeremonyFile.read(p, TYPE);
    return parse(f, roster);
  }

  /** Like {@link #read}, for a document embedded in another file ({@code f} points at it). */
  static SealedShareFile parse(CeremonyFile f, Roster roster) {
    SealedShareFile s = parseUnverified(f);
    if (!signedByDealer(s, roster)) {
      throw f.error(
          "dealer_signature",
          "is not a signature of participant "
              + s.dealer()
              + "'s identity key (pinned in "
              + roster.file()
              + ") over this sealed share: the file was altered, or is not from participant "
              + s.dealer());
    }
    return s;
  }

  /** Whether the dealer named in the file signed it, with its identity key in the roster. */
  static boolean signedByDealer(SealedShareFile s, Roster roster) {
    return Secp256k1.verifySchnorr(
        s.dealerSignature(), signedMessage(s.context(), s.sealed()), roster.key(s.dealer()));
  }

  /** The fields of a sealed share file; the dealer's signature is not checked yet. */
  static SealedShareFile parseUnverified(CeremonyFile f) {
    SealPurpose purpose;
    try {
      purpose = SealPurpose.fromLabel(f.string("purpose"));
    } catch (SealException e) {
      throw f.error("purpose", "unknown purpose (dkg-share, refresh-share, repair-delta, ...)");
    }
    Ciphersuite suite = f.ciphersuite();
    byte[] session = f.hex("session", -1);
    if (session.length == 0 || session.length > 4096) {
      throw f.error("session", "must be 1..4096 bytes");
    }
    Identifier dealer = f.identifier("dealer");
    Identifier recipient = f.identifier("recipient");
    if (dealer.equals(recipient)) {
      throw f.error("recipient", "is the dealer itself");
    }
    SealContext context =
        new SealContext(
            purpose,
            suite.contextString(),
            session,
            dealer,
            recipient,
            f.hash32("dealer_commitment_hash"));
    SealedShare sealed;
    try {
      sealed = SealedShare.decode(f.hex("sealed_share", SealedShare.ENCODED_BYTES));
    } catch (SealException e) {
      throw f.error("sealed_share", e.getMessage());
    }
    return new SealedShareFile(
        context, sealed, f.signature("dealer_signature"), f.node(), f.fileName());
  }

  /**
   * Checks that a sealed share was made for the context the reader expects, naming the first field
   * that differs and why it matters.
   */
  public static void requireContext(
      SealedShareFile f, SealContext expected, String sessionSource, String commitmentSource) {
    SealContext c = f.context();
    String where = f.file() + ": field ";
    if (c.purpose() != expected.purpose()) {
      throw CeremonyException.badInput(
          where
              + "purpose: is "
              + c.purpose().label()
              + ", expected "
              + expected.purpose().label());
    }
    if (!c.ciphersuite().equals(expected.ciphersuite())) {
      throw CeremonyException.badInput(
          where + "ciphersuite: is " + c.ciphersuite() + " but expected " + expected.ciphersuite());
    }
    if (!c.recipient().equals(expected.recipient())) {
      throw CeremonyException.badInput(
          where
              + "recipient: this share is for participant "
              + c.recipient()
              + ", not for "
              + expected.recipient());
    }
    if (!Arrays.equals(c.session(), expected.session())) {
      throw CeremonyException.badInput(
          where + "session: differs from " + sessionSource + " (a file from another session)");
    }
    if (!c.dealerCommitment().equals(expected.dealerCommitment())) {
      throw CeremonyException.badInput(
          where
              + "dealer_commitment_hash: participant "
              + c.dealer()
              + " signed this share for another commitment than its "
              + commitmentSource
              + " (it gave different commitments to different participants, or the files are"
              + " mixed up)");
    }
  }
}
