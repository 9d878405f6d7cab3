package dev.frostgate.node.storage;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Read-only views of the state database for the operator API: the spend locks with whether they
 * still bind, and counts over the journal. Each call is one short read on the database's single
 * connection (serialised with the event loop's writes), bounded in rows.
 */
public final class OperatorQueries {
  /** Most spend locks one call returns (newest first): the API's answer stays small. */
  public static final int MAX_LOCKS = 1000;

  private final StateDatabase db;

  public OperatorQueries(StateDatabase db) {
    this.db = db;
  }

  /**
   * One spend lock row.
   *
   * @param outpointTxid the locked coin's txid (display hex)
   * @param spendTxid the signed transaction that spends it (display hex)
   * @param live whether the lock binds (its request has no RELEASE transition)
   */
  public record LockRow(
      String outpointTxid,
      long vout,
      String spendTxid,
      String request,
      long feeSat,
      boolean live,
      long createdAtMs) {}

  /** The locks, newest first, and how many there are in all (more than returned if truncated). */
  public record Locks(List<LockRow> locks, long total, long live) {
    public Locks {
      locks = List.copyOf(locks);
    }
  }

  /**
   * Counts over the journal and what surrounds it.
   *
   * @param journalRows commitments journaled (one per share this node made)
   * @param journalLive rows of this process's boot (the others were voided at a start)
   * @param journalSessions distinct signing sessions in the journal
   * @param requests stored requests by status ({@code pending}, {@code done})
   * @param lockTransitions spend-lock lifecycle transitions by kind
   */
  public record JournalCounts(
      long journalRows,
      long journalLive,
      long journalSessions,
      long spendLocks,
      long spendLocksLive,
      Map<String, Long> requests,
      Map<String, Long> lockTransitions,
      long boots) {
    public JournalCounts {
      requests = Map.copyOf(requests);
      lockTransitions = Map.copyOf(lockTransitions);
    }
  }

  public Locks spendLocks() {
    return db.read(
        c -> {
          List<LockRow> rows = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT txid, vout, tx_hash, request_id, fee_sat, created_at, "
                      + LockTransitionTable.LIVE_REQUEST
                      + " FROM spend_locks ORDER BY created_at DESC, txid, vout LIMIT "
                      + MAX_LOCKS)) {
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows.add(
                    new LockRow(
                        rs.getString(1),
                        rs.getLong(2),
                        displayHex(rs.getBytes(3)),
                        new String(rs.getBytes(4), StandardCharsets.UTF_8),
                        rs.getLong(5),
                        rs.getBoolean(7),
                        rs.getLong(6)));
              }
            }
          }
          return new Locks(
              rows,
              count(c, "SELECT COUNT(*) FROM spend_locks"),
              count(
                  c, "SELECT COUNT(*) FROM spend_locks WHERE " + LockTransitionTable.LIVE_REQUEST));
        });
  }

  public JournalCounts journalCounts() {
    return db.read(
        c ->
            new JournalCounts(
                count(c, "SELECT COUNT(*) FROM signing_journal"),
                count(c, "SELECT COUNT(*) FROM signing_journal WHERE voided_at IS NULL"),
                count(c, "SELECT COUNT(DISTINCT session_id) FROM signing_journal"),
                count(c, "SELECT COUNT(*) FROM spend_locks"),
                count(
                    c,
                    "SELECT COUNT(*) FROM spend_locks WHERE " + LockTransitionTable.LIVE_REQUEST),
                grouped(c, "SELECT status, COUNT(*) FROM requests GROUP BY status"),
                grouped(c, "SELECT kind, COUNT(*) FROM spend_lock_transitions GROUP BY kind"),
                count(c, "SELECT COUNT(*) FROM boots")));
  }

  /** A stored transaction id (the bytes of {@code TxId.value}) as display hex. */
  private static String displayHex(byte[] stored) {
    return new fr.acinq.bitcoin.TxId(stored).value.toHex();
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static Map<String, Long> grouped(Connection c, String sql) throws SQLException {
    Map<String, Long> out = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }
}
