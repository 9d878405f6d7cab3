package dev.frostgate.node.ceremony;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.Round1;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.hash.Hashes;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The files of an offline FROST signing session. A nonces file holds the 2×32 bytes of randomness
 * from which the signer's nonces are derived together with its signing share (RFC 9591
 * nonce_generate), sealed by the key store; it is single use: {@code sign share} overwrites it with
 * a "used" marker before it computes the share. Commitments, packages and shares carry the refresh
 * generation ({@code epoch}) of the key that made them, so a key from before a refresh is named as
 * such instead of failing as a bad share.
 */
public final class SigningFiles {
  public static final String NONCES = "frostgate/signing-nonces";
  public static final String COMMITMENT = "frostgate/signing-commitment";
  public static final String PACKAGE = "frostgate/signing-package";
  public static final String SHARE = "frostgate/signature-share";
  public static final String SIGNATURE = "frostgate/signature";

  private SigningFiles() {}

  public record CommitmentFile(
      SigningCommitments commitments, Ciphersuite suite, Point groupKey, long epoch, String file) {}

  public record PackageFile(
      SigningPackage pkg,
      Ciphersuite suite,
      Point groupKey,
      OptionalLong loan,
      long epoch,
      byte[] digest,
      String file) {}

  public record ShareFile(SignatureShare share, long epoch, String file) {}

  // ---- nonces and commitment ----

  /**
   * Draws fresh nonce randomness for {@code raw}, writes the nonces file (secret, single use) and
   * the commitment file.
   */
  public static SigningCommitments commit(
      Outputs out,
      KeyFiles.KeyFile key,
      Path noncesOut,
      Path commitmentOut,
      SecureRandom rnd,
      SecretStore secrets) {
    KeyPackage raw = key.raw();
    byte[] hiding = new byte[32];
    byte[] binding = new byte[32];
    rnd.nextBytes(hiding);
    rnd.nextBytes(binding);
    SigningNonces nonces = Round1.commitWithRandomness(raw, hiding, binding);
    SigningCommitments c = nonces.commitments();
    nonces.discard();
    ObjectNode n = CeremonyFile.newDocument(NONCES);
    FileFields.markSecret(n, "signing nonce randomness", Custody.NONCES);
    n.put("state", "fresh");
    n.put("ciphersuite", raw.suite().contextString());
    FileFields.putId(n, "identifier", raw.identifier());
    n.put("group_key", raw.verifyingKey().toHex());
    n.put("epoch", key.epoch());
    n.put("hiding", c.hiding().toHex());
    n.put("binding", c.binding().toHex());
    ObjectNode secret = CeremonyFile.newObject();
    secret.put("hiding_randomness", CeremonyFile.hex(hiding));
    secret.put("binding_randomness", CeremonyFile.hex(binding));
    Arrays.fill(hiding, (byte) 0);
    Arrays.fill(binding, (byte) 0);
    out.writeSecret(noncesOut, n, secret, secrets);

    ObjectNode m = CeremonyFile.newDocument(COMMITMENT);
    m.put("secret", false);
    m.put("ciphersuite", raw.suite().contextString());
    FileFields.putId(m, "identifier", raw.identifier());
    m.put("group_key", raw.verifyingKey().toHex());
    m.put("epoch", key.epoch());
    m.put("hiding", c.hiding().toHex());
    m.put("binding", c.binding().toHex());
    out.writePublic(commitmentOut, m);
    return c;
  }

  /**
   * Reads a nonces file for {@code raw} and rebuilds the nonces, refusing a used file, a file for
   * another key, or randomness that does not give the recorded commitments.
   */
  public static SigningNonces readNonces(Path p, KeyFiles.KeyFile key, SecretStore secrets) {
    KeyPackage raw = key.raw();
    String keyFile = key.file();
    CeremonyFile used = CeremonyFile.read(p, NONCES);
    if (used.string("state").equals("used")) {
      throw used.error(
          "state",
          "these nonces were already used to sign"
              + (used.has("used_for") ? " (signing package " + used.string("used_for") + ")" : "")
              + "; run 'sign commit' again for a new session");
    }
    CeremonyFile f = CeremonyFile.readSecret(p, NONCES, secrets);
    if (!f.string("state").equals("fresh")) {
      throw f.error("state", "must be 'fresh' or 'used'");
    }
    FileFields.suite(f, raw.suite(), keyFile);
    FileFields.sameId(f, "identifier", raw.identifier(), "the key's participant");
    FileFields.sameGroup(f, "group_key", raw.verifyingKey(), keyFile);
    KeyFiles.checkEpoch(
        keyFile, "key package", key.epoch(), p.toString(), "nonces file", KeyFiles.epoch(f));
    byte[] hiding = f.hex("hiding_randomness", 32);
    byte[] binding = f.hex("binding_randomness", 32);
    try {
      SigningNonces nonces = Round1.commitWithRandomness(raw, hiding, binding);
      SigningCommitments expected =
          new SigningCommitments(raw.identifier(), f.point("hiding"), f.point("binding"));
      if (!nonces.commitments().equals(expected)) {
        nonces.discard();
        throw f.error(
            "hiding_randomness",
            "does not give the recorded commitments with the signing share of " + keyFile);
      }
      return nonces;
    } finally {
      Arrays.fill(hiding, (byte) 0);
      Arrays.fill(binding, (byte) 0);
    }
  }

  /**
   * Overwrites a nonces file with a "used" marker (no randomness left), atomically. Called before
   * the share is computed, so a crash can lose a session but never reuse nonces.
   */
  public static void markNoncesUsed(Path p, KeyPackage raw, byte[] packageDigest) {
    ObjectNode n = CeremonyFile.newDocument(NONCES);
    n.put("secret", false);
    n.put("state", "used");
    n.put("ciphersuite", raw.suite().contextString());
    FileFields.putId(n, "identifier", raw.identifier());
    n.put("group_key", raw.verifyingKey().toHex());
    n.put("used_for", CeremonyFile.hex(packageDigest));
    // Replaces its own input on purpose (the one file that must change in place), so it bypasses
    // the no-overwrite rule of Outputs; still atomic and durable.
    dev.frostgate.node.keystore.AtomicFiles.write(p, CeremonyFile.toBytes(n));
  }

  public static CommitmentFile readCommitment(Path p) {
    CeremonyFile f = CeremonyFile.read(p, COMMITMENT);
    Ciphersuite suite = f.ciphersuite();
    Identifier id = f.identifier("identifier");
    Point group = f.point("group_key");
    long epoch = KeyFiles.epoch(f);
    SigningCommitments c = new SigningCommitments(id, f.point("hiding"), f.point("binding"));
    return new CommitmentFile(c, suite, group, epoch, p.toString());
  }

  // ---- signing package ----

  /** The digest that binds shares to one signing package. */
  public static byte[] digest(
      Ciphersuite suite, Point groupKey, OptionalLong loan, SigningPackage pkg) {
    List<byte[]> parts = new ArrayList<>();
    parts.add(Hashes.ascii(suite.contextString()));
    parts.add(groupKey.compressed());
    parts.add(Hashes.ascii(loan.isPresent() ? "loan " + loan.getAsLong() : "no loan"));
    parts.add(Hashes.sha256(pkg.message()));
    for (SigningCommitments c : pkg.commitments().values()) {
      parts.add(c.identifier().toBytes());
      parts.add(c.hiding().compressed());
      parts.add(c.binding().compressed());
    }
    return Hashes.taggedHash("Frostgate/signing-package", parts.toArray(new byte[0][]));
  }

  public static void writePackage(
      Outputs out,
      Path p,
      Ciphersuite suite,
      Point groupKey,
      long epoch,
      OptionalLong loan,
      SigningPackage pkg) {
    ObjectNode n = CeremonyFile.newDocument(PACKAGE);
    n.put("secret", false);
    n.put("ciphersuite", suite.contextString());
    n.put("group_key", groupKey.toHex());
    n.put("epoch", epoch);
    if (loan.isPresent()) {
      n.put("loan", loan.getAsLong());
    }
    n.put("message", CeremonyFile.hex(pkg.message()));
    ObjectNode cs = n.putObject("commitments");
    for (SigningCommitments c : pkg.commitments().values()) {
      ObjectNode o = cs.putObject(FileFields.idString(c.identifier()));
      o.put("hiding", c.hiding().toHex());
      o.put("binding", c.binding().toHex());
    }
    n.put("package_id", CeremonyFile.hex(digest(suite, groupKey, loan, pkg)));
    out.writePublic(p, n);
  }

  public static PackageFile readPackage(Path p) {
    CeremonyFile f = CeremonyFile.read(p, PACKAGE);
    Ciphersuite suite = f.ciphersuite();
    Point group = f.point("group_key");
    long epoch = KeyFiles.epoch(f);
    OptionalLong loan = OptionalLong.empty();
    if (f.has("loan")) {
      int l = f.integer("loan");
      if (l < 0) {
        throw f.error("loan", "must be a non-negative loan index");
      }
      if (suite != Ciphersuite.TAPROOT) {
        throw f.error("loan", "loan keys need the Taproot ciphersuite");
      }
      loan = OptionalLong.of(l);
    }
    byte[] message = f.hex("message", -1);
    List<SigningCommitments> cs = new ArrayList<>();
    for (Map.Entry<String, CeremonyFile> e : f.members("commitments").entrySet()) {
      Identifier id = FileFields.parseId(e.getKey());
      if (id == null) {
        throw f.error("commitments." + e.getKey(), "key is not a participant identifier");
      }
      CeremonyFile c = f.object("commitments").object(e.getKey());
      cs.add(new SigningCommitments(id, c.point("hiding"), c.point("binding")));
    }
    if (cs.isEmpty()) {
      throw f.error("commitments", "must not be empty");
    }
    SigningPackage pkg = SigningPackage.of(cs, message);
    byte[] digest = digest(suite, group, loan, pkg);
    FileFields.sameBytes(f, "package_id", 32, digest, "the digest of this package's contents");
    return new PackageFile(pkg, suite, group, loan, epoch, digest, p.toString());
  }

  // ---- shares ----

  public static void writeShare(
      Outputs out, Path p, PackageFile pkg, long epoch, SignatureShare share) {
    ObjectNode n = CeremonyFile.newDocument(SHARE);
    n.put("secret", false);
    n.put("ciphersuite", pkg.suite().contextString());
    FileFields.putId(n, "identifier", share.identifier());
    n.put("group_key", pkg.groupKey().toHex());
    n.put("epoch", epoch);
    n.put("package_id", CeremonyFile.hex(pkg.digest()));
    n.put("share", share.share().toHex());
    out.writePublic(p, n);
  }

  public static ShareFile readShare(Path p, PackageFile pkg) {
    CeremonyFile f = CeremonyFile.read(p, SHARE);
    FileFields.suite(f, pkg.suite(), pkg.file());
    Identifier id = f.identifier("identifier");
    FileFields.sameGroup(f, "group_key", pkg.groupKey(), pkg.file());
    FileFields.sameBytes(f, "package_id", 32, pkg.digest(), pkg.file());
    long epoch = KeyFiles.epoch(f);
    Scalar z = f.scalar("share");
    return new ShareFile(new SignatureShare(id, z), epoch, p.toString());
  }

  public static void writeSignature(
      Outputs out,
      Path p,
      Ciphersuite suite,
      byte[] message,
      OptionalLong loan,
      byte[] verifyingKey,
      byte[] signature,
      String address) {
    ObjectNode n = CeremonyFile.newDocument(SIGNATURE);
    n.put("ciphersuite", suite.contextString());
    if (loan.isPresent()) {
      n.put("loan", loan.getAsLong());
    }
    if (address != null) {
      n.put("address", address);
    }
    n.put("message", CeremonyFile.hex(message));
    n.put("verifying_key", CeremonyFile.hex(verifyingKey));
    n.put("signature", CeremonyFile.hex(signature));
    out.writePublic(p, n);
  }
}
