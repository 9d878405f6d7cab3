package dev.frostgate.cli.ceremony;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.Thresholds;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.ProofOfKnowledge;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.frost.dkg.Round1Secret;
import dev.frostgate.crypto.frost.dkg.Round2Secret;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.seal.SealContext;
import dev.frostgate.crypto.seal.SealPurpose;
import java.nio.file.Path;
import java.util.List;

/**
 * The files of the three-part DKG. Round-1 packages are public (broadcast to all); round-1 and
 * round-2 secrets stay on their owner's machine, sealed by the key store; round-2 shares travel as
 * sealed share files ({@link SealedShareFiles}), encrypted to their recipient and signed by their
 * dealer.
 */
public final class DkgFiles {
  public static final String ROUND1_SECRET = "frostgate/dkg-round1-secret";
  public static final String ROUND1_PACKAGE = "frostgate/dkg-round1-package";
  public static final String ROUND2_SECRET = "frostgate/dkg-round2-secret";

  private DkgFiles() {}

  public record Round1PackageFile(
      Round1Package pkg, Ciphersuite suite, int minSigners, int maxSigners, String file) {}

  public record Round2SecretFile(Round2Secret secret, Hash32 transcriptHash, String file) {}

  // ---- round-1 secret ----

  public static void writeRound1Secret(Outputs out, Path p, Round1Secret s, SecretStore secrets) {
    ObjectNode n = CeremonyFile.newDocument(ROUND1_SECRET);
    FileFields.markSecret(n, "DKG round-1 polynomial of this participant", Custody.DKG_ROUND1);
    header(n, s.suite(), s.identifier(), s.minSigners(), s.maxSigners());
    n.set("commitment", FileFields.pointsNode(s.commitment().coefficients()));
    ObjectNode secret = CeremonyFile.newObject();
    secret.set("coefficients", FileFields.secretsNode(s.polynomial().coefficients()));
    out.writeSecret(p, n, secret, secrets);
  }

  public static Round1Secret readRound1Secret(Path p, SecretStore secrets) {
    CeremonyFile f = CeremonyFile.readSecret(p, ROUND1_SECRET, secrets);
    Ciphersuite suite = f.ciphersuite();
    Header h = Header.read(f);
    List<SecretScalar> coefficients = FileFields.secrets(f, "coefficients");
    if (coefficients.size() != h.t()) {
      coefficients.forEach(SecretScalar::destroy);
      throw f.error("coefficients", "must have threshold (" + h.t() + ") entries");
    }
    SecretPolynomial poly = SecretPolynomial.of(coefficients);
    VssCommitment commitment = poly.commit();
    if (!commitment.equals(new VssCommitment(FileFields.points(f, "commitment")))) {
      poly.destroy();
      throw f.error("commitment", "is not the commitment of the sealed polynomial");
    }
    return new Round1Secret(suite, h.id(), poly, commitment, h.t(), h.n());
  }

  // ---- round-1 package ----

  public static void writeRound1Package(Outputs out, Path p, Round1Secret s, Round1Package pkg) {
    ObjectNode n = CeremonyFile.newDocument(ROUND1_PACKAGE);
    n.put("secret", false);
    header(n, s.suite(), pkg.sender(), s.minSigners(), s.maxSigners());
    n.set("commitment", FileFields.pointsNode(pkg.commitment().coefficients()));
    n.put("proof_of_knowledge", CeremonyFile.hex(pkg.proof().serialize(s.suite())));
    out.writePublic(p, n);
  }

  /**
   * Reads a round-1 package whose ciphersuite must be {@code expected} (from {@code reference}).
   */
  public static Round1PackageFile readRound1Package(
      Path p, Ciphersuite expected, String reference) {
    CeremonyFile f = CeremonyFile.read(p, ROUND1_PACKAGE);
    Ciphersuite suite = FileFields.suite(f, expected, reference);
    Header h = Header.read(f);
    VssCommitment c = new VssCommitment(FileFields.points(f, "commitment"));
    if (c.threshold() != h.t()) {
      throw f.error(
          "commitment", "must have threshold (" + h.t() + ") points, has " + c.threshold());
    }
    int proofLength = suite == Ciphersuite.TAPROOT ? 64 : 65;
    ProofOfKnowledge proof;
    try {
      proof = ProofOfKnowledge.deserialize(suite, f.hex("proof_of_knowledge", proofLength));
    } catch (FrostException e) {
      throw f.error("proof_of_knowledge", "malformed (" + e.getMessage() + ")");
    }
    return new Round1PackageFile(
        new Round1Package(h.id(), c, proof), suite, h.t(), h.n(), p.toString());
  }

  // ---- round-2 secret ----

  public static void writeRound2Secret(
      Outputs out, Path p, Round2Secret s, Hash32 transcriptHash, SecretStore secrets) {
    ObjectNode n = CeremonyFile.newDocument(ROUND2_SECRET);
    FileFields.markSecret(
        n, "DKG round-2 state of this participant (its own share)", Custody.DKG_ROUND2);
    header(n, s.suite(), s.identifier(), s.minSigners(), s.maxSigners());
    n.set("commitment", FileFields.pointsNode(s.commitment().coefficients()));
    n.put("transcript_hash", CeremonyFile.hex(transcriptHash));
    ObjectNode secret = CeremonyFile.newObject();
    FileFields.putSecret(secret, "own_share", s.ownShare());
    out.writeSecret(p, n, secret, secrets);
  }

  public static Round2SecretFile readRound2Secret(Path p, SecretStore secrets) {
    CeremonyFile f = CeremonyFile.readSecret(p, ROUND2_SECRET, secrets);
    Ciphersuite suite = f.ciphersuite();
    Header h = Header.read(f);
    VssCommitment c = new VssCommitment(FileFields.points(f, "commitment"));
    if (c.threshold() != h.t()) {
      throw f.error("commitment", "must have threshold (" + h.t() + ") points");
    }
    Hash32 transcript = f.hash32("transcript_hash");
    SecretScalar own = f.secret("own_share");
    if (!c.evaluate(h.id()).equals(own.publicPoint())) {
      own.destroy();
      throw f.error("own_share", "does not match commitment");
    }
    return new Round2SecretFile(
        new Round2Secret(suite, h.id(), own, c, h.t(), h.n()), transcript, p.toString());
  }

  // ---- round-2 shares ----

  /** The seal context of the round-2 share from {@code dealer} to {@code recipient}. */
  public static SealContext shareContext(
      Ciphersuite suite,
      Hash32 transcriptHash,
      Identifier dealer,
      Identifier recipient,
      VssCommitment dealerCommitment) {
    return new SealContext(
        SealPurpose.DKG_SHARE,
        suite.contextString(),
        transcriptHash.bytes(),
        dealer,
        recipient,
        SealedShareFiles.commitmentHash(
            SealPurpose.DKG_SHARE, suite, dealer, dealerCommitment.coefficients()));
  }

  /** The file name of a round-2 share: {@code round2-from-<dealer>-to-<recipient>.json}. */
  public static String round2FileName(Identifier dealer, Identifier recipient) {
    return "round2-from-"
        + FileFields.idString(dealer)
        + "-to-"
        + FileFields.idString(recipient)
        + ".json";
  }

  private static void header(ObjectNode n, Ciphersuite suite, Identifier id, int t, int max) {
    n.put("ciphersuite", suite.contextString());
    FileFields.putId(n, "identifier", id);
    n.put("threshold", t);
    n.put("participants", max);
  }

  /** The participant fields every DKG file carries, read and checked (t of n, identifier 1..n). */
  private record Header(Identifier id, int t, int n) {
    static Header read(CeremonyFile f) {
      int t = f.integer("threshold");
      int n = f.integer("participants");
      try {
        Thresholds.check(t, n);
      } catch (FrostException e) {
        throw f.error("threshold", e.getMessage());
      }
      return new Header(FileFields.participant(f, "identifier", n), t, n);
    }
  }
}
