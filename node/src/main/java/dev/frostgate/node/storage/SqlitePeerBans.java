package dev.frostgate.node.storage;

import dev.frostgate.node.transport.Offense;
import dev.frostgate.node.transport.PeerBans;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The transport's peer bans in the state database (table {@code peer_bans}, migration V6), so a
 * peer banned before a restart is still refused after it. A ban is one small durable commit; bans
 * are rare (a peer past the score threshold), so the cost does not matter.
 */
public final class SqlitePeerBans implements PeerBans {
  private final StateDatabase db;

  SqlitePeerBans(StateDatabase db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * {@inheritDoc}
   *
   * @throws StorageException if a row is not a valid ban (naming the file, table, peer and field)
   */
  @Override
  public Map<Integer, Ban> load(Instant now) {
    return db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM peer_bans WHERE banned_until <= ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.executeUpdate();
          }
          Map<Integer, Ban> bans = new HashMap<>();
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT peer_id, banned_until, offense FROM peer_bans");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              int peer = rs.getInt(1);
              bans.put(peer, new Ban(Instant.ofEpochMilli(rs.getLong(2)), offense(peer, rs)));
            }
          }
          return Map.copyOf(bans);
        });
  }

  private Offense offense(int peer, ResultSet rs) throws java.sql.SQLException {
    String name = rs.getString(3);
    try {
      return Offense.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new StorageException(
          db.file()
              + ": peer_bans row of peer "
              + peer
              + ": offense is not one this version knows ("
              + Offense.class.getSimpleName()
              + ")");
    }
  }

  @Override
  public void save(int peer, Ban ban) {
    if (peer <= 0) {
      throw new IllegalArgumentException("peer must be positive, got " + peer);
    }
    db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO peer_bans (peer_id, banned_until, offense) VALUES (?, ?, ?)"
                      + " ON CONFLICT (peer_id) DO UPDATE SET banned_until = excluded.banned_until,"
                      + " offense = excluded.offense")) {
            ps.setInt(1, peer);
            ps.setLong(2, ban.until().toEpochMilli());
            ps.setString(3, ban.offense().name());
            return ps.executeUpdate();
          }
        });
  }
}
