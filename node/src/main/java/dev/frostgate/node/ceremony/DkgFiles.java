package dev.frostgate.node.ceremony;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.Thresholds;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.InvalidShareEvidence;
import dev.frostgate.crypto.frost.dkg.ProofOfKnowledge;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.frost.dkg.Round1Secret;
import dev.frostgate.crypto.frost.dkg.Round2Package;
import dev.frostgate.crypto.frost.dkg.Round2Secret;
import java.nio.file.Path;
import java.util.List;

/**
 * The files of the three-part DKG. Round-1 packages are public (broadcast to all); round-1 and
 * round-2 secrets stay on their owner's machine; round-2 packages are secret shares addressed to
 * one recipient each.
 */
public final class DkgFiles {
  public static final String ROUND1_SECRET = "frostgate/dkg-round1-secret";
  public static final String ROUND1_PACKAGE = "frostgate/dkg-round1-package";
  public static final String ROUND2_SECRET = "frostgate/dkg-round2-secret";
  public static final String ROUND2_PACKAGE = "frostgate/dkg-round2-package";
  public static final String EVIDENCE = "frostgate/dkg-invalid-share-evidence";

  private DkgFiles() {}

  public record Round1PackageFile(
      Round1Package pkg, Ciphersuite suite, int minSigners, int maxSigners, String file) {}

  public record Round2PackageFile(Round2Package pkg, byte[] transcriptHash, String file) {}

  public record Round2SecretFile(Round2Secret secret, byte[] transcriptHash, String file) {}

  // ---- round-1 secret ----

  public static void writeRound1Secret(Path p, Round1Secret s) {
    ObjectNode n = CeremonyFile.newDocument(ROUND1_SECRET);
    FileFields.markSecret(n, "DKG round-1 polynomial of this participant");
    header(n, s.suite(), s.identifier(), s.minSigners(), s.maxSigners());
    n.set("coefficients", FileFields.secretsNode(s.polynomial().coefficients()));
    CeremonyFile.write(p, n, true);
  }

  public static Round1Secret readRound1Secret(Path p) {
    CeremonyFile f = CeremonyFile.read(p, ROUND1_SECRET);
    Ciphersuite suite = f.ciphersuite();
    Identifier id = f.identifier("identifier");
    int t = f.integer("threshold");
    int n = f.integer("participants");
    checkThreshold(f, t, n);
    List<SecretScalar> coefficients = FileFields.secrets(f, "coefficients");
    if (coefficients.size() != t) {
      throw f.error("coefficients", "must have threshold (" + t + ") entries");
    }
    SecretPolynomial poly = SecretPolynomial.of(coefficients);
    return new Round1Secret(suite, id, poly, poly.commit(), t, n);
  }

  // ---- round-1 package ----

  public static void writeRound1Package(Path p, Round1Secret s, Round1Package pkg) {
    ObjectNode n = CeremonyFile.newDocument(ROUND1_PACKAGE);
    n.put("secret", false);
    header(n, s.suite(), pkg.sender(), s.minSigners(), s.maxSigners());
    n.set("commitment", FileFields.pointsNode(pkg.commitment().coefficients()));
    n.put("proof_of_knowledge", CeremonyFile.hex(pkg.proof().serialize(s.suite())));
    CeremonyFile.write(p, n, false);
  }

  /**
   * Reads a round-1 package whose ciphersuite must be {@code expected} (from {@code reference}).
   */
  public static Round1PackageFile readRound1Package(
      Path p, Ciphersuite expected, String reference) {
    CeremonyFile f = CeremonyFile.read(p, ROUND1_PACKAGE);
    Ciphersuite suite = FileFields.suite(f, expected, reference);
    Identifier id = f.identifier("identifier");
    int t = f.integer("threshold");
    int n = f.integer("participants");
    checkThreshold(f, t, n);
    VssCommitment c = new VssCommitment(FileFields.points(f, "commitment"));
    if (c.threshold() != t) {
      throw f.error("commitment", "must have threshold (" + t + ") points, has " + c.threshold());
    }
    int proofLength = suite == Ciphersuite.TAPROOT ? 64 : 65;
    ProofOfKnowledge proof;
    try {
      proof = ProofOfKnowledge.deserialize(suite, f.hex("proof_of_knowledge", proofLength));
    } catch (FrostException e) {
      throw f.error("proof_of_knowledge", "malformed (" + e.getMessage() + ")");
    }
    return new Round1PackageFile(new Round1Package(id, c, proof), suite, t, n, p.toString());
  }

  // ---- round-2 secret ----

  public static void writeRound2Secret(Path p, Round2Secret s, byte[] transcriptHash) {
    ObjectNode n = CeremonyFile.newDocument(ROUND2_SECRET);
    FileFields.markSecret(n, "DKG round-2 state of this participant (its own share)");
    header(n, s.suite(), s.identifier(), s.minSigners(), s.maxSigners());
    FileFields.putSecret(n, "own_share", s.ownShare());
    n.set("commitment", FileFields.pointsNode(s.commitment().coefficients()));
    n.put("transcript_hash", CeremonyFile.hex(transcriptHash));
    CeremonyFile.write(p, n, true);
  }

  public static Round2SecretFile readRound2Secret(Path p) {
    CeremonyFile f = CeremonyFile.read(p, ROUND2_SECRET);
    Ciphersuite suite = f.ciphersuite();
    Identifier id = f.identifier("identifier");
    int t = f.integer("threshold");
    int n = f.integer("participants");
    checkThreshold(f, t, n);
    VssCommitment c = new VssCommitment(FileFields.points(f, "commitment"));
    if (c.threshold() != t) {
      throw f.error("commitment", "must have threshold (" + t + ") points");
    }
    byte[] transcript = f.hex("transcript_hash", 32);
    SecretScalar own = f.secret("own_share");
    if (!c.evaluate(id).equals(own.publicPoint())) {
      own.destroy();
      throw f.error("own_share", "does not match commitment (corrupted file?)");
    }
    return new Round2SecretFile(
        new Round2Secret(suite, id, own, c, t, n), transcript, p.toString());
  }

  // ---- round-2 package ----

  public static void writeRound2Package(
      Path p, Ciphersuite suite, Round2Package pkg, byte[] transcriptHash) {
    ObjectNode n = CeremonyFile.newDocument(ROUND2_PACKAGE);
    FileFields.markSecret(
        n, "DKG share from participant " + pkg.sender() + " for participant " + pkg.receiver());
    n.put("ciphersuite", suite.contextString());
    FileFields.putId(n, "sender", pkg.sender());
    FileFields.putId(n, "receiver", pkg.receiver());
    FileFields.putSecret(n, "share", pkg.share());
    n.put("transcript_hash", CeremonyFile.hex(transcriptHash));
    CeremonyFile.write(p, n, true);
  }

  /** Reads a round-2 package and checks ciphersuite and transcript against the reader's secret. */
  public static Round2PackageFile readRound2Package(Path p, Round2SecretFile mine) {
    CeremonyFile f = CeremonyFile.read(p, ROUND2_PACKAGE);
    FileFields.suite(f, mine.secret().suite(), mine.file());
    Identifier sender = f.identifier("sender");
    Identifier receiver = f.identifier("receiver");
    if (!receiver.equals(mine.secret().identifier())) {
      throw f.error(
          "receiver",
          "this package is addressed to participant "
              + receiver
              + ", not to "
              + mine.secret().identifier());
    }
    byte[] transcript =
        FileFields.sameBytes(f, "transcript_hash", 32, mine.transcriptHash(), mine.file());
    SecretScalar share = f.secret("share");
    return new Round2PackageFile(
        new Round2Package(sender, receiver, share), transcript, p.toString());
  }

  /** Peeks at the receiver of a round-2 package (to pick one's own from a directory). */
  public static Identifier round2Receiver(Path p) {
    return CeremonyFile.read(p, ROUND2_PACKAGE).identifier("receiver");
  }

  // ---- evidence ----

  public static void writeEvidence(
      Path p, Ciphersuite suite, List<InvalidShareEvidence> evidence, List<String> files) {
    ObjectNode n = CeremonyFile.newDocument(EVIDENCE);
    n.put("ciphersuite", suite.contextString());
    n.put(
        "note",
        "Each entry reveals an INVALID share (useless as key material) so that anyone can check"
            + " share*G != commitment(accuser). Authenticity of the share needs the sender's"
            + " signed envelope or the original file.");
    var arr = n.putArray("complaints");
    for (int i = 0; i < evidence.size(); i++) {
      InvalidShareEvidence e = evidence.get(i);
      ObjectNode o = arr.addObject();
      FileFields.putId(o, "accused", e.accused());
      FileFields.putId(o, "accuser", e.accuser());
      o.put("file", files.get(i));
      o.put("revealed_share", e.revealedShare().toHex());
      o.set("accused_commitment", FileFields.pointsNode(e.accusedCommitment().coefficients()));
      o.put("complaint_valid", e.isValid());
    }
    CeremonyFile.write(p, n, false);
  }

  private static void header(ObjectNode n, Ciphersuite suite, Identifier id, int t, int max) {
    n.put("ciphersuite", suite.contextString());
    FileFields.putId(n, "identifier", id);
    n.put("threshold", t);
    n.put("participants", max);
  }

  private static void checkThreshold(CeremonyFile f, int t, int n) {
    try {
      Thresholds.check(t, n);
    } catch (FrostException e) {
      throw f.error("threshold", e.getMessage());
    }
  }

  /** The commitment's group-key contribution, for display. */
  public static Point contribution(Round1Package p) {
    return p.commitment().constant();
  }
}
