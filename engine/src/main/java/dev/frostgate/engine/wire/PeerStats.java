package dev.frostgate.engine.wire;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of inbound message counts per transport peer: accepted, and rejected by
 * reason. Produced by {@link PeerStatsRecorder#snapshot()}.
 */
public record PeerStats(Map<Integer, PeerCounts> peers) {

  /** Counts of one peer. */
  public record PeerCounts(long accepted, Map<RejectReason, Long> rejected) {
    public static final PeerCounts NONE = new PeerCounts(0, Map.of());

    public PeerCounts {
      rejected = Collections.unmodifiableMap(copy(rejected));
    }

    private static EnumMap<RejectReason, Long> copy(Map<RejectReason, Long> m) {
      EnumMap<RejectReason, Long> c = new EnumMap<>(RejectReason.class);
      m.forEach(
          (k, v) -> {
            if (v > 0) {
              c.put(k, v);
            }
          });
      return c;
    }

    public long rejected(RejectReason reason) {
      return rejected.getOrDefault(reason, 0L);
    }

    public long totalRejected() {
      return rejected.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  public PeerStats {
    peers = Collections.unmodifiableMap(new TreeMap<>(peers));
  }

  /** The counts of one peer (zeros if it never sent anything). */
  public PeerCounts peer(int peer) {
    return peers.getOrDefault(peer, PeerCounts.NONE);
  }

  public long rejected(int peer, RejectReason reason) {
    return peer(peer).rejected(reason);
  }

  public long accepted(int peer) {
    return peer(peer).accepted();
  }
}
