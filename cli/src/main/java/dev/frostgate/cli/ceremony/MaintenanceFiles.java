package dev.frostgate.cli.ceremony;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.keys.RefreshCommitment;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.crypto.seal.SealContext;
import dev.frostgate.crypto.seal.SealPurpose;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/**
 * The files of share repair and of the DKG-style refresh. Every file names its group key, the
 * refresh generation it belongs to ({@code epoch}, as in key and public key packages) and a hash of
 * the group's verifying shares at that generation, so that files from another group, or from before
 * a refresh, are refused with a message that says so. Secret values travel as sealed share files
 * ({@link SealedShareFiles}); what stays with its owner (a refresh polynomial, a repair helper's
 * delta to itself) is sealed by the key store.
 */
public final class MaintenanceFiles {
  public static final String REPAIR_SECRET = "frostgate/repair-secret";
  public static final String REFRESH_SECRET = "frostgate/refresh-secret";
  public static final String REFRESH_COMMITMENT = "frostgate/refresh-commitment";

  private MaintenanceFiles() {}

  /** Common header of every repair/refresh file: the group at one refresh generation. */
  public record Session(Ciphersuite suite, Point groupKey, long epoch, Hash32 sharesHash) {
    public static Session of(KeyFiles.PublicFile pub) {
      return new Session(
          pub.raw().suite(),
          pub.raw().verifyingKey(),
          pub.epoch(),
          MaintenanceFiles.sharesHash(pub.raw()));
    }

    void put(ObjectNode n) {
      n.put("ciphersuite", suite.contextString());
      n.put("group_key", groupKey.toHex());
      n.put("epoch", epoch);
      n.put("verifying_shares_hash", CeremonyFile.hex(sharesHash));
    }

    /** Checks a file's header against this session, naming the file that is behind. */
    void check(CeremonyFile f, String reference) {
      FileFields.suite(f, suite, reference);
      FileFields.sameGroup(f, "group_key", groupKey, reference);
      KeyFiles.checkEpoch(
          f.fileName(), "file", KeyFiles.epoch(f), reference, "public key package", epoch);
      FileFields.sameHash(
          f,
          "verifying_shares_hash",
          sharesHash,
          reference
              + " (same refresh number, other shares: two different refreshes; use the files of"
              + " the one every participant completed)");
    }

    /** The seal-context session of a refresh among {@code participants}. */
    public byte[] refreshSession(SortedSet<Identifier> participants) {
      return session("Frostgate/ceremony/refresh-session/v1", null, participants);
    }

    /** The seal-context session of a repair of {@code participant} by {@code helpers}. */
    public byte[] repairSession(Identifier participant, SortedSet<Identifier> helpers) {
      return session("Frostgate/ceremony/repair-session/v1", participant, helpers);
    }

    private byte[] session(String tag, Identifier participant, SortedSet<Identifier> members) {
      List<byte[]> parts = new ArrayList<>();
      parts.add(Hashes.sha256(Hashes.ascii(suite.contextString())));
      parts.add(groupKey.compressed());
      parts.add(ByteBuffer.allocate(8).putLong(epoch).array());
      parts.add(sharesHash.bytes());
      parts.add(participant == null ? new byte[32] : participant.toBytes());
      members.forEach(id -> parts.add(id.toBytes()));
      return Hashes.taggedHash(tag, parts.toArray(new byte[0][]));
    }

    /** Readable copies of what a session covers, for sealed share files. */
    public ObjectNode readable(SortedSet<Identifier> members, String membersField) {
      ObjectNode n = CeremonyFile.newObject();
      n.put("group_key", groupKey.toHex());
      n.put("epoch", epoch);
      n.set(membersField, FileFields.idsNode(members));
      return n;
    }
  }

  /** Hash of the group key and verifying shares: differs between any two refreshes. */
  public static Hash32 sharesHash(PublicKeyPackage pub) {
    List<byte[]> parts = new ArrayList<>();
    parts.add(pub.verifyingKey().compressed());
    pub.verifyingShares()
        .forEach(
            (id, p) -> {
              parts.add(id.toBytes());
              parts.add(p.compressed());
            });
    return Hash32.of(Hashes.taggedHash("Frostgate/key-epoch", parts.toArray(new byte[0][])));
  }

  // ---- repair ----

  /** The seal context of a repair delta (helper to helper) or sigma (helper to participant). */
  public static SealContext repairContext(
      SealPurpose purpose,
      Session s,
      Identifier participant,
      SortedSet<Identifier> helpers,
      Identifier sender,
      Point senderVerifyingShare,
      Identifier receiver) {
    return new SealContext(
        purpose,
        s.suite().contextString(),
        s.repairSession(participant, helpers),
        sender,
        receiver,
        SealedShareFiles.commitmentHash(purpose, s.suite(), sender, List.of(senderVerifyingShare)));
  }

  /** Readable fields of a repair delta or sigma file. */
  public static ObjectNode repairReadable(
      Session s, Identifier participant, SortedSet<Identifier> helpers) {
    ObjectNode n = s.readable(helpers, "helpers");
    FileFields.putId(n, "participant", participant);
    return n;
  }

  /** A helper's delta to itself, kept until part 2. */
  public record RepairSecret(
      Identifier helper,
      Identifier participant,
      SortedSet<Identifier> helpers,
      SecretScalar delta) {}

  public static void writeRepairSecret(
      Outputs out,
      Path p,
      Session s,
      Identifier helper,
      Identifier participant,
      SortedSet<Identifier> helpers,
      SecretScalar delta,
      SecretStore secrets) {
    ObjectNode n = CeremonyFile.newDocument(REPAIR_SECRET);
    FileFields.markSecret(n, "repair delta of helper " + helper + " to itself", Custody.REPAIR);
    s.put(n);
    FileFields.putId(n, "identifier", helper);
    FileFields.putId(n, "participant", participant);
    n.set("helpers", FileFields.idsNode(helpers));
    ObjectNode secret = CeremonyFile.newObject();
    FileFields.putSecret(secret, "delta", delta);
    out.writeSecret(p, n, secret, secrets);
  }

  public static RepairSecret readRepairSecret(
      Path p, Session s, KeyPackage key, String reference, SecretStore secrets) {
    CeremonyFile f = CeremonyFile.readSecret(p, REPAIR_SECRET, secrets);
    s.check(f, reference);
    Identifier id = FileFields.sameId(f, "identifier", key.identifier(), "the key's participant");
    SortedSet<Identifier> helpers = FileFields.ids(f, "helpers");
    return new RepairSecret(id, f.identifier("participant"), helpers, f.secret("delta"));
  }

  // ---- refresh ----

  public static void writeRefreshSecret(
      Outputs out,
      Path p,
      Session s,
      KeyPackage key,
      SortedSet<Identifier> participants,
      List<SecretScalar> coefficients,
      SecretStore secrets) {
    ObjectNode n = CeremonyFile.newDocument(REFRESH_SECRET);
    FileFields.markSecret(n, "refresh polynomial of this participant", Custody.REFRESH);
    s.put(n);
    FileFields.putId(n, "identifier", key.identifier());
    n.set("participants", FileFields.idsNode(participants));
    ObjectNode secret = CeremonyFile.newObject();
    secret.set("coefficients", FileFields.secretsNode(coefficients));
    out.writeSecret(p, n, secret, secrets);
  }

  public record RefreshSecret(
      Identifier identifier, SortedSet<Identifier> participants, List<SecretScalar> coefficients) {}

  public static RefreshSecret readRefreshSecret(
      Path p, Session s, KeyPackage key, String ref, SecretStore secrets) {
    CeremonyFile f = CeremonyFile.readSecret(p, REFRESH_SECRET, secrets);
    s.check(f, ref);
    Identifier id = FileFields.sameId(f, "identifier", key.identifier(), "the key's participant");
    SortedSet<Identifier> ids = FileFields.ids(f, "participants");
    List<SecretScalar> c = FileFields.secrets(f, "coefficients");
    if (c.size() != key.minSigners() - 1) {
      c.forEach(SecretScalar::destroy);
      throw f.error("coefficients", "must have threshold - 1 (" + (key.minSigners() - 1) + ")");
    }
    return new RefreshSecret(id, ids, c);
  }

  public static void writeRefreshCommitment(
      Outputs out,
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
    out.writePublic(p, n);
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

  /** The seal context of the refresh share from {@code dealer} to {@code recipient}. */
  public static SealContext refreshContext(
      Session s,
      SortedSet<Identifier> participants,
      Identifier dealer,
      Identifier recipient,
      RefreshCommitment dealerCommitment) {
    return new SealContext(
        SealPurpose.REFRESH_SHARE,
        s.suite().contextString(),
        s.refreshSession(participants),
        dealer,
        recipient,
        SealedShareFiles.commitmentHash(
            SealPurpose.REFRESH_SHARE, s.suite(), dealer, dealerCommitment.coefficients()));
  }

  private static void checkParticipants(
      CeremonyFile f, SortedSet<Identifier> expected, String ref) {
    SortedSet<Identifier> ids = FileFields.ids(f, "participants");
    if (!ids.equals(expected)) {
      throw f.error("participants", "is " + ids + " but " + ref + " has " + expected);
    }
  }

  /** A transfer file name: {@code <kind>-from-<sender>-to-<receiver>.json}. */
  public static String fileName(String kind, Identifier sender, Identifier receiver) {
    return kind
        + "-from-"
        + FileFields.idString(sender)
        + "-to-"
        + FileFields.idString(receiver)
        + ".json";
  }
}
