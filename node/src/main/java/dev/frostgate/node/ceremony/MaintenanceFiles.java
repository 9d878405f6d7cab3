package dev.frostgate.node.ceremony;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.keys.RefreshCommitment;
import dev.frostgate.crypto.hash.Hashes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;

/**
 * The files of share repair (deltas, sigmas) and of the DKG-style refresh (secret polynomial,
 * commitments, shares). Every file names its group key and the "epoch" (a hash of the group's
 * current verifying shares), so files from another group, or from before an earlier refresh, are
 * refused.
 */
public final class MaintenanceFiles {
  public static final String REPAIR_DELTA = "frostgate/repair-delta";
  public static final String REPAIR_SIGMA = "frostgate/repair-sigma";
  public static final String REFRESH_SECRET = "frostgate/refresh-secret";
  public static final String REFRESH_COMMITMENT = "frostgate/refresh-commitment";
  public static final String REFRESH_SHARE = "frostgate/refresh-share";

  private MaintenanceFiles() {}

  /** Common header of every repair/refresh file. */
  public record Session(Ciphersuite suite, Point groupKey, byte[] epoch) {
    public static Session of(PublicKeyPackage pub) {
      return new Session(pub.suite(), pub.verifyingKey(), MaintenanceFiles.epoch(pub));
    }

    void put(ObjectNode n) {
      n.put("ciphersuite", suite.contextString());
      n.put("group_key", groupKey.toHex());
      n.put("epoch", CeremonyFile.hex(epoch));
    }

    void check(CeremonyFile f, String reference) {
      FileFields.suite(f, suite, reference);
      FileFields.sameGroup(f, "group_key", groupKey, reference);
      FileFields.sameBytes(f, "epoch", 32, epoch, reference + " (a file from another refresh?)");
    }
  }

  /** Hash of the group's verifying shares: changes with every refresh. */
  public static byte[] epoch(PublicKeyPackage pub) {
    List<byte[]> parts = new ArrayList<>();
    parts.add(pub.verifyingKey().compressed());
    pub.verifyingShares()
        .forEach(
            (id, p) -> {
              parts.add(id.toBytes());
              parts.add(p.compressed());
            });
    return Hashes.taggedHash("Frostgate/key-epoch", parts.toArray(new byte[0][]));
  }

  /** A secret value from one participant to another, with the set it belongs to. */
  public record Transfer(
      Identifier sender,
      Identifier receiver,
      Identifier participant,
      SortedSet<Identifier> members,
      SecretScalar value,
      String file) {}

  // ---- repair ----

  /** A repair delta (helper to helper) or sigma (helper to the participant). */
  public static void writeRepair(
      Path p,
      String type,
      Session s,
      Identifier participant,
      SortedSet<Identifier> helpers,
      Identifier sender,
      Identifier receiver,
      SecretScalar value) {
    ObjectNode n = CeremonyFile.newDocument(type);
    FileFields.markSecret(
        n,
        (type.equals(REPAIR_DELTA) ? "repair delta" : "repair sigma")
            + " from participant "
            + sender
            + " for participant "
            + receiver);
    s.put(n);
    FileFields.putId(n, "participant", participant);
    n.set("helpers", FileFields.idsNode(helpers));
    FileFields.putId(n, "sender", sender);
    FileFields.putId(n, "receiver", receiver);
    FileFields.putSecret(n, "value", value);
    CeremonyFile.write(p, n, true);
  }

  public static Identifier receiver(Path p, String type) {
    return CeremonyFile.read(p, type).identifier("receiver");
  }

  /** Reads a delta or sigma addressed to {@code me}, in the session {@code s}. */
  public static Transfer readRepair(
      Path p, String type, Session s, Identifier me, String reference) {
    CeremonyFile f = CeremonyFile.read(p, type);
    s.check(f, reference);
    Identifier receiver = FileFields.sameId(f, "receiver", me, "this file's recipient");
    Identifier participant = f.identifier("participant");
    SortedSet<Identifier> helpers = FileFields.ids(f, "helpers");
    Identifier sender = f.identifier("sender");
    if (!helpers.contains(sender)) {
      throw f.error("sender", "participant " + sender + " is not among the helpers " + helpers);
    }
    return new Transfer(sender, receiver, participant, helpers, f.secret("value"), p.toString());
  }

  // ---- refresh ----

  public static void writeRefreshSecret(
      Path p,
      Session s,
      KeyPackage key,
      SortedSet<Identifier> participants,
      List<SecretScalar> coefficients) {
    ObjectNode n = CeremonyFile.newDocument(REFRESH_SECRET);
    FileFields.markSecret(n, "refresh polynomial of this participant");
    s.put(n);
    FileFields.putId(n, "identifier", key.identifier());
    n.set("participants", FileFields.idsNode(participants));
    n.set("coefficients", FileFields.secretsNode(coefficients));
    CeremonyFile.write(p, n, true);
  }

  public record RefreshSecret(
      Identifier identifier, SortedSet<Identifier> participants, List<SecretScalar> coefficients) {}

  public static RefreshSecret readRefreshSecret(Path p, Session s, KeyPackage key, String ref) {
    CeremonyFile f = CeremonyFile.read(p, REFRESH_SECRET);
    s.check(f, ref);
    Identifier id = FileFields.sameId(f, "identifier", key.identifier(), "the key's participant");
    SortedSet<Identifier> ids = FileFields.ids(f, "participants");
    List<SecretScalar> c = FileFields.secrets(f, "coefficients");
    if (c.size() != key.minSigners() - 1) {
      throw f.error("coefficients", "must have threshold - 1 (" + (key.minSigners() - 1) + ")");
    }
    return new RefreshSecret(id, ids, c);
  }

  public static void writeRefreshCommitment(
      Path p,
      Session s,
      Identifier sender,
      SortedSet<Identifier> participants,
      RefreshCommitment c) {
    ObjectNode n = CeremonyFile.newDocument(REFRESH_COMMITMENT);
    n.put("secret", false);
    s.put(n);
    FileFields.putId(n, "sender", sender);
    n.set("participants", FileFields.idsNode(participants));
    n.set("commitment", FileFields.pointsNode(c.coefficients()));
    CeremonyFile.write(p, n, false);
  }

  public record CommitmentFile(Identifier sender, RefreshCommitment commitment, String file) {}

  public static CommitmentFile readRefreshCommitment(
      Path p, Session s, SortedSet<Identifier> participants, String ref) {
    CeremonyFile f = CeremonyFile.read(p, REFRESH_COMMITMENT);
    s.check(f, ref);
    checkParticipants(f, participants, ref);
    Identifier sender = f.identifier("sender");
    if (!participants.contains(sender)) {
      throw f.error("sender", "participant " + sender + " is not taking part in this refresh");
    }
    return new CommitmentFile(
        sender, new RefreshCommitment(FileFields.points(f, "commitment")), p.toString());
  }

  public static void writeRefreshShare(
      Path p,
      Session s,
      SortedSet<Identifier> participants,
      Identifier sender,
      Identifier receiver,
      SecretScalar value) {
    ObjectNode n = CeremonyFile.newDocument(REFRESH_SHARE);
    FileFields.markSecret(
        n, "refresh share from participant " + sender + " for participant " + receiver);
    s.put(n);
    n.set("participants", FileFields.idsNode(participants));
    FileFields.putId(n, "sender", sender);
    FileFields.putId(n, "receiver", receiver);
    FileFields.putSecret(n, "value", value);
    CeremonyFile.write(p, n, true);
  }

  public static Transfer readRefreshShare(
      Path p, Session s, Identifier me, SortedSet<Identifier> participants, String ref) {
    CeremonyFile f = CeremonyFile.read(p, REFRESH_SHARE);
    s.check(f, ref);
    checkParticipants(f, participants, ref);
    Identifier receiver = FileFields.sameId(f, "receiver", me, "this file's recipient");
    Identifier sender = f.identifier("sender");
    if (!participants.contains(sender)) {
      throw f.error("sender", "participant " + sender + " is not taking part in this refresh");
    }
    return new Transfer(sender, receiver, me, participants, f.secret("value"), p.toString());
  }

  private static void checkParticipants(
      CeremonyFile f, SortedSet<Identifier> expected, String ref) {
    SortedSet<Identifier> ids = FileFields.ids(f, "participants");
    if (!ids.equals(expected)) {
      throw f.error("participants", "is " + ids + " but " + ref + " has " + expected);
    }
  }

  static boolean same(byte[] a, byte[] b) {
    return Arrays.equals(a, b);
  }
}
