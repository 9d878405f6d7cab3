package dev.frostgate.engine.wire;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Counts inbound messages per transport peer; {@link #snapshot()} gives an immutable copy. */
public final class PeerStatsRecorder {
  private static final class Counts {
    long accepted;
    final EnumMap<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
  }

  private final Map<Integer, Counts> peers = new HashMap<>();

  public synchronized void accepted(int peer) {
    peers.computeIfAbsent(peer, p -> new Counts()).accepted++;
  }

  public synchronized void rejected(int peer, RejectReason reason) {
    Objects.requireNonNull(reason, "reason");
    peers.computeIfAbsent(peer, p -> new Counts()).rejected.merge(reason, 1L, Long::sum);
  }

  /** Records the outcome of one message from {@code peer}. */
  public void record(int peer, Decoded<?> result) {
    if (result instanceof Decoded.Rejected<?> r) {
      rejected(peer, r.reason());
    } else {
      accepted(peer);
    }
  }

  public synchronized PeerStats snapshot() {
    Map<Integer, PeerStats.PeerCounts> m = new HashMap<>();
    peers.forEach((p, c) -> m.put(p, new PeerStats.PeerCounts(c.accepted, c.rejected)));
    return new PeerStats(m);
  }
}
