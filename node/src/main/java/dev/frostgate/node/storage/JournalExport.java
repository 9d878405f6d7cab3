package dev.frostgate.node.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.spendlock.LockTransition;
import dev.frostgate.engine.spendlock.SpendLock;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Export and import of the signing journal and spend locks, for moving a validator to new hardware.
 * The format is documented in {@code docs/journal-format.md}.
 *
 * <p>Import is a union: it never removes or changes a row, it skips rows already present, and it
 * refuses the whole file (writing nothing) if a row contradicts one already stored. Every imported
 * journal row is void: the secret nonces stayed on the old machine.
 */
public final class JournalExport {
  public static final String FORMAT = "frostgate-journal";
  public static final int VERSION = 3;

  /** The latest instant a file may name (rows are stored with millisecond timestamps). */
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JournalExport() {}

  /** How an import went. */
  public record ImportResult(
      int journalAdded,
      int journalAlreadyPresent,
      int locksAdded,
      int locksAlreadyPresent,
      int transitionsAdded,
      int transitionsAlreadyPresent) {}

  /** Writes every journal row and spend lock of db, as validator validatorId. */
  public static void exportTo(StateDatabase db, int validatorId, OutputStream out) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("validator_id", validatorId);
    root.put("exported_at", db.clock().instant().toString());
    ArrayNode journal = root.putArray("journal");
    ArrayNode locks = root.putArray("spend_locks");
    ArrayNode transitions = root.putArray("lock_transitions");
    db.inTransaction(
        c -> {
          for (JournalEntry e : SigningJournal.query(db, "ORDER BY created_at, commitment")) {
            ObjectNode row = journal.addObject();
            row.put("session_id", e.sessionId().hex());
            ArrayNode hashes = row.putArray("message_hashes");
            e.messageHashes().forEach(h -> hashes.add(h.hex()));
            row.put("commitment", e.commitment().hex());
            if (e.packageDigest().isPresent()) {
              row.put("package_digest", e.packageDigest().get().hex());
            } else {
              row.putNull("package_digest");
            }
            row.put("created_at", e.createdAt().toString());
            if (e.voidedAt().isPresent()) {
              row.put("voided_at", e.voidedAt().get().toString());
            } else {
              row.putNull("voided_at");
            }
          }
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT txid, vout, tx_hash, request_id, fee_sat, recipients_digest,"
                          + " created_at FROM spend_locks ORDER BY created_at, txid, vout, tx_hash");
              ResultSet rs = ps.executeQuery()) {
            HexFormat hex = HexFormat.of();
            while (rs.next()) {
              ObjectNode row = locks.addObject();
              row.put("outpoint", rs.getString(1) + ":" + rs.getLong(2));
              row.put("tx_hash", hex.formatHex(rs.getBytes(3)));
              row.put("request_id", hex.formatHex(rs.getBytes(4)));
              row.put("fee_sat", rs.getLong(5));
              row.put("recipients_digest", hex.formatHex(rs.getBytes(6)));
              row.put("created_at", Instant.ofEpochMilli(rs.getLong(7)).toString());
            }
          }
          for (LockTransitionTable.Row t : LockTransitionTable.query(db, Optional.empty())) {
            writeTransition(transitions.addObject(), t);
          }
          return null;
        });
    try {
      JSON.writeValue(nonClosing(out), root);
    } catch (IOException e) {
      throw new StorageException("cannot write the journal export: " + e.getMessage(), e);
    }
  }

  /**
   * Merges an export into db, which must belong to the same validator. Idempotent: importing the
   * same file twice adds nothing the second time.
   *
   * @throws JournalImportException naming the row if the file is malformed, from another validator
   *     or a newer format, or contradicts the stored state; nothing is written then
   */
  public static ImportResult importFrom(StateDatabase db, int validatorId, InputStream in) {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      // Position only: the parser's message quotes the offending text.
      throw new JournalImportException(
          "not JSON"
              + (e.getLocation() == null
                  ? ""
                  : " at line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()));
    } catch (IOException e) {
      throw new JournalImportException("cannot read: " + e.getMessage());
    }
    if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
      throw new JournalImportException("not a " + FORMAT + " file (field \"format\")");
    }
    int version = root.path("version").asInt(-1);
    if (version < 1 || version > VERSION) {
      throw new JournalImportException(
          "format version "
              + root.path("version")
              + " is not supported (this code reads 1.."
              + VERSION
              + ")");
    }
    if (!root.path("validator_id").canConvertToInt()
        || root.path("validator_id").asInt() != validatorId) {
      throw new JournalImportException(
          "the export is of validator "
              + root.path("validator_id")
              + ", not of this validator ("
              + validatorId
              + ")");
    }
    List<JournalEntry> journal = new ArrayList<>();
    int i = 0;
    for (JsonNode row : array(root, "journal")) {
      String where = "journal[" + i++ + "]";
      List<Bytes> hashes = new ArrayList<>();
      for (JsonNode h : array(row, "message_hashes", where)) {
        Bytes b = hex(h, where + ".message_hashes");
        if (b.length() != 32) {
          throw new JournalImportException(where + ".message_hashes: each must be 32 bytes");
        }
        hashes.add(b);
      }
      if (hashes.isEmpty()) {
        throw new JournalImportException(where + ".message_hashes: empty");
      }
      Bytes sid = hex(row.get("session_id"), where + ".session_id");
      Bytes com = hex(row.get("commitment"), where + ".commitment");
      if (sid.length() == 0 || sid.length() > SigningJournal.MAX_ID) {
        throw new JournalImportException(where + ".session_id: must be 1..64 bytes");
      }
      if (com.length() == 0 || com.length() > SigningJournal.MAX_COMMITMENT) {
        throw new JournalImportException(where + ".commitment: wrong length");
      }
      Optional<Bytes> digest = packageDigest(row, version, where);
      Instant created = instant(row.get("created_at"), where + ".created_at");
      JsonNode v = row.get("voided_at");
      Optional<Instant> voided =
          v == null || v.isNull()
              ? Optional.empty()
              : Optional.of(instant(v, where + ".voided_at"));
      journal.add(new JournalEntry(sid, hashes, com, 0, created, voided, digest));
    }
    List<SpendLock> locks = new ArrayList<>();
    List<Instant> lockTimes = new ArrayList<>();
    i = 0;
    for (JsonNode row : array(root, "spend_locks")) {
      String where = "spend_locks[" + i++ + "]";
      try {
        OutPoint o = outPoint(text(row.get("outpoint"), where + ".outpoint"), where);
        JsonNode fee = row.get("fee_sat");
        if (fee == null || !fee.canConvertToLong() || !fee.isIntegralNumber() || fee.asLong() < 0) {
          throw new JournalImportException(where + ".fee_sat: must be a non-negative integer");
        }
        TxId tx = txHash(row.get("tx_hash"), where + ".tx_hash");
        locks.add(
            new SpendLock(
                o,
                tx,
                requestId(hex(row.get("request_id"), where + ".request_id"), where),
                new Satoshi(fee.asLong()),
                new ByteVector(
                    hex(row.get("recipients_digest"), where + ".recipients_digest").toArray())));
        lockTimes.add(instant(row.get("created_at"), where + ".created_at"));
      } catch (IllegalArgumentException e) {
        throw new JournalImportException(where + ": " + e.getMessage());
      }
    }
    List<LockTransitionTable.Row> transitions = transitions(root, version);
    return db.inTransaction(c -> merge(c, db, journal, locks, lockTimes, transitions));
  }

  private static void writeTransition(ObjectNode row, LockTransitionTable.Row t) {
    row.put("request_id", HexFormat.of().formatHex(SpendLockTable.requestBytes(t.request())));
    row.put("kind", t.kind().name());
    if (t.reason().isPresent()) {
      row.put("reason", t.reason().get().name());
    } else {
      row.putNull("reason");
    }
    if (t.tx().isPresent()) {
      row.put("tx_hash", t.tx().get().value.toHex());
    } else {
      row.putNull("tx_hash");
    }
    if (t.height().isPresent()) {
      row.put("height", t.height().getAsLong());
    } else {
      row.putNull("height");
    }
    row.put("detail", t.detail());
    row.put("decided_by", t.decidedBy());
    row.put("created_at", Instant.ofEpochMilli(t.createdAt()).toString());
  }

  /** The {@code lock_transitions} of a version 3 file; versions 1 and 2 have none. */
  private static List<LockTransitionTable.Row> transitions(JsonNode root, int version) {
    List<LockTransitionTable.Row> out = new ArrayList<>();
    if (version < 3) {
      if (root.has("lock_transitions")) {
        throw new JournalImportException("lock_transitions: not a field of version " + version);
      }
      return out;
    }
    int i = 0;
    for (JsonNode row : array(root, "lock_transitions")) {
      String where = "lock_transitions[" + i++ + "]";
      LockTransitionTable.Kind kind =
          enumValue(LockTransitionTable.Kind.class, row.get("kind"), where + ".kind");
      Optional<LockTransition.Reason> reason =
          nullable(row, "reason", where)
              .map(r -> enumValue(LockTransition.Reason.class, r, where + ".reason"));
      if (reason.isPresent() != (kind == LockTransitionTable.Kind.RELEASE)) {
        throw new JournalImportException(where + ".reason: required for RELEASE and only for it");
      }
      Optional<TxId> tx = nullable(row, "tx_hash", where).map(t -> txHash(t, where + ".tx_hash"));
      if (tx.isEmpty() && kind != LockTransitionTable.Kind.RELEASE) {
        throw new JournalImportException(where + ".tx_hash: required for " + kind);
      }
      Optional<JsonNode> h = nullable(row, "height", where);
      boolean needsHeight =
          kind == LockTransitionTable.Kind.TRACK || kind == LockTransitionTable.Kind.BUMP;
      if (h.isPresent() != needsHeight
          || h.filter(n -> !n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0)
              .isPresent()) {
        throw new JournalImportException(
            where + ".height: a non-negative integer for TRACK and BUMP, null otherwise");
      }
      out.add(
          new LockTransitionTable.Row(
              requestId(hex(row.get("request_id"), where + ".request_id"), where),
              kind,
              reason,
              tx,
              h.map(n -> OptionalLong.of(n.asLong())).orElse(OptionalLong.empty()),
              text(row.get("detail"), where + ".detail"),
              text(row.get("decided_by"), where + ".decided_by"),
              instant(row.get("created_at"), where + ".created_at").toEpochMilli()));
    }
    return out;
  }

  /** A field that must be present, as null or a value. */
  private static Optional<JsonNode> nullable(JsonNode row, String field, String where) {
    JsonNode n = row.get(field);
    if (n == null) {
      throw new JournalImportException(where + "." + field + ": missing (null if none)");
    }
    return n.isNull() ? Optional.empty() : Optional.of(n);
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String where) {
    String name = text(node, where);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    throw new JournalImportException(
        where + ": must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
  }

  private static TxId txHash(JsonNode node, String where) {
    Bytes tx = hex(node, where);
    if (tx.length() != 32) {
      throw new JournalImportException(where + ": must be 32 bytes");
    }
    return new TxId(tx.toArray());
  }

  private static ImportResult merge(
      Connection c,
      StateDatabase db,
      List<JournalEntry> journal,
      List<SpendLock> locks,
      List<Instant> lockTimes,
      List<LockTransitionTable.Row> transitions)
      throws SQLException {
    long now = db.clock().millis();
    int jAdded = 0;
    int jPresent = 0;
    for (JournalEntry e : journal) {
      Optional<JournalEntry> existing = SigningJournal.find(db, e.commitment());
      if (existing.isPresent()) {
        JournalEntry x = existing.get();
        if (!x.sessionId().equals(e.sessionId())
            || !x.messageHashes().equals(e.messageHashes())
            || !x.packageDigest().equals(e.packageDigest())) {
          throw new JournalImportException(
              "journal row with commitment "
                  + e.commitment()
                  + " contradicts the stored one (other session, messages or signing package)");
        }
        jPresent++;
        continue;
      }
      long voidedAt = e.voidedAt().map(Instant::toEpochMilli).orElse(now);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO signing_journal (commitment, session_id, message_hashes, boot,"
                  + " created_at, voided_at, package_digest) VALUES (?, ?, ?, 0, ?, ?, ?)")) {
        ps.setBytes(1, e.commitment().toArray());
        ps.setBytes(2, e.sessionId().toArray());
        ps.setBytes(3, SigningJournal.concat(e.messageHashes()));
        ps.setLong(4, e.createdAt().toEpochMilli());
        ps.setLong(5, Math.min(voidedAt, now));
        ps.setBytes(6, e.packageDigest().map(Bytes::toArray).orElse(null));
        ps.executeUpdate();
      }
      jAdded++;
    }
    int lAdded = 0;
    int lPresent = 0;
    for (int k = 0; k < locks.size(); k++) {
      SpendLock l = locks.get(k);
      List<SpendLock> same =
          SpendLockTable.query(
              db,
              "WHERE txid = ? AND vout = ? AND tx_hash = ?",
              SpendLockTable.txid(l.outpoint()),
              l.outpoint().index,
              l.tx().value.toByteArray());
      if (!same.isEmpty()) {
        if (!same.get(0).equals(l)) {
          throw new JournalImportException(
              "spend lock on "
                  + l.outpoint()
                  + " by transaction "
                  + l.tx()
                  + " contradicts the stored one");
        }
        lPresent++;
        continue;
      }
      SpendLockTable.insertLocks(db, List.of(l), lockTimes.get(k).toEpochMilli());
      lAdded++;
    }
    // Transitions are facts in order: a row already stored (same content) is skipped.
    List<LockTransitionTable.Row> stored = LockTransitionTable.query(db, Optional.empty());
    int tAdded = 0;
    for (LockTransitionTable.Row t : transitions) {
      if (!stored.contains(t)) {
        LockTransitionTable.insert(db, t);
        stored.add(t);
        tAdded++;
      }
    }
    return new ImportResult(
        jAdded, jPresent, lAdded, lPresent, tAdded, transitions.size() - tAdded);
  }

  /**
   * A row's {@code package_digest}: absent in version 1 files (rows written before the journal
   * bound the package); in version 2 required, 32 bytes of hex or {@code null} (a row written
   * before schema version 5).
   */
  private static Optional<Bytes> packageDigest(JsonNode row, int version, String where) {
    JsonNode d = row.get("package_digest");
    if (version < 2) {
      if (d != null) {
        throw new JournalImportException(where + ".package_digest: not a field of version 1");
      }
      return Optional.empty();
    }
    if (d == null) {
      throw new JournalImportException(where + ".package_digest: missing (null if unknown)");
    }
    if (d.isNull()) {
      return Optional.empty();
    }
    Bytes b = hex(d, where + ".package_digest");
    if (b.length() != SigningJournal.DIGEST) {
      throw new JournalImportException(where + ".package_digest: must be 32 bytes");
    }
    return Optional.of(b);
  }

  private static Iterable<JsonNode> array(JsonNode node, String field) {
    return array(node, field, "");
  }

  private static Iterable<JsonNode> array(JsonNode node, String field, String where) {
    JsonNode a = node.get(field);
    if (a == null || !a.isArray()) {
      throw new JournalImportException(
          (where.isEmpty() ? "" : where + ".") + field + ": must be an array");
    }
    return a;
  }

  private static String text(JsonNode node, String where) {
    if (node == null || !node.isTextual()) {
      throw new JournalImportException(where + ": must be a string");
    }
    return node.asText();
  }

  private static Bytes hex(JsonNode node, String where) {
    String s = text(node, where);
    if (!s.matches("([0-9a-f]{2})*")) {
      throw new JournalImportException(where + ": must be lowercase hex");
    }
    return Bytes.fromHex(s);
  }

  /**
   * A spend lock's {@code txid:vout} (the text {@code spend_locks} and the export keep): txid 64
   * lowercase hex digits in display order, vout a 32-bit unsigned integer.
   */
  private static OutPoint outPoint(String text, String where) {
    int colon = text.indexOf(':');
    if (colon < 0
        || !text.substring(0, colon).matches("[0-9a-f]{64}")
        || !text.substring(colon + 1).matches("[0-9]{1,10}")
        || Long.parseLong(text.substring(colon + 1)) > 0xFFFF_FFFFL) {
      throw new JournalImportException(
          where + ".outpoint: must be txid:vout (64 lowercase hex digits, a 32-bit index)");
    }
    return new OutPoint(
        new TxId(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
  }

  /** A request id: the UTF-8 bytes {@code spend_locks.request_id} holds, strictly decoded. */
  private static RequestId requestId(Bytes utf8, String where) {
    try {
      return new RequestId(
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(java.nio.ByteBuffer.wrap(utf8.toArray()))
              .toString());
    } catch (CharacterCodingException | IllegalArgumentException e) {
      throw new JournalImportException(where + ".request_id: must be a non-empty UTF-8 string");
    }
  }

  private static Instant instant(JsonNode node, String where) {
    Instant t;
    try {
      t = Instant.parse(text(node, where));
    } catch (DateTimeParseException e) {
      throw new JournalImportException(where + ": must be an ISO-8601 UTC instant");
    }
    // Stored as epoch milliseconds: Instant reaches the year 1e9, a long of milliseconds does not.
    if (t.isBefore(Instant.EPOCH) || t.isAfter(LATEST)) {
      throw new JournalImportException(where + ": must be between 1970 and the year 9999");
    }
    return t;
  }

  private static OutputStream nonClosing(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  /** An export that cannot be imported; nothing was written. */
  public static final class JournalImportException extends StorageException {
    private static final long serialVersionUID = 1L;

    public JournalImportException(String message) {
      super("journal import: " + message);
    }
  }
}
