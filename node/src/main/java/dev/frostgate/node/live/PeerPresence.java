package dev.frostgate.node.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which validators this one sees online, since when, and for what share of the time it has been
 * watching (the dashboard's uptime and last seen; spec 12.1). Fed with the connected peer set on
 * each look ({@link #update}); returns the {@code network_event}s of what changed. This validator
 * itself is always online. Synchronized: a watcher thread writes, the API and the event loop read.
 */
public final class PeerPresence {
  /** One validator's line on the dashboard. */
  public record Row(
      int id,
      boolean self,
      boolean online,
      Optional<String> excluded,
      double uptime,
      Optional<Instant> lastSeen) {}

  private static final class State {
    boolean online;
    Instant onlineSince;
    Duration onlineBefore = Duration.ZERO;
    Instant lastSeen;
    String excluded;
  }

  private final int self;
  private final Instant watchingSince;
  private final Map<Integer, State> states = new TreeMap<>();

  /**
   * @param validators every validator's id, this one's included
   */
  public PeerPresence(int self, Set<Integer> validators, Instant now) {
    if (!validators.contains(self)) {
      throw new IllegalArgumentException("validator " + self + " is not among " + validators);
    }
    this.self = self;
    this.watchingSince = now;
    for (int id : validators) {
      states.put(id, new State());
    }
    update(Set.of(), now);
  }

  /** Applies the set of peers connected now; the events of those that came or went. */
  public synchronized List<LiveEvent> update(Set<Integer> connected, Instant now) {
    List<LiveEvent> changes = new ArrayList<>();
    states.forEach(
        (id, s) -> {
          boolean online = id == self || connected.contains(id);
          if (online) {
            s.lastSeen = now;
          }
          if (online != s.online) {
            if (online) {
              s.onlineSince = now;
            } else {
              s.onlineBefore = s.onlineBefore.plus(Duration.between(s.onlineSince, now));
            }
            s.online = online;
            if (id != self) {
              changes.add(networkEvent(id, online ? "connected" : "disconnected", now, null));
            }
          }
        });
    return changes;
  }

  /** Records that {@code id} was excluded (DKG or signing evidence); its event. */
  public synchronized Optional<LiveEvent> excluded(int id, String reason, Instant now) {
    State s = states.get(id);
    if (s == null) {
      return Optional.empty();
    }
    s.excluded = reason;
    return Optional.of(networkEvent(id, "excluded", now, reason));
  }

  /** Every validator's line, by id. */
  public synchronized List<Row> rows(Instant now) {
    Duration watched = Duration.between(watchingSince, now);
    List<Row> rows = new ArrayList<>();
    states.forEach(
        (id, s) -> {
          Duration up =
              s.online ? s.onlineBefore.plus(Duration.between(s.onlineSince, now)) : s.onlineBefore;
          double uptime = watched.isZero() ? (s.online ? 1 : 0) : ratio(up, watched);
          rows.add(
              new Row(
                  id,
                  id == self,
                  s.online,
                  Optional.ofNullable(s.excluded),
                  uptime,
                  Optional.ofNullable(s.lastSeen)));
        });
    return rows;
  }

  private static double ratio(Duration part, Duration whole) {
    return Math.min(1.0, (double) part.toMillis() / Math.max(1, whole.toMillis()));
  }

  private static LiveEvent networkEvent(int peer, String status, Instant now, String reason) {
    Map<String, Object> f = new java.util.LinkedHashMap<>();
    f.put("peer_id", peer);
    f.put("status", status);
    if (reason != null) {
      f.put("reason", reason);
    }
    return new LiveEvent(Topic.NETWORK, "network_event", now, f);
  }
}
