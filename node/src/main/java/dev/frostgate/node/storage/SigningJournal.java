package dev.frostgate.node.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The crash-safe signing journal. Before a signature share leaves the node, {@link
 * #recordBeforeShare} commits a row (session, message hashes, commitment) and returns only once it
 * is on disk. A commitment signs one set of messages in one session, once per run of the node: a
 * commitment recorded before a restart is void and the journal refuses it.
 *
 * <p>Secret nonces are never given to or stored by the journal; the table has no column for them.
 */
public final class SigningJournal {
  static final int MAX_ID = 64;
  static final int MAX_COMMITMENT = 4096;

  private final StateDatabase db;

  SigningJournal(StateDatabase db) {
    this.db = db;
  }

  /**
   * Records that this node is about to send a share signing messageHashes with commitment in
   * sessionId; returns after the row is synced to disk. Recording the same row again in the same
   * run is a no-op (a retry of the same share).
   *
   * @throws SessionVoidedException if the commitment was recorded before the last restart
   * @throws NonceReuseException if the commitment was recorded for another session or other
   *     messages
   */
  public JournalEntry recordBeforeShare(
      byte[] sessionId, List<byte[]> messageHashes, byte[] commitment) {
    Bytes sid = checkedSessionId(sessionId);
    List<Bytes> hashes = checkedHashes(messageHashes);
    Bytes com = checkedCommitment(commitment);
    return db.inTransaction(c -> insert(db, sid, hashes, com));
  }

  /** What the journal knows about commitment. */
  public CommitmentStatus wasCommitmentIssued(byte[] commitment) {
    Bytes com = checkedCommitment(commitment);
    Optional<JournalEntry> e = db.inTransaction(c -> find(db, com));
    if (e.isEmpty()) {
      return new CommitmentStatus.NotIssued();
    }
    return e.get().voided()
        ? new CommitmentStatus.Voided(e.get())
        : new CommitmentStatus.Issued(e.get());
  }

  /**
   * The entry for commitment in sessionId, if this run of the node issued it.
   *
   * @throws SessionVoidedException if it was issued before the last restart, or not in sessionId,
   *     or never
   */
  public JournalEntry requireHonourable(byte[] sessionId, byte[] commitment) {
    Bytes sid = checkedSessionId(sessionId);
    return switch (wasCommitmentIssued(commitment)) {
      case CommitmentStatus.Issued i when i.entry().sessionId().equals(sid) -> i.entry();
      case CommitmentStatus.Issued i ->
          throw new SessionVoidedException(
              "commitment belongs to session " + i.entry().sessionId() + ", not " + sid);
      case CommitmentStatus.Voided v ->
          throw new SessionVoidedException(
              "commitment of session " + sid + " was issued before a restart and is void");
      case CommitmentStatus.NotIssued n ->
          throw new SessionVoidedException("commitment was never issued in session " + sid);
    };
  }

  /** The journal rows of one session, oldest first. */
  public List<JournalEntry> entries(byte[] sessionId) {
    Bytes sid = checkedSessionId(sessionId);
    return db.inTransaction(
        c -> query(db, "WHERE session_id = ? ORDER BY created_at, commitment", sid.toArray()));
  }

  /** Every journal row, oldest first. */
  public List<JournalEntry> all() {
    return db.inTransaction(c -> query(db, "ORDER BY created_at, commitment"));
  }

  // ---- shared with SpendGuard and JournalExport (inside their transactions) ----

  static JournalEntry insert(StateDatabase db, Bytes sid, List<Bytes> hashes, Bytes com)
      throws SQLException {
    Optional<JournalEntry> existing = find(db, com);
    if (existing.isPresent()) {
      JournalEntry e = existing.get();
      if (e.voided()) {
        throw new SessionVoidedException(
            "commitment of session "
                + e.sessionId()
                + " was issued before a restart and is void; make a fresh one");
      }
      if (!e.sessionId().equals(sid) || !e.messageHashes().equals(hashes)) {
        throw new NonceReuseException(
            "commitment already signed "
                + (e.sessionId().equals(sid) ? "other messages" : "in session " + e.sessionId())
                + "; refusing to sign again with it");
      }
      return e;
    }
    long now = db.clock().millis();
    PreparedStatement ps =
        db.statement(
            "INSERT INTO signing_journal (commitment, session_id, message_hashes, boot,"
                + " created_at, voided_at) VALUES (?, ?, ?, ?, ?, NULL)");
    ps.setBytes(1, com.toArray());
    ps.setBytes(2, sid.toArray());
    ps.setBytes(3, concat(hashes));
    ps.setLong(4, db.boot());
    ps.setLong(5, now);
    ps.executeUpdate();
    return new JournalEntry(
        sid, hashes, com, db.boot(), Instant.ofEpochMilli(now), Optional.empty());
  }

  static Optional<JournalEntry> find(StateDatabase db, Bytes commitment) throws SQLException {
    List<JournalEntry> rows = query(db, "WHERE commitment = ?", commitment.toArray());
    return rows.stream().findFirst();
  }

  static List<JournalEntry> query(StateDatabase db, String where, Object... params)
      throws SQLException {
    PreparedStatement ps =
        db.statement(
            "SELECT session_id, message_hashes, commitment, boot, created_at, voided_at"
                + " FROM signing_journal "
                + where);
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
    List<JournalEntry> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long voided = rs.getLong(6);
        boolean isVoided = !rs.wasNull();
        out.add(
            new JournalEntry(
                Bytes.of(rs.getBytes(1)),
                split(rs.getBytes(2)),
                Bytes.of(rs.getBytes(3)),
                rs.getLong(4),
                Instant.ofEpochMilli(rs.getLong(5)),
                isVoided ? Optional.of(Instant.ofEpochMilli(voided)) : Optional.empty()));
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

  static Bytes checkedSessionId(byte[] sessionId) {
    Objects.requireNonNull(sessionId, "sessionId");
    if (sessionId.length == 0 || sessionId.length > MAX_ID) {
      throw new IllegalArgumentException(
          "session id must be 1.." + MAX_ID + " bytes, got " + sessionId.length);
    }
    return Bytes.of(sessionId);
  }

  static List<Bytes> checkedHashes(List<byte[]> messageHashes) {
    Objects.requireNonNull(messageHashes, "messageHashes");
    if (messageHashes.isEmpty()) {
      throw new IllegalArgumentException("at least one message hash is required");
    }
    List<Bytes> out = new ArrayList<>();
    for (byte[] h : messageHashes) {
      if (h == null || h.length != 32) {
        throw new IllegalArgumentException("message hashes must be 32 bytes");
      }
      out.add(Bytes.of(h));
    }
    return List.copyOf(out);
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
