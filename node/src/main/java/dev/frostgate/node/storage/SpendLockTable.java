package dev.frostgate.node.storage;

import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.spendlock.SpendLock;
import dev.frostgate.engine.spendlock.SpendProposal;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The spend locks in the state database ({@code spend_locks}): read-only queries, and the row
 * helpers {@link SqliteJournal#recordShares} uses to write locks in the same synced transaction as
 * the journal rows of the share they allow (write, then sign: that is the only write path). The
 * rule itself is the engine's {@link dev.frostgate.engine.spendlock.SpendLockRule}.
 *
 * <p>Row format (unchanged since schema version 1): {@code txid} the outpoint's txid as 64 hex
 * digits in display (RPC) order, {@code vout} its index, {@code tx_hash} the locking transaction's
 * txid bytes in display order, {@code request_id} the request id's UTF-8 bytes.
 */
public final class SpendLockTable {
  private final StateDatabase db;

  SpendLockTable(StateDatabase db) {
    this.db = db;
  }

  /** The locks on outpoint, oldest first, released ones included (audit). */
  public List<SpendLock> locksOn(OutPoint outpoint) {
    return db.read(c -> query(db, "WHERE txid = ? AND vout = ?", txid(outpoint), outpoint.index));
  }

  /** The locks on outpoint that are not released, oldest first: the ones that bind. */
  public List<SpendLock> liveLocksOn(OutPoint outpoint) {
    return db.read(c -> liveOn(db, outpoint));
  }

  private static List<SpendLock> liveOn(StateDatabase db, OutPoint o) throws SQLException {
    return query(
        db,
        "WHERE txid = ? AND vout = ? AND " + LockTransitionTable.LIVE_REQUEST,
        txid(o),
        o.index);
  }

  /**
   * How many outpoints are held by a request not yet released (a fee bump locks the same outpoint
   * again: counted once). One indexed count, for the held-locks gauge.
   */
  public int liveOutpointCount() {
    return db.read(
        c -> {
          PreparedStatement ps =
              db.statement(
                  "SELECT count(*) FROM (SELECT DISTINCT txid, vout FROM spend_locks WHERE "
                      + LockTransitionTable.LIVE_REQUEST
                      + ")");
          try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
          }
        });
  }

  /** Every lock, oldest first. */
  public List<SpendLock> all() {
    return db.read(c -> query(db, ""));
  }

  /**
   * The live locks on the proposal's inputs and every lock of its request. A released lock of
   * another request no longer blocks; the request's own locks, released or not, still bind its
   * later transactions (a released request never signs anew as if it had signed nothing).
   */
  static List<SpendLock> relevantLocks(StateDatabase db, SpendProposal p) throws SQLException {
    Set<SpendLock> out = new LinkedHashSet<>();
    for (OutPoint o : p.inputs()) {
      out.addAll(liveOn(db, o));
    }
    out.addAll(query(db, "WHERE request_id = ?", (Object) requestBytes(p.request())));
    return new ArrayList<>(out);
  }

  static void insertLocks(StateDatabase db, List<SpendLock> locks, long now) throws SQLException {
    PreparedStatement ps =
        db.statement(
            "INSERT INTO spend_locks (txid, vout, tx_hash, request_id, fee_sat,"
                + " recipients_digest, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (SpendLock l : locks) {
      ps.setString(1, txid(l.outpoint()));
      ps.setLong(2, l.outpoint().index);
      ps.setBytes(3, l.tx().value.toByteArray());
      ps.setBytes(4, requestBytes(l.request()));
      ps.setLong(5, l.fee().getSat());
      ps.setBytes(6, l.recipientsDigest().toByteArray());
      ps.setLong(7, now);
      ps.executeUpdate();
    }
  }

  static List<SpendLock> query(StateDatabase db, String where, Object... params)
      throws SQLException {
    PreparedStatement ps =
        db.statement(
            "SELECT txid, vout, tx_hash, request_id, fee_sat, recipients_digest FROM spend_locks "
                + where
                + " ORDER BY created_at, txid, vout, tx_hash");
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
    List<SpendLock> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String where1 = "spend_locks row " + rs.getString(1) + ":" + rs.getLong(2);
        try {
          out.add(
              new SpendLock(
                  new OutPoint(new TxId(rs.getString(1)), rs.getLong(2)),
                  new TxId(rs.getBytes(3)),
                  SqliteJournal.requestId(Bytes.of(rs.getBytes(4))),
                  new Satoshi(rs.getLong(5)),
                  new ByteVector(rs.getBytes(6))));
        } catch (IllegalArgumentException e) {
          throw new StorageException(where1 + " is malformed: " + e.getMessage());
        }
      }
    }
    return out;
  }

  /** The stored txid text: 64 hex digits, display order. */
  static String txid(OutPoint o) {
    return o.txid.value.toHex();
  }

  static byte[] requestBytes(RequestId r) {
    return SqliteJournal.requestBytes(r).toArray();
  }
}
