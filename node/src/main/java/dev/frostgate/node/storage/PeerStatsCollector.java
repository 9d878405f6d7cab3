package dev.frostgate.node.storage;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.wire.PeerStats;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A validator's per-peer statistics on their way to the state database: response times and timeouts
 * from the engine's coordinator events, invalid messages from the engine's misbehaviour and blame
 * events and from the inbound wire counts (forged, malformed, replayed, stale envelopes). Counts
 * gather in memory and {@link #flush} writes them in one relaxed commit, so the runtime can flush
 * on its tick instead of writing per message. Not thread-safe: the engine's thread owns it.
 */
public final class PeerStatsCollector {
  private final StateStore store;
  private final Map<Integer, StateStore.PeerDelta> pending = new TreeMap<>();
  private PeerStats wireSeen = new PeerStats(Map.of());

  public PeerStatsCollector(StateStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** Counts what an engine event says about a peer (other events are ignored). */
  public void onEvent(EngineEvent e) {
    switch (e) {
      case EngineEvent.PeerAnswered a ->
          add(a.peer(), new StateStore.PeerDelta(1, a.millis(), a.millis(), 0, 0));
      case EngineEvent.PeerSilent s -> add(s.peer(), new StateStore.PeerDelta(0, 0, 0, 1, 0));
      case EngineEvent.Misbehaviour m -> add(m.peer(), new StateStore.PeerDelta(0, 0, 0, 0, 1));
      case EngineEvent.Blamed b -> add(b.accused(), new StateStore.PeerDelta(0, 0, 0, 0, 1));
      default -> {}
    }
  }

  /**
   * Counts the envelopes rejected since the previous call, from the inbound counters' latest
   * snapshot (counters only grow, so the difference is what is new).
   */
  public void onWire(PeerStats snapshot) {
    snapshot
        .peers()
        .forEach(
            (peer, counts) -> {
              long fresh = counts.totalRejected() - wireSeen.peer(peer).totalRejected();
              if (fresh > 0) {
                add(peer, new StateStore.PeerDelta(0, 0, 0, 0, fresh));
              }
            });
    wireSeen = snapshot;
  }

  /** Writes what was gathered since the last flush (one relaxed commit) and starts again. */
  public void flush() {
    if (!pending.isEmpty()) {
      store.addPeerStats(pending);
      pending.clear();
    }
  }

  private void add(Identifier peer, StateStore.PeerDelta d) {
    add((int) peer.smallValue(), d);
  }

  private void add(int peer, StateStore.PeerDelta d) {
    pending.merge(peer, d, StateStore.PeerDelta::plus);
  }
}
