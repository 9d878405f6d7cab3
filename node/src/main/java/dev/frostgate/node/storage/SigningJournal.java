package dev.frostgate.node.storage;

import dev.frostgate.engine.Journal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The signing journal's table ({@code signing_journal}), read side and row helpers. Rows are
 * written only by {@link SqliteJournal#recordShares}, in the synced transaction that also applies
 * the spend-lock rule, and only for a commitment never recorded before: one commitment, one row,
 * one signing package (by its digest), ever. A commitment recorded before a restart is void.
 *
 * <p>Secret nonces are never given to or stored by the journal; the table has no column for them.
 */
public final class SigningJournal {
  static final int MAX_ID = 64;
  static final int MAX_COMMITMENT = 4096;
  static final int DIGEST = 32;

  private final StateDatabase db;

  SigningJournal(StateDatabase db) {
    this.db = db;
  }

  /** What the journal knows about commitment. */
  public CommitmentStatus wasCommitmentIssued(byte[] commitment) {
    Bytes com = checkedCommitment(commitment);
    Optional<JournalEntry> e = db.read(c -> find(db, com));
    if (e.isEmpty()) {
      return new CommitmentStatus.NotIssued();
    }
    return e.get().voided()
        ? new CommitmentStatus.Voided(e.get())
        : new CommitmentStatus.Issued(e.get());
  }

  /** Every journal row, oldest first. */
  public List<JournalEntry> all() {
    return db.read(c -> query(db, "ORDER BY created_at, commitment"));
  }

  // ---- shared with SqliteJournal and JournalExport (inside their transactions) ----

  /**
   * Why a commitment with an earlier row may not be recorded again: void since a restart, or
   * already recorded (for the same package: a share is made once; or another: a second share).
   */
  static Journal.Refusal refusal(JournalEntry earlier, Bytes packageDigest) {
    if (earlier.voided()) {
      return new Journal.Refusal(
          Journal.Refusal.Kind.COMMITMENT_VOID,
          "commitment of session "
              + earlier.sessionId()
              + " was recorded before a restart and is void");
    }
    return new Journal.Refusal(
        Journal.Refusal.Kind.COMMITMENT_USED,
        earlier.packageDigest().filter(packageDigest::equals).isPresent()
            ? "commitment already recorded for this signing package (a share is made once)"
            : "commitment already recorded for another signing package; refusing a second share");
  }

  /** Inside a transaction: writes the row of a commitment never recorded before. */
  static JournalEntry insert(
      StateDatabase db, Bytes sid, List<Bytes> hashes, Bytes com, Bytes packageDigest)
      throws SQLException {
    long now = db.clock().millis();
    PreparedStatement ps =
        db.statement(
            "INSERT INTO signing_journal (commitment, session_id, message_hashes, boot,"
                + " created_at, voided_at, package_digest) VALUES (?, ?, ?, ?, ?, NULL, ?)");
    ps.setBytes(1, com.toArray());
    ps.setBytes(2, sid.toArray());
    ps.setBytes(3, concat(hashes));
    ps.setLong(4, db.boot());
    ps.setLong(5, now);
    ps.setBytes(6, packageDigest.toArray());
    ps.executeUpdate();
    return new JournalEntry(
        sid,
        hashes,
        com,
        db.boot(),
        Instant.ofEpochMilli(now),
        Optional.empty(),
        Optional.of(packageDigest));
  }

  /**
   * Whether a row of the engine's session-id layout (46 bytes: attempt, session, txid, input; see
   * {@link SqliteJournal}) names transaction {@code tx}: a share for it was recorded, so it may
   * have left the node.
   */
  static boolean hasRowForTx(StateDatabase db, fr.acinq.bitcoin.TxId tx) throws SQLException {
    PreparedStatement ps =
        db.statement(
            "SELECT 1 FROM signing_journal WHERE length(session_id) = 46"
                + " AND substr(session_id, 13, 32) = ? LIMIT 1");
    ps.setBytes(1, tx.value.toByteArray());
    try (java.sql.ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }

  static Optional<JournalEntry> find(StateDatabase db, Bytes commitment) throws SQLException {
    List<JournalEntry> rows = query(db, "WHERE commitment = ?", commitment.toArray());
    return rows.stream().findFirst();
  }

  static List<JournalEntry> query(StateDatabase db, String where, Object... params)
      throws SQLException {
    PreparedStatement ps =
        db.statement(
            "SELECT session_id, message_hashes, commitment, boot, created_at, voided_at,"
                + " package_digest FROM signing_journal "
                + where);
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
    List<JournalEntry> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long voided = rs.getLong(6);
        boolean isVoided = !rs.wasNull();
        byte[] digest = rs.getBytes(7);
        out.add(
            new JournalEntry(
                Bytes.of(rs.getBytes(1)),
                split(rs.getBytes(2)),
                Bytes.of(rs.getBytes(3)),
                rs.getLong(4),
                Instant.ofEpochMilli(rs.getLong(5)),
                isVoided ? Optional.of(Instant.ofEpochMilli(voided)) : Optional.empty(),
                Optional.ofNullable(digest).map(Bytes::of)));
      }
    }
    return out;
  }

  static byte[] concat(List<Bytes> hashes) {
    byte[] out = new byte[hashes.size() * 32];
    for (int i = 0; i < hashes.size(); i++) {
      System.arraycopy(hashes.get(i).toArray(), 0, out, i * 32, 32);
    }
    return out;
  }

  static List<Bytes> split(byte[] concatenated) {
    if (concatenated.length % 32 != 0) {
      throw new StorageException("journal row with a malformed message hash list");
    }
    List<Bytes> out = new ArrayList<>();
    for (int i = 0; i < concatenated.length; i += 32) {
      out.add(Bytes.of(java.util.Arrays.copyOfRange(concatenated, i, i + 32)));
    }
    return out;
  }

  static Bytes checkedCommitment(byte[] commitment) {
    Objects.requireNonNull(commitment, "commitment");
    if (commitment.length == 0 || commitment.length > MAX_COMMITMENT) {
      throw new IllegalArgumentException(
          "commitment must be 1.." + MAX_COMMITMENT + " bytes, got " + commitment.length);
    }
    return Bytes.of(commitment);
  }
}
