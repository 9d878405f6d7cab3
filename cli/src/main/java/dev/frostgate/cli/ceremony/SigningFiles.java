package dev.frostgate.cli.ceremony;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.bitcoin.spend.Branch;
import dev.frostgate.bitcoin.spend.InputKey;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.Round1;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.crypto.hd.ThresholdXpub;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The files of an offline FROST signing session. A session signs one or more messages (a
 * transaction signs one BIP341 sighash per input), each with one nonce pair per signer. A nonces
 * file holds, per message, the 2×32 bytes of randomness from which the signer's nonces are derived
 * together with its signing share (RFC 9591 nonce_generate), sealed by the key store; it is single
 * use, and what enforces that is the key package's {@link NonceLedger} ({@code sign share} records
 * the commitments there, durably, before it computes a share). {@code sign share} also overwrites
 * the nonces file with a "used" marker, so the randomness does not stay on disk. Commitments,
 * packages and shares carry the refresh generation ({@code epoch}) of the key that made them, so a
 * key from before a refresh is named as such instead of failing as a bad share.
 */
public final class SigningFiles {
  public static final String NONCES = "frostgate/signing-nonces";
  public static final String COMMITMENT = "frostgate/signing-commitment";
  public static final String PACKAGE = "frostgate/signing-package";
  public static final String SHARE = "frostgate/signature-share";
  public static final String SIGNATURE = "frostgate/signature";

  /** The most messages (transaction inputs) one session signs. */
  public static final int MAX_MESSAGES = 10_000;

  /** The {@code key} of a message signed with the group's own (Taproot-tweaked) key. */
  public static final String GROUP_KEY = "group";

  private SigningFiles() {}

  /** One commitment pair per message, in message order. */
  public record CommitmentFile(
      List<SigningCommitments> commitments,
      Ciphersuite suite,
      Point groupKey,
      long epoch,
      String file) {
    public Identifier identifier() {
      return commitments.get(0).identifier();
    }
  }

  /**
   * Which key signs a message: the group's key ({@code group}: the untweaked key with the
   * ciphersuite's post-DKG tweak) or the key {@code <xpub>/branch/index} (a deposit address is
   * {@code m/0/N}, the group's change {@code m/1/K}), Taproot only.
   */
  public record MessageKey(Optional<InputKey> derived) {
    public static MessageKey group() {
      return new MessageKey(Optional.empty());
    }

    public String name() {
      return derived.map(k -> "m/" + k.branch().number() + "/" + k.index()).orElse(GROUP_KEY);
    }

    /** The deposit index, when this is a deposit key ({@code m/0/N}). */
    public OptionalLong deposit() {
      return derived.filter(k -> k.branch() == Branch.DEPOSIT).stream()
          .mapToLong(InputKey::index)
          .findFirst();
    }

    /** Parses {@code group} or {@code m/B/I} (B 0 or 1, I non-hardened) against the xpub. */
    static Optional<MessageKey> parse(String s, Ciphersuite suite, Supplier<ThresholdXpub> xpub) {
      if (s.equals(GROUP_KEY)) {
        return Optional.of(group());
      }
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("m/([01])/(\\d{1,10})").matcher(s);
      if (suite != Ciphersuite.TAPROOT || !m.matches()) {
        return Optional.empty();
      }
      long index = Long.parseLong(m.group(2));
      if (index > ThresholdXpub.MAX_INDEX) {
        return Optional.empty();
      }
      Branch branch = m.group(1).equals("0") ? Branch.DEPOSIT : Branch.CHANGE;
      return Optional.of(new MessageKey(Optional.of(InputKey.of(xpub.get(), branch, index))));
    }

    /** Signer {@code key}'s key package for this message. */
    public KeyPackage signingKey(KeyFiles.KeyFile key) {
      KeyPackage raw = key.raw();
      return derived.map(k -> k.apply(raw, key.xpub())).orElseGet(() -> raw.suite().postDkg(raw));
    }

    /** The group's public key package for this message. */
    public PublicKeyPackage verifyingKeys(KeyFiles.PublicFile pub) {
      PublicKeyPackage raw = pub.raw();
      return derived.map(k -> k.apply(raw, pub.xpub())).orElseGet(() -> raw.suite().postDkg(raw));
    }
  }

  /**
   * A signing package: one FROST package per message (all with the same signers), the key of each
   * message, and the unsigned transaction (PSBT) whose sighashes the messages are, if any.
   */
  public record PackageFile(
      List<SigningPackage> pkgs,
      List<MessageKey> keys,
      Optional<byte[]> psbt,
      Ciphersuite suite,
      Point groupKey,
      long epoch,
      Hash32 digest,
      String file) {
    public List<byte[]> messages() {
      return pkgs.stream().map(SigningPackage::message).toList();
    }

    /** This signer's commitment for every message, in order; empty if it is not a signer. */
    public Optional<List<SigningCommitments>> commitmentsOf(Identifier id) {
      if (pkgs.get(0).commitment(id).isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(pkgs.stream().map(p -> p.commitment(id).orElseThrow()).toList());
    }

    public java.util.SortedSet<Identifier> signers() {
      return new java.util.TreeSet<>(pkgs.get(0).commitments().keySet());
    }
  }

  /** One share per message, in message order. */
  public record ShareFile(
      Identifier identifier, List<SignatureShare> shares, long epoch, String file) {}

  // ---- nonces and commitment ----

  /**
   * Draws fresh nonce randomness for {@code count} messages, writes the nonces file (secret, single
   * use) and the commitment file.
   */
  public static List<SigningCommitments> commit(
      Outputs out,
      KeyFiles.KeyFile key,
      int count,
      Path noncesOut,
      Path commitmentOut,
      SecureRandom rnd,
      SecretStore secrets) {
    KeyPackage raw = key.raw();
    List<SigningCommitments> cs = new ArrayList<>(count);
    ArrayNode hidingRandomness = CeremonyFile.newArray();
    ArrayNode bindingRandomness = CeremonyFile.newArray();
    byte[] hiding = new byte[32];
    byte[] binding = new byte[32];
    try {
      for (int i = 0; i < count; i++) {
        rnd.nextBytes(hiding);
        rnd.nextBytes(binding);
        SigningNonces nonces = Round1.fromStoredRandomness(raw, hiding, binding);
        cs.add(nonces.commitments());
        nonces.discard();
        hidingRandomness.add(CeremonyFile.hex(hiding));
        bindingRandomness.add(CeremonyFile.hex(binding));
      }
    } finally {
      Arrays.fill(hiding, (byte) 0);
      Arrays.fill(binding, (byte) 0);
    }
    ObjectNode n = CeremonyFile.newDocument(NONCES);
    FileFields.markSecret(n, "signing nonce randomness", Custody.NONCES);
    n.put("state", "fresh");
    n.put("ciphersuite", raw.suite().contextString());
    FileFields.putId(n, "identifier", raw.identifier());
    n.put("group_key", raw.verifyingKey().toHex());
    n.put("epoch", key.epoch());
    n.set("commitments", commitmentsNode(cs));
    ObjectNode secret = CeremonyFile.newObject();
    secret.set("hiding_randomness", hidingRandomness);
    secret.set("binding_randomness", bindingRandomness);
    out.writeSecret(noncesOut, n, secret, secrets);

    ObjectNode m = CeremonyFile.newDocument(COMMITMENT);
    m.put("secret", false);
    m.put("ciphersuite", raw.suite().contextString());
    FileFields.putId(m, "identifier", raw.identifier());
    m.put("group_key", raw.verifyingKey().toHex());
    m.put("epoch", key.epoch());
    m.set("commitments", commitmentsNode(cs));
    out.writePublic(commitmentOut, m);
    return cs;
  }

  private static ArrayNode commitmentsNode(List<SigningCommitments> cs) {
    ArrayNode a = CeremonyFile.newArray();
    for (SigningCommitments c : cs) {
      ObjectNode o = a.addObject();
      o.put("hiding", c.hiding().toHex());
      o.put("binding", c.binding().toHex());
    }
    return a;
  }

  private static List<SigningCommitments> commitments(CeremonyFile f, String field, Identifier id) {
    List<CeremonyFile> list = f.objects(field);
    if (list.isEmpty() || list.size() > MAX_MESSAGES) {
      throw f.error(field, "must hold 1.." + MAX_MESSAGES + " commitments");
    }
    List<SigningCommitments> out = new ArrayList<>(list.size());
    for (CeremonyFile c : list) {
      out.add(new SigningCommitments(id, c.point("hiding"), c.point("binding")));
    }
    return out;
  }

  /**
   * The public part of a fresh nonces file: its commitments, refusing a used file. Opens no secret,
   * so a refusal never needs the key store.
   */
  public static List<SigningCommitments> nonceCommitments(Path p, Identifier id) {
    CeremonyFile f = CeremonyFile.read(p, NONCES);
    if (f.string("state").equals("used")) {
      throw CeremonyException.checkFailed(
          p
              + ": these nonces were already used to sign"
              + (f.has("used_for") ? " (signing package " + f.string("used_for") + ")" : "")
              + "; run 'sign commit' again for a new session");
    }
    if (!f.string("state").equals("fresh")) {
      throw f.error("state", "must be 'fresh' or 'used'");
    }
    return commitments(f, "commitments", id);
  }

  /**
   * Reads a nonces file for {@code raw} and rebuilds the nonces ({@link
   * Round1#fromStoredRandomness}), refusing a used file, a file for another key, or randomness that
   * does not give the recorded commitments. Whether the nonces were used before is the ledger's to
   * say, not this file's: a copy of a fresh file looks fresh.
   */
  public static List<SigningNonces> readNonces(Path p, KeyFiles.KeyFile key, SecretStore secrets) {
    KeyPackage raw = key.raw();
    String keyFile = key.file();
    nonceCommitments(p, raw.identifier());
    CeremonyFile f = CeremonyFile.readSecret(p, NONCES, secrets);
    FileFields.suite(f, raw.suite(), keyFile);
    FileFields.sameId(f, "identifier", raw.identifier(), "the key's participant");
    FileFields.sameGroup(f, "group_key", raw.verifyingKey(), keyFile);
    KeyFiles.checkEpoch(
        keyFile, "key package", key.epoch(), p.toString(), "nonces file", KeyFiles.epoch(f));
    List<SigningCommitments> expected = commitments(f, "commitments", raw.identifier());
    List<String> hidingHex = f.strings("hiding_randomness");
    List<String> bindingHex = f.strings("binding_randomness");
    if (hidingHex.size() != expected.size() || bindingHex.size() != expected.size()) {
      throw f.error(
          "hiding_randomness", "must hold one entry per commitment (" + expected.size() + ")");
    }
    List<SigningNonces> out = new ArrayList<>(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      byte[] hiding = randomness(f, "hiding_randomness", i, hidingHex.get(i));
      byte[] binding = randomness(f, "binding_randomness", i, bindingHex.get(i));
      try {
        SigningNonces nonces = Round1.fromStoredRandomness(raw, hiding, binding);
        if (!nonces.commitments().equals(expected.get(i))) {
          nonces.discard();
          out.forEach(SigningNonces::discard);
          throw f.error(
              "hiding_randomness[" + i + "]",
              "does not give the recorded commitments with the signing share of " + keyFile);
        }
        out.add(nonces);
      } finally {
        Arrays.fill(hiding, (byte) 0);
        Arrays.fill(binding, (byte) 0);
      }
    }
    return out;
  }

  private static byte[] randomness(CeremonyFile f, String field, int i, String hex) {
    try {
      byte[] b = java.util.HexFormat.of().parseHex(hex);
      if (b.length == 32) {
        return b;
      }
    } catch (IllegalArgumentException e) {
      // fall through: never show the value
    }
    throw f.error(field + "[" + i + "]", "must be 32 bytes of lowercase hex");
  }

  /**
   * Overwrites a nonces file with a "used" marker (no randomness left), atomically. Called after
   * the ledger recorded the commitments and before the share is computed, so the randomness does
   * not outlive its one use on this disk (copies elsewhere are the ledger's to refuse).
   */
  public static void markNoncesUsed(Path p, KeyPackage raw, Hash32 packageDigest) {
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
    return new CommitmentFile(commitments(f, "commitments", id), suite, group, epoch, p.toString());
  }

  // ---- signing package ----

  /**
   * The digest that binds shares to one signing package: ciphersuite, group, every message with its
   * key, every signer's commitments, and the transaction (PSBT) if there is one.
   */
  public static Hash32 digest(
      Ciphersuite suite,
      Point groupKey,
      List<MessageKey> keys,
      List<SigningPackage> pkgs,
      Optional<byte[]> psbt) {
    List<byte[]> parts = new ArrayList<>();
    parts.add(Hashes.ascii(suite.contextString()));
    parts.add(groupKey.compressed());
    parts.add(psbt.map(Hashes::sha256).orElse(Hashes.ascii("no transaction")));
    for (int i = 0; i < pkgs.size(); i++) {
      parts.add(Hashes.ascii(keys.get(i).name()));
      parts.add(Hashes.sha256(pkgs.get(i).message()));
      for (SigningCommitments c : pkgs.get(i).commitments().values()) {
        parts.add(c.identifier().toBytes());
        parts.add(c.hiding().compressed());
        parts.add(c.binding().compressed());
      }
    }
    return Hash32.of(
        Hashes.taggedHash("Frostgate/signing-package/v2", parts.toArray(new byte[0][])));
  }

  public static void writePackage(
      Outputs out,
      Path p,
      Ciphersuite suite,
      Point groupKey,
      long epoch,
      List<MessageKey> keys,
      List<SigningPackage> pkgs,
      Optional<byte[]> psbt) {
    ObjectNode n = CeremonyFile.newDocument(PACKAGE);
    n.put("secret", false);
    n.put("ciphersuite", suite.contextString());
    n.put("group_key", groupKey.toHex());
    n.put("epoch", epoch);
    psbt.ifPresent(b -> n.put("psbt", Base64.getEncoder().encodeToString(b)));
    ArrayNode ms = n.putArray("messages");
    for (int i = 0; i < pkgs.size(); i++) {
      ObjectNode m = ms.addObject();
      m.put("message", CeremonyFile.hex(pkgs.get(i).message()));
      m.put("key", keys.get(i).name());
    }
    ObjectNode cs = n.putObject("commitments");
    for (Identifier id : pkgs.get(0).commitments().keySet()) {
      cs.set(
          FileFields.idString(id),
          commitmentsNode(pkgs.stream().map(k -> k.commitment(id).orElseThrow()).toList()));
    }
    n.put("package_id", CeremonyFile.hex(digest(suite, groupKey, keys, pkgs, psbt)));
    out.writePublic(p, n);
  }

  /**
   * Reads a signing package; {@code xpub} is the group's threshold xpub (from the reader's key or
   * public key package), which derived message keys need.
   */
  public static PackageFile readPackage(Path p, Supplier<ThresholdXpub> xpub) {
    CeremonyFile f = CeremonyFile.read(p, PACKAGE);
    Ciphersuite suite = f.ciphersuite();
    Point group = f.point("group_key");
    long epoch = KeyFiles.epoch(f);
    Optional<byte[]> psbt = Optional.empty();
    if (f.has("psbt")) {
      try {
        psbt = Optional.of(Base64.getDecoder().decode(f.string("psbt")));
      } catch (IllegalArgumentException e) {
        throw f.error("psbt", "must be base64");
      }
    }
    List<CeremonyFile> ms = f.objects("messages");
    if (ms.isEmpty() || ms.size() > MAX_MESSAGES) {
      throw f.error("messages", "must hold 1.." + MAX_MESSAGES + " messages");
    }
    List<byte[]> messages = new ArrayList<>(ms.size());
    List<MessageKey> keys = new ArrayList<>(ms.size());
    for (CeremonyFile m : ms) {
      messages.add(m.hex("message", -1));
      String name = m.string("key");
      keys.add(
          MessageKey.parse(name, suite, xpub)
              .orElseThrow(
                  () ->
                      m.error(
                          "key",
                          "must be 'group' or, with the Taproot ciphersuite, m/0/N or m/1/N"
                              + " (N below 2^31)")));
    }
    Map<String, CeremonyFile> signers = f.members("commitments");
    if (signers.isEmpty()) {
      throw f.error("commitments", "must not be empty");
    }
    List<List<SigningCommitments>> perMessage = new ArrayList<>();
    messages.forEach(m -> perMessage.add(new ArrayList<>()));
    CeremonyFile all = f.object("commitments");
    for (String key : signers.keySet()) {
      Identifier id = FileFields.parseId(key);
      if (id == null) {
        throw f.error("commitments." + key, "key is not a participant identifier");
      }
      List<SigningCommitments> cs = commitments(all, key, id);
      if (cs.size() != messages.size()) {
        throw f.error(
            "commitments." + key,
            "holds " + cs.size() + " commitments for " + messages.size() + " messages");
      }
      for (int i = 0; i < cs.size(); i++) {
        perMessage.get(i).add(cs.get(i));
      }
    }
    List<SigningPackage> pkgs = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      pkgs.add(SigningPackage.of(perMessage.get(i), messages.get(i)));
    }
    Hash32 digest = digest(suite, group, keys, pkgs, psbt);
    FileFields.sameHash(f, "package_id", digest, "the digest of this package's contents");
    return new PackageFile(
        List.copyOf(pkgs), List.copyOf(keys), psbt, suite, group, epoch, digest, p.toString());
  }

  // ---- shares ----

  public static void writeShare(
      Outputs out, Path p, PackageFile pkg, long epoch, List<SignatureShare> shares) {
    ObjectNode n = CeremonyFile.newDocument(SHARE);
    n.put("secret", false);
    n.put("ciphersuite", pkg.suite().contextString());
    FileFields.putId(n, "identifier", shares.get(0).identifier());
    n.put("group_key", pkg.groupKey().toHex());
    n.put("epoch", epoch);
    n.put("package_id", CeremonyFile.hex(pkg.digest()));
    ArrayNode a = n.putArray("shares");
    shares.forEach(s -> a.add(s.share().toHex()));
    out.writePublic(p, n);
  }

  public static ShareFile readShare(Path p, PackageFile pkg) {
    CeremonyFile f = CeremonyFile.read(p, SHARE);
    FileFields.suite(f, pkg.suite(), pkg.file());
    Identifier id = f.identifier("identifier");
    FileFields.sameGroup(f, "group_key", pkg.groupKey(), pkg.file());
    FileFields.sameHash(f, "package_id", pkg.digest(), pkg.file());
    long epoch = KeyFiles.epoch(f);
    List<String> hex = f.strings("shares");
    if (hex.size() != pkg.pkgs().size()) {
      throw f.error(
          "shares", "holds " + hex.size() + " shares for " + pkg.pkgs().size() + " messages");
    }
    List<SignatureShare> shares = new ArrayList<>(hex.size());
    for (int i = 0; i < hex.size(); i++) {
      Scalar z;
      try {
        z = Scalar.fromBytes(java.util.HexFormat.of().parseHex(hex.get(i)));
      } catch (RuntimeException e) {
        throw f.error("shares[" + i + "]", "not a valid scalar (32 bytes of hex below the order)");
      }
      shares.add(new SignatureShare(id, z));
    }
    return new ShareFile(id, shares, epoch, p.toString());
  }

  public static void writeSignature(
      Outputs out,
      Path p,
      Ciphersuite suite,
      byte[] message,
      OptionalLong deposit,
      byte[] verifyingKey,
      byte[] signature,
      String address) {
    ObjectNode n = CeremonyFile.newDocument(SIGNATURE);
    n.put("ciphersuite", suite.contextString());
    if (deposit.isPresent()) {
      // "loan" is the file format's key (docs/ceremony.md): renaming it would break files in
      // flight.
      n.put("loan", deposit.getAsLong());
    }
    if (address != null) {
      n.put("address", address);
    }
    n.put("message", CeremonyFile.hex(message));
    n.put("verifying_key", CeremonyFile.hex(verifyingKey));
    n.put("signature", CeremonyFile.hex(signature));
    out.writePublic(p, n);
  }

  /** One input's signature in a transaction's signature file. */
  public record InputSignature(String key, byte[] message, byte[] verifyingKey, byte[] signature) {}

  /**
   * Writes the signatures of a transaction's inputs, with the finalized PSBT and the signed
   * transaction they make.
   */
  public static void writeTransactionSignatures(
      Outputs out,
      Path p,
      Ciphersuite suite,
      String txid,
      List<InputSignature> signatures,
      byte[] finalizedPsbt,
      byte[] transaction) {
    ObjectNode n = CeremonyFile.newDocument(SIGNATURE);
    n.put("ciphersuite", suite.contextString());
    n.put("txid", txid);
    ArrayNode a = n.putArray("signatures");
    for (int i = 0; i < signatures.size(); i++) {
      InputSignature s = signatures.get(i);
      ObjectNode o = a.addObject();
      o.put("input", i);
      o.put("key", s.key());
      o.put("message", CeremonyFile.hex(s.message()));
      o.put("verifying_key", CeremonyFile.hex(s.verifyingKey()));
      o.put("signature", CeremonyFile.hex(s.signature()));
    }
    n.put("psbt", Base64.getEncoder().encodeToString(finalizedPsbt));
    n.put("transaction", CeremonyFile.hex(transaction));
    out.writePublic(p, n);
  }
}
