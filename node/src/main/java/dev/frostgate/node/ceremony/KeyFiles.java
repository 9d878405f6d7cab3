package dev.frostgate.node.ceremony;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The long-lived outputs of a DKG (and of refresh and repair): a participant's secret key package
 * and the group's public key package. Both hold the RAW sharing (untweaked group key P, the root of
 * the threshold xpub); the Taproot tweak and the per-loan tweaks are public and applied when
 * signing.
 */
public final class KeyFiles {
  public static final String KEY_TYPE = "frostgate/key-package";
  public static final String PUBLIC_TYPE = "frostgate/public-key-package";

  private KeyFiles() {}

  /** A participant's raw key package and the DKG facts every key file carries. */
  public record KeyFile(
      KeyPackage raw, int maxSigners, byte[] transcriptHash, byte[] chainCode, String file) {

    /** The threshold xpub (the network does not change any key, only the encoding). */
    public ThresholdXpub xpub() {
      return ThresholdXpub.of(raw.verifyingKey(), chainCode, Network.REGTEST);
    }
  }

  /** The group's raw public key package with the DKG facts. */
  public record PublicFile(
      PublicKeyPackage raw, byte[] transcriptHash, byte[] chainCode, Network network, String file) {

    public ThresholdXpub xpub() {
      return ThresholdXpub.of(raw.verifyingKey(), chainCode, network);
    }
  }

  public static void writeKey(
      Path p, KeyPackage raw, int maxSigners, byte[] transcriptHash, byte[] chainCode) {
    ObjectNode n = CeremonyFile.newDocument(KEY_TYPE);
    FileFields.markSecret(n, "this participant's signing share");
    n.put("ciphersuite", raw.suite().contextString());
    FileFields.putId(n, "identifier", raw.identifier());
    n.put("threshold", raw.minSigners());
    n.put("participants", maxSigners);
    FileFields.putSecret(n, "signing_share", raw.signingShare());
    n.put("verifying_share", raw.verifyingShare().toHex());
    n.put("group_key", raw.verifyingKey().toHex());
    n.put("transcript_hash", CeremonyFile.hex(transcriptHash));
    n.put("chain_code", CeremonyFile.hex(chainCode));
    CeremonyFile.write(p, n, true);
  }

  public static KeyFile readKey(Path p) {
    CeremonyFile f = CeremonyFile.read(p, KEY_TYPE);
    Ciphersuite suite = f.ciphersuite();
    Identifier id = f.identifier("identifier");
    int t = f.integer("threshold");
    int n = f.integer("participants");
    if (t < 1 || t > n) {
      throw f.error("threshold", "must be between 1 and participants (" + n + "), got " + t);
    }
    Point verifyingShare = f.point("verifying_share");
    Point groupKey = f.point("group_key");
    byte[] transcript = f.hex("transcript_hash", 32);
    byte[] chainCode = chainCode(f, transcript);
    SecretScalar share = f.secret("signing_share");
    KeyPackage raw;
    try {
      raw = KeyPackage.checked(suite, id, share, verifyingShare, groupKey, t);
    } catch (FrostException e) {
      share.destroy();
      throw f.error("signing_share", "does not match verifying_share (corrupted key file?)");
    }
    return new KeyFile(raw, n, transcript, chainCode, p.toString());
  }

  public static void writePublic(
      Path p, PublicKeyPackage raw, byte[] transcriptHash, byte[] chainCode, Network network) {
    ObjectNode n = CeremonyFile.newDocument(PUBLIC_TYPE);
    n.put("secret", false);
    n.put("ciphersuite", raw.suite().contextString());
    n.put("threshold", raw.minSigners());
    n.put("participants", raw.maxSigners());
    n.put("group_key", raw.verifyingKey().toHex());
    ObjectNode shares = n.putObject("verifying_shares");
    raw.verifyingShares().forEach((id, pt) -> shares.put(FileFields.idString(id), pt.toHex()));
    n.put("transcript_hash", CeremonyFile.hex(transcriptHash));
    n.put("chain_code", CeremonyFile.hex(chainCode));
    n.put("network", network.name().toLowerCase(java.util.Locale.ROOT));
    ThresholdXpub xpub = ThresholdXpub.of(raw.verifyingKey(), chainCode, network);
    n.put("xpub", xpub.serialize());
    n.put(
        "output_key",
        CeremonyFile.hex(raw.suite().postDkg(raw).withEvenY().verifyingKey().xOnly()));
    n.put("loan_0_address", xpub.loanAddress(0));
    CeremonyFile.write(p, n, false);
  }

  public static PublicFile readPublic(Path p) {
    CeremonyFile f = CeremonyFile.read(p, PUBLIC_TYPE);
    Ciphersuite suite = f.ciphersuite();
    int t = f.integer("threshold");
    int n = f.integer("participants");
    Point groupKey = f.point("group_key");
    Map<Identifier, Point> shares = new TreeMap<>();
    for (var e : f.members("verifying_shares").entrySet()) {
      Identifier id = FileFields.parseId(e.getKey());
      if (id == null) {
        throw f.error("verifying_shares." + e.getKey(), "key is not a participant identifier");
      }
      shares.put(id, f.object("verifying_shares").point(e.getKey()));
    }
    if (shares.size() != n) {
      throw f.error("verifying_shares", "has " + shares.size() + " entries, participants is " + n);
    }
    if (t < 1 || t > n) {
      throw f.error("threshold", "must be between 1 and participants (" + n + "), got " + t);
    }
    byte[] transcript = f.hex("transcript_hash", 32);
    byte[] chainCode = chainCode(f, transcript);
    Network network;
    try {
      network = Network.fromName(f.string("network"));
    } catch (IllegalArgumentException e) {
      throw f.error("network", e.getMessage());
    }
    PublicKeyPackage raw = PublicKeyPackage.of(suite, shares, groupKey, t);
    if (f.has("xpub")
        && !f.string("xpub").equals(ThresholdXpub.of(groupKey, chainCode, network).serialize())) {
      throw f.error("xpub", "does not match group_key, chain_code and network");
    }
    return new PublicFile(raw, transcript, chainCode, network, p.toString());
  }

  private static byte[] chainCode(CeremonyFile f, byte[] transcript) {
    byte[] chainCode = f.hex("chain_code", 32);
    if (!java.util.Arrays.equals(chainCode, DkgOutput.chainCode(transcript))) {
      throw f.error("chain_code", "is not the chain code of transcript_hash");
    }
    return chainCode;
  }

  /** Checks that a key file belongs to the group of a public file. */
  public static void checkSameGroup(KeyFile key, PublicFile pub) {
    if (key.raw().suite() != pub.raw().suite()) {
      throw new dev.frostgate.node.cli.BadInputException(
          key.file()
              + ": field ciphersuite: is "
              + key.raw().suite()
              + " but "
              + pub.file()
              + " is "
              + pub.raw().suite());
    }
    if (!key.raw().verifyingKey().equals(pub.raw().verifyingKey())) {
      throw new dev.frostgate.node.cli.BadInputException(
          key.file() + ": field group_key: differs from " + pub.file() + " (another group)");
    }
    Point expected = pub.raw().verifyingShares().get(key.raw().identifier());
    if (expected == null) {
      throw new dev.frostgate.node.cli.BadInputException(
          key.file()
              + ": field identifier: participant "
              + key.raw().identifier()
              + " is not in "
              + pub.file());
    }
    if (!expected.equals(key.raw().verifyingShare())) {
      throw new dev.frostgate.node.cli.BadInputException(
          key.file()
              + ": field verifying_share: differs from "
              + pub.file()
              + " (a key from before a refresh, or another group)");
    }
  }
}
