package dev.frostgate.node.transport;

import java.time.Instant;
import java.util.Map;

/**
 * Where {@link PeerGuard} keeps its bans so that they survive a restart (the state database in a
 * validator: {@code node.storage.SqlitePeerBans}; nothing in tests that do not restart).
 */
public interface PeerBans {

  /** A ban: until when, and the offense that tipped the score. */
  record Ban(Instant until, Offense offense) {
    public Ban {
      java.util.Objects.requireNonNull(until, "until");
      java.util.Objects.requireNonNull(offense, "offense");
    }
  }

  /** The bans still running at {@code now}, by peer; a ban that has ended is dropped. */
  Map<Integer, Ban> load(Instant now);

  /** Records that {@code peer} is banned (replacing an earlier ban of the same peer). */
  void save(int peer, Ban ban);

  /** Bans kept in memory only: a restart forgets them. */
  static PeerBans inMemory() {
    return new PeerBans() {
      private final Map<Integer, Ban> bans = new java.util.HashMap<>();

      @Override
      public synchronized Map<Integer, Ban> load(Instant now) {
        bans.values().removeIf(b -> !now.isBefore(b.until()));
        return Map.copyOf(bans);
      }

      @Override
      public synchronized void save(int peer, Ban ban) {
        bans.put(peer, ban);
      }
    };
  }
}
