package dev.frostgate.node.storage;

import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.spendlock.LockTransition;
import dev.frostgate.engine.spendlock.LockedRequest;
import dev.frostgate.engine.spendlock.SpendLock;
import fr.acinq.bitcoin.TxId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The spend-lock lifecycle in the state database ({@code spend_lock_transitions}, schema version
 * 6): one row per step, written before the step takes effect, never changed or deleted. A request
 * with a {@code RELEASE} row has released every lock; its {@code spend_locks} rows stay for audit.
 *
 * <p>Row format: {@code kind} one of {@link Kind}; {@code reason} the {@link LockTransition.Reason}
 * name of a release; {@code tx_hash} txid bytes in display order; {@code height} the tip height the
 * rule saw; {@code decided_by} who wrote it ({@link #ENGINE}, {@link #LIFECYCLE}; an imported row
 * keeps its writer's); {@code created_at} epoch milliseconds.
 */
public final class LockTransitionTable {
  /** The row kinds; persisted by name. */
  public enum Kind {
    /** The request completed with {@code tx_hash} (written with the completion). */
    SIGNED,
    /** {@link LockTransition.Track}. */
    TRACK,
    /** {@link LockTransition.Bump}. */
    BUMP,
    /** {@link LockTransition.Release}. */
    RELEASE
  }

  /** Written by the engine when a request completes. */
  public static final String ENGINE = "engine";

  /** Written by this node's lifecycle rule. */
  public static final String LIFECYCLE = "lifecycle";

  /** One stored row (the export's and import's view). */
  public record Row(
      RequestId request,
      Kind kind,
      Optional<LockTransition.Reason> reason,
      Optional<TxId> tx,
      OptionalLong height,
      String detail,
      String decidedBy,
      long createdAt) {}

  static final String LIVE_REQUEST =
      "request_id NOT IN (SELECT request_id FROM spend_lock_transitions WHERE kind = 'RELEASE')";

  private LockTransitionTable() {}

  /** The row that records {@code t}; Keep is not a transition. */
  static Row rowOf(LockTransition t, long now) {
    return switch (t) {
      case LockTransition.Keep k ->
          throw new IllegalArgumentException(
              "Keep is not a transition (request " + k.request() + ")");
      case LockTransition.Track tr ->
          watching(
              tr.request(),
              Kind.TRACK,
              tr.tx(),
              tr.height(),
              "waiting for " + tr.tx() + " to confirm from height " + tr.height(),
              now);
      case LockTransition.Bump b ->
          watching(
              b.request(),
              Kind.BUMP,
              b.stuck(),
              b.height(),
              b.stuck() + " unconfirmed from height " + b.sinceHeight() + " to " + b.height(),
              now);
      case LockTransition.Release r ->
          new Row(
              r.request(),
              Kind.RELEASE,
              Optional.of(r.reason()),
              r.cause(),
              OptionalLong.empty(),
              r.detail(),
              LIFECYCLE,
              now);
    };
  }

  /** A TRACK or BUMP row: the lifecycle waits on {@code tx} from {@code height}. */
  private static Row watching(
      RequestId request, Kind kind, TxId tx, long height, String detail, long now) {
    return new Row(
        request,
        kind,
        Optional.empty(),
        Optional.of(tx),
        OptionalLong.of(height),
        detail,
        LIFECYCLE,
        now);
  }

  static void insert(StateDatabase db, Row r) throws SQLException {
    PreparedStatement ps =
        db.statement(
            "INSERT INTO spend_lock_transitions (request_id, kind, reason, tx_hash, height,"
                + " detail, decided_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    ps.setBytes(1, SpendLockTable.requestBytes(r.request()));
    ps.setString(2, r.kind().name());
    ps.setString(3, r.reason().map(Enum::name).orElse(null));
    ps.setBytes(4, r.tx().map(t -> t.value.toByteArray()).orElse(null));
    if (r.height().isPresent()) {
      ps.setLong(5, r.height().getAsLong());
    } else {
      ps.setNull(5, java.sql.Types.INTEGER);
    }
    ps.setString(6, r.detail());
    ps.setString(7, r.decidedBy());
    ps.setLong(8, r.createdAt());
    ps.executeUpdate();
  }

  /** Every row, oldest first (optionally of one request). */
  static List<Row> query(StateDatabase db, Optional<RequestId> request) throws SQLException {
    PreparedStatement ps =
        db.statement(
            "SELECT request_id, kind, reason, tx_hash, height, detail, decided_by, created_at"
                + " FROM spend_lock_transitions WHERE ? IS NULL OR request_id = ? ORDER BY seq");
    byte[] id = request.map(SpendLockTable::requestBytes).orElse(null);
    ps.setBytes(1, id);
    ps.setBytes(2, id);
    List<Row> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String where = "spend_lock_transitions row " + rs.getRow();
        try {
          byte[] tx = rs.getBytes(4);
          long height = rs.getLong(5);
          boolean noHeight = rs.wasNull();
          String reason = rs.getString(3);
          out.add(
              new Row(
                  SqliteJournal.requestId(Bytes.of(rs.getBytes(1))),
                  Kind.valueOf(rs.getString(2)),
                  Optional.ofNullable(reason).map(LockTransition.Reason::valueOf),
                  Optional.ofNullable(tx).map(TxId::new),
                  noHeight ? OptionalLong.empty() : OptionalLong.of(height),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getLong(8)));
        } catch (IllegalArgumentException | NullPointerException e) {
          throw new StorageException(where + " is malformed: " + e.getMessage());
        }
      }
    }
    return out;
  }

  /**
   * Every request with live locks or a completion, not released, as the lifecycle needs it (expiry
   * unknown). A validator that completed a request without sharing holds no lock but takes part in
   * its bumps.
   */
  static List<LockedRequest> lockedRequests(StateDatabase db) throws SQLException {
    List<RequestId> requests = new ArrayList<>();
    PreparedStatement ps =
        db.statement(
            "SELECT request_id FROM (SELECT request_id, created_at FROM spend_locks UNION ALL"
                + " SELECT request_id, created_at FROM spend_lock_transitions WHERE kind ="
                + " 'SIGNED') WHERE "
                + LIVE_REQUEST
                + " GROUP BY request_id ORDER BY min(created_at), request_id");
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        requests.add(SqliteJournal.requestId(Bytes.of(rs.getBytes(1))));
      }
    }
    List<LockedRequest> out = new ArrayList<>();
    for (RequestId r : requests) {
      List<SpendLock> locks =
          SpendLockTable.query(db, "WHERE request_id = ?", (Object) SpendLockTable.requestBytes(r));
      Optional<TxId> signed = Optional.empty();
      Optional<LockedRequest.Watch> watch = Optional.empty();
      int bumps = 0;
      for (Row row : query(db, Optional.of(r))) {
        switch (row.kind()) {
          case SIGNED -> signed = row.tx();
          case TRACK, BUMP -> {
            watch =
                Optional.of(
                    new LockedRequest.Watch(row.tx().orElseThrow(), row.height().orElseThrow()));
            bumps += row.kind() == Kind.BUMP ? 1 : 0;
          }
          case RELEASE -> {}
        }
      }
      boolean shareSent = false;
      for (TxId tx : locks.stream().map(SpendLock::tx).distinct().toList()) {
        shareSent |= SigningJournal.hasRowForTx(db, tx);
      }
      out.add(
          new LockedRequest(
              r, locks, shareSent, OptionalLong.empty(), signed, bumps, watch, List.of()));
    }
    return out;
  }
}
