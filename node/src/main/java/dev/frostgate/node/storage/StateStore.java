package dev.frostgate.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The rest of the state a validator resumes from (DKG progress is {@link SqliteDkgStore}'s): keys
 * metadata, requests, signing sessions and per-peer statistics. Each call is one synced
 * transaction.
 */
public final class StateStore {
  private final StateDatabase db;

  StateStore(StateDatabase db) {
    this.db = db;
  }

  /** A group key this validator holds a share of, per key epoch (0 = first DKG). */
  public record KeyRecord(
      long epoch,
      Bytes groupKey,
      String thresholdXpub,
      String ciphersuite,
      int threshold,
      int total,
      Instant createdAt) {}

  public record StoredRequest(
      Bytes requestId,
      String kind,
      Bytes payload,
      String status,
      Instant createdAt,
      Instant updatedAt) {}

  public record SigningSession(
      Bytes sessionId,
      Bytes requestId,
      SortedSet<Integer> signers,
      String status,
      Instant createdAt,
      Instant updatedAt) {
    public SigningSession {
      signers = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(signers));
    }
  }

  public record PeerStatsRow(
      int peerId,
      long responses,
      long responseMsSum,
      long responseMsMax,
      long timeouts,
      long invalidMessages) {
    /** Mean response time in milliseconds, 0 if none. */
    public double meanResponseMs() {
      return responses == 0 ? 0 : (double) responseMsSum / responses;
    }
  }

  // ---- keys ----

  /** Records a key epoch; an epoch, once written, never changes. */
  public void saveKeyRecord(KeyRecord k) {
    db.inTransaction(
        c ->
            update(
                "INSERT INTO key_metadata VALUES (?, ?, ?, ?, ?, ?, ?)",
                k.epoch(),
                k.groupKey().toArray(),
                k.thresholdXpub(),
                k.ciphersuite(),
                k.threshold(),
                k.total(),
                k.createdAt().toEpochMilli()));
  }

  /** The newest key epoch, if a DKG has completed. */
  public Optional<KeyRecord> latestKey() {
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT * FROM key_metadata ORDER BY epoch DESC LIMIT 1");
              ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            return Optional.of(
                new KeyRecord(
                    rs.getLong("epoch"),
                    Bytes.of(rs.getBytes("group_key")),
                    rs.getString("threshold_xpub"),
                    rs.getString("ciphersuite"),
                    rs.getInt("threshold"),
                    rs.getInt("total"),
                    Instant.ofEpochMilli(rs.getLong("created_at"))));
          }
        });
  }

  // ---- requests ----

  /** Inserts a request, or changes its status if already stored (kind and payload never change). */
  public void saveRequest(Bytes requestId, String kind, Bytes payload, String status) {
    saveRequest(requestId, kind, payload, status, true);
  }

  /**
   * As {@link #saveRequest(Bytes, String, Bytes, String)}; with {@code durable = false} the commit
   * does not wait for the disk (see {@link StateDatabase#inRelaxedTransaction}).
   */
  public void saveRequest(
      Bytes requestId, String kind, Bytes payload, String status, boolean durable) {
    saveRequest(requestId, kind, payload, status, durable, () -> {});
  }

  /** As above; {@code beforeCommit} runs inside the transaction, after the write. */
  void saveRequest(
      Bytes requestId,
      String kind,
      Bytes payload,
      String status,
      boolean durable,
      Runnable beforeCommit) {
    long now = db.clock().millis();
    StateDatabase.TransactionWork<?> work =
        c -> {
          update(
              "INSERT INTO requests (request_id, kind, payload, status, created_at, updated_at)"
                  + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO UPDATE"
                  + " SET status = excluded.status, updated_at = excluded.updated_at",
              requestId.toArray(),
              kind,
              payload.toArray(),
              status,
              now,
              now);
          beforeCommit.run();
          return null;
        };
    if (durable) {
      db.inTransaction(work);
    } else {
      db.inRelaxedTransaction(work);
    }
  }

  /**
   * Marks a stored request done (status {@code done}), with the txid of its signed transaction
   * (display hex). Never status {@code signed}: that status belongs to the journal's rows.
   */
  public void markRequestDone(Bytes requestId, String txid) {
    long now = db.clock().millis();
    db.inTransaction(
        c ->
            update(
                "UPDATE requests SET status = 'done', signed_txid = ?, updated_at = ?"
                    + " WHERE request_id = ?",
                txid,
                now,
                requestId.toArray()));
  }

  /** The txid a request was marked done with ({@link #markRequestDone}). */
  public Optional<String> signedTxid(Bytes requestId) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT signed_txid FROM requests WHERE request_id = ?")) {
            ps.setBytes(1, requestId.toArray());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  public Optional<StoredRequest> request(Bytes requestId) {
    return db.inTransaction(
        c -> requests(c, "WHERE request_id = ?", requestId.toArray()).stream().findFirst());
  }

  public List<StoredRequest> requestsWithStatus(String status) {
    return db.inTransaction(c -> requests(c, "WHERE status = ? ORDER BY created_at", status));
  }

  private static List<StoredRequest> requests(Connection c, String where, Object param)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT request_id, kind, payload, status, created_at, updated_at FROM requests "
                + where)) {
      ps.setObject(1, param);
      List<StoredRequest> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new StoredRequest(
                  Bytes.of(rs.getBytes(1)),
                  rs.getString(2),
                  Bytes.of(rs.getBytes(3)),
                  rs.getString(4),
                  Instant.ofEpochMilli(rs.getLong(5)),
                  Instant.ofEpochMilli(rs.getLong(6))));
        }
      }
      return out;
    }
  }

  // ---- signing sessions ----

  /** Inserts a session, or changes its status if already stored. */
  public void saveSession(
      Bytes sessionId, Bytes requestId, SortedSet<Integer> signers, String status) {
    long now = db.clock().millis();
    String set = signers.stream().map(String::valueOf).collect(Collectors.joining(","));
    db.inTransaction(
        c ->
            update(
                "INSERT INTO signing_sessions VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_id)"
                    + " DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
                sessionId.toArray(),
                requestId.toArray(),
                set,
                status,
                now,
                now));
  }

  public List<SigningSession> sessionsOf(Bytes requestId) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT session_id, signer_set, status, created_at, updated_at"
                      + " FROM signing_sessions WHERE request_id = ? ORDER BY created_at")) {
            ps.setBytes(1, requestId.toArray());
            List<SigningSession> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                SortedSet<Integer> signers = new TreeSet<>();
                String set = rs.getString(2);
                if (!set.isEmpty()) {
                  Arrays.stream(set.split(",")).map(Integer::valueOf).forEach(signers::add);
                }
                out.add(
                    new SigningSession(
                        Bytes.of(rs.getBytes(1)),
                        requestId,
                        signers,
                        rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4)),
                        Instant.ofEpochMilli(rs.getLong(5))));
              }
            }
            return out;
          }
        });
  }

  // ---- peer statistics ----

  public void recordResponse(int peerId, long responseMs) {
    if (responseMs < 0) {
      throw new IllegalArgumentException("response time must not be negative");
    }
    addPeerStats(Map.of(peerId, new PeerDelta(1, responseMs, responseMs, 0, 0)));
  }

  public void recordTimeout(int peerId) {
    addPeerStats(Map.of(peerId, new PeerDelta(0, 0, 0, 1, 0)));
  }

  public void recordInvalidMessage(int peerId) {
    addPeerStats(Map.of(peerId, new PeerDelta(0, 0, 0, 0, 1)));
  }

  public PeerStatsRow peerStats(int peerId) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT responses, response_ms_sum, response_ms_max, timeouts, invalid_messages"
                      + " FROM peer_stats WHERE peer_id = ?")) {
            ps.setInt(1, peerId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return new PeerStatsRow(peerId, 0, 0, 0, 0, 0);
              }
              return new PeerStatsRow(
                  peerId,
                  rs.getLong(1),
                  rs.getLong(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  rs.getLong(5));
            }
          }
        });
  }

  /** Counts to add to one peer's statistics. */
  public record PeerDelta(
      long responses, long responseMsSum, long responseMsMax, long timeouts, long invalidMessages) {
    public static final PeerDelta NONE = new PeerDelta(0, 0, 0, 0, 0);

    public PeerDelta {
      if (responses < 0
          || responseMsSum < 0
          || responseMsMax < 0
          || timeouts < 0
          || invalidMessages < 0) {
        throw new IllegalArgumentException("peer statistics must not be negative");
      }
    }

    public PeerDelta plus(PeerDelta o) {
      return new PeerDelta(
          responses + o.responses,
          responseMsSum + o.responseMsSum,
          Math.max(responseMsMax, o.responseMsMax),
          timeouts + o.timeouts,
          invalidMessages + o.invalidMessages);
    }
  }

  /**
   * Adds every peer's counts in one commit that does not wait for the disk ({@link
   * StateDatabase#inRelaxedTransaction}): statistics lost in a power cut are harmless, a sync per
   * batch is not free.
   */
  public void addPeerStats(Map<Integer, PeerDelta> deltas) {
    if (deltas.isEmpty()) {
      return;
    }
    long now = db.clock().millis();
    db.inRelaxedTransaction(
        c -> {
          for (Map.Entry<Integer, PeerDelta> e : deltas.entrySet()) {
            PeerDelta d = e.getValue();
            update(
                "INSERT INTO peer_stats (peer_id, updated_at) VALUES (?, ?)"
                    + " ON CONFLICT (peer_id) DO NOTHING",
                e.getKey(),
                now);
            update(
                "UPDATE peer_stats SET responses = responses + ?,"
                    + " response_ms_sum = response_ms_sum + ?,"
                    + " response_ms_max = MAX(response_ms_max, ?), timeouts = timeouts + ?,"
                    + " invalid_messages = invalid_messages + ?, updated_at = ? WHERE peer_id = ?",
                d.responses(),
                d.responseMsSum(),
                d.responseMsMax(),
                d.timeouts(),
                d.invalidMessages(),
                now,
                e.getKey());
          }
          return null;
        });
  }

  private Void update(String sql, Object... params) throws SQLException {
    PreparedStatement ps = db.statement(sql);
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
    ps.executeUpdate();
    return null;
  }
}
