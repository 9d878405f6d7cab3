package dev.frostgate.cli.ceremony;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The long-lived outputs of a DKG (and of refresh and repair): a participant's secret key package
 * and the group's public key package. Both hold the RAW sharing (untweaked group key P, the root of
 * the threshold xpub); the Taproot tweak and the per-loan tweaks are public and applied when
 * signing. Both carry the {@code epoch}: 0 after the DKG, one more after every refresh, so that a
 * key from before a refresh is recognized as such (and never written over a newer one, see {@link
 * Outputs}).
 */
public final class KeyFiles {
  public static final String KEY_TYPE = "frostgate/key-package";
  public static final String PUBLIC_TYPE = "frostgate/public-key-package";

  private KeyFiles() {}

  /** A participant's raw key package and the DKG facts every key file carries. */
  public record KeyFile(
      KeyPackage raw,
      int maxSigners,
      Hash32 transcriptHash,
      byte[] chainCode,
      long epoch,
      String file) {

    /** The threshold xpub (the network does not change any key, only the encoding). */
    public ThresholdXpub xpub() {
      return ThresholdXpub.of(raw.verifyingKey(), chainCode, Network.REGTEST);
    }
  }

  /** The group's raw public key package with the DKG facts. */
  public record PublicFile(
      PublicKeyPackage raw,
      Hash32 transcriptHash,
      byte[] chainCode,
      Network network,
      long epoch,
      String file) {

    public ThresholdXpub xpub() {
      return ThresholdXpub.of(raw.verifyingKey(), chainCode, network);
    }
  }

  public static void writeKey(
      Outputs out,
      Path p,
      KeyPackage raw,
      int maxSigners,
      Hash32 transcriptHash,
      byte[] chainCode,
      long epoch,
      SecretStore secrets) {
    ObjectNode n = CeremonyFile.newDocument(KEY_TYPE);
    FileFields.markSecret(n, "this participant's signing share", Custody.KEY_PACKAGE);
    n.put("ciphersuite", raw.suite().contextString());
    FileFields.putId(n, "identifier", raw.identifier());
    n.put("threshold", raw.minSigners());
    n.put("participants", maxSigners);
    n.put("epoch", epoch);
    n.put("verifying_share", raw.verifyingShare().toHex());
    n.put("group_key", raw.verifyingKey().toHex());
    n.put("transcript_hash", CeremonyFile.hex(transcriptHash));
    n.put("chain_code", CeremonyFile.hex(chainCode));
    ObjectNode s = CeremonyFile.newObject();
    FileFields.putSecret(s, "signing_share", raw.signingShare());
    out.writeSecret(p, n, s, secrets);
  }

  public static KeyFile readKey(Path p, SecretStore secrets) {
    CeremonyFile f = CeremonyFile.readSecret(p, KEY_TYPE, secrets);
    Ciphersuite suite = f.ciphersuite();
    int t = f.integer("threshold");
    int n = f.integer("participants");
    if (t < 1 || t > n) {
      throw f.error("threshold", "must be between 1 and participants (" + n + "), got " + t);
    }
    Identifier id = FileFields.participant(f, "identifier", n);
    long epoch = epoch(f);
    Point verifyingShare = f.point("verifying_share");
    Point groupKey = f.point("group_key");
    Hash32 transcript = f.hash32("transcript_hash");
    byte[] chainCode = chainCode(f, transcript);
    SecretScalar share = f.secret("signing_share");
    KeyPackage raw;
    try {
      raw = KeyPackage.checked(suite, id, share, verifyingShare, groupKey, t);
    } catch (FrostException e) {
      share.destroy();
      throw f.error("signing_share", "does not match verifying_share (corrupted key file?)");
    }
    return new KeyFile(raw, n, transcript, chainCode, epoch, p.toString());
  }

  static long epoch(CeremonyFile f) {
    int e = f.integer("epoch");
    if (e < 0) {
      throw f.error("epoch", "must be 0 (the DKG) or the number of refreshes since, got " + e);
    }
    return e;
  }

  public static void writePublic(
      Outputs out,
      Path p,
      PublicKeyPackage raw,
      Hash32 transcriptHash,
      byte[] chainCode,
      Network network,
      long epoch) {
    ObjectNode n = CeremonyFile.newDocument(PUBLIC_TYPE);
    n.put("secret", false);
    n.put("ciphersuite", raw.suite().contextString());
    n.put("threshold", raw.minSigners());
    n.put("participants", raw.maxSigners());
    n.put("epoch", epoch);
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
    n.put("loan_0_address", xpub.depositAddress(0));
    out.writePublic(p, n);
  }

  public static PublicFile readPublic(Path p) {
    CeremonyFile f = CeremonyFile.read(p, PUBLIC_TYPE);
    Ciphersuite suite = f.ciphersuite();
    int t = f.integer("threshold");
    int n = f.integer("participants");
    long epoch = epoch(f);
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
    Hash32 transcript = f.hash32("transcript_hash");
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
    return new PublicFile(raw, transcript, chainCode, network, epoch, p.toString());
  }

  private static byte[] chainCode(CeremonyFile f, Hash32 transcript) {
    byte[] chainCode = f.hex("chain_code", 32);
    if (!java.util.Arrays.equals(chainCode, DkgOutput.chainCode(transcript))) {
      throw f.error("chain_code", "is not the chain code of transcript_hash");
    }
    return chainCode;
  }

  /** How a refresh generation is named in messages. */
  public static String generation(long epoch) {
    return epoch == 0 ? "the DKG (no refresh yet)" : "refresh " + epoch;
  }

  /**
   * Checks that a key file belongs to the group of a public file, at the same refresh.
   *
   * @throws CeremonyException naming the file that is behind: "key package from before refresh N"
   */
  public static void checkSameGroup(KeyFile key, PublicFile pub) {
    if (key.raw().suite() != pub.raw().suite()) {
      throw CeremonyException.badInput(
          key.file()
              + ": field ciphersuite: is "
              + key.raw().suite()
              + " but "
              + pub.file()
              + " is "
              + pub.raw().suite());
    }
    if (!key.raw().verifyingKey().equals(pub.raw().verifyingKey())) {
      throw CeremonyException.badInput(
          key.file() + ": field group_key: differs from " + pub.file() + " (another group)");
    }
    checkEpoch(
        key.file(), "key package", key.epoch(), pub.file(), "public key package", pub.epoch());
    Point expected = pub.raw().verifyingShares().get(key.raw().identifier());
    if (expected == null) {
      throw CeremonyException.badInput(
          key.file()
              + ": field identifier: participant "
              + key.raw().identifier()
              + " is not in "
              + pub.file()
              + " (removed from the group by a refresh)");
    }
    if (!expected.equals(key.raw().verifyingShare())) {
      throw CeremonyException.badInput(
          key.file()
              + ": field verifying_share: differs from "
              + pub.file()
              + ", though both are from "
              + generation(key.epoch())
              + " (two different refreshes with the same number: use the files of the refresh"
              + " every participant completed)");
    }
  }

  /**
   * Checks that two files of one group are from the same refresh, naming the one that is behind.
   */
  public static void checkEpoch(
      String file, String kind, long epoch, String reference, String referenceKind, long refEpoch) {
    if (epoch < refEpoch) {
      throw CeremonyException.badInput(
          file
              + ": field epoch: "
              + kind
              + " from before refresh "
              + refEpoch
              + " (it is from "
              + generation(epoch)
              + ", "
              + reference
              + " from refresh "
              + refEpoch
              + ")");
    }
    if (epoch > refEpoch) {
      throw CeremonyException.badInput(
          reference
              + ": field epoch: "
              + referenceKind
              + " from before refresh "
              + epoch
              + " (it is from "
              + generation(refEpoch)
              + ", "
              + file
              + " from refresh "
              + epoch
              + ")");
    }
  }
}
