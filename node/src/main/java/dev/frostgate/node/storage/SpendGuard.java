package dev.frostgate.node.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The spend locks in the state database: read-only checks and queries, and the row helpers {@link
 * SqliteJournal#recordShares} uses to write locks in the same synced transaction as the journal
 * rows of the share they allow (write, then sign: that is the only write path).
 */
public final class SpendGuard {
  private final StateDatabase db;
  private final long feeCapSat;

  SpendGuard(StateDatabase db, long feeCapSat) {
    if (feeCapSat < 0) {
      throw new IllegalArgumentException("fee cap must not be negative");
    }
    this.db = db;
    this.feeCapSat = feeCapSat;
  }

  /** Decides on proposal against the stored locks without writing anything. */
  public SpendVerdict check(SpendProposal proposal) {
    return db.read(c -> SpendLocks.maySign(relevantLocks(db, proposal), proposal, feeCapSat));
  }

  /** The locks on outpoint, oldest first. */
  public List<SpendLock> locksOn(Outpoint outpoint) {
    return db.read(c -> query(db, "WHERE txid = ? AND vout = ?", outpoint.txid(), outpoint.vout()));
  }

  /** Every lock, oldest first. */
  public List<SpendLock> all() {
    return db.read(c -> query(db, ""));
  }

  /** The locks on the proposal's inputs and the locks of its request. */
  static List<SpendLock> relevantLocks(StateDatabase db, SpendProposal p) throws SQLException {
    Set<SpendLock> out = new LinkedHashSet<>();
    for (Outpoint o : p.inputs()) {
      out.addAll(query(db, "WHERE txid = ? AND vout = ?", o.txid(), o.vout()));
    }
    out.addAll(query(db, "WHERE request_id = ?", (Object) p.requestId().toArray()));
    return new ArrayList<>(out);
  }

  static void insertLocks(StateDatabase db, List<SpendLock> locks, long now) throws SQLException {
    PreparedStatement ps =
        db.statement(
            "INSERT INTO spend_locks (txid, vout, tx_hash, request_id, fee_sat,"
                + " recipients_digest, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (SpendLock l : locks) {
      ps.setString(1, l.outpoint().txid());
      ps.setLong(2, l.outpoint().vout());
      ps.setBytes(3, l.txHash().toArray());
      ps.setBytes(4, l.requestId().toArray());
      ps.setLong(5, l.feeSat());
      ps.setBytes(6, l.recipientsDigest().toArray());
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
        out.add(
            new SpendLock(
                new Outpoint(rs.getString(1), rs.getLong(2)),
                Bytes.of(rs.getBytes(3)),
                Bytes.of(rs.getBytes(4)),
                rs.getLong(5),
                Bytes.of(rs.getBytes(6))));
      }
    }
    return out;
  }
}
