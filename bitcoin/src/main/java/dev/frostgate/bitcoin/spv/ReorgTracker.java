package dev.frostgate.bitcoin.spv;

import dev.frostgate.bitcoin.spv.SpvException.Reason;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.BlockHeader;
import fr.acinq.bitcoin.TxId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Remembers the hashes of the last {@code window} blocks of the best chain and the tracked
 * confirmed transactions, and turns each new tip into a {@link ReorgReport}. Immutable: {@link
 * #onNewTip} returns the next tracker with the report. The only I/O is the {@link HeaderSource}
 * passed in.
 *
 * <p>On a new tip the tracker walks back from it by previous-block hash until it meets a remembered
 * block at the same height with the same hash: that is the fork point. Remembered blocks above it
 * were disconnected. If the walk goes below the oldest remembered block, the reorg is deeper than
 * the window and {@code REORG_TOO_DEEP} is thrown: the caller must rescan (for example with {@link
 * #create} and tracking again).
 */
public final class ReorgTracker {

  private final int window;
  private final NavigableMap<Integer, BlockHash> recent;
  private final Map<TxId, TrackedTx> tracked;

  /** A tracker and the report of the tip change that produced it. */
  public record Update(ReorgTracker tracker, ReorgReport report) {
    public Update {
      Objects.requireNonNull(tracker, "tracker");
      Objects.requireNonNull(report, "report");
    }
  }

  private ReorgTracker(
      int window, NavigableMap<Integer, BlockHash> recent, Map<TxId, TrackedTx> tracked) {
    this.window = window;
    this.recent = Collections.unmodifiableNavigableMap(new TreeMap<>(recent));
    this.tracked = Collections.unmodifiableMap(new LinkedHashMap<>(tracked));
  }

  /** An empty tracker remembering up to {@code window} blocks (at least 2). */
  public static ReorgTracker create(int window) {
    if (window < 2) {
      throw new IllegalArgumentException("window must be >= 2: " + window);
    }
    return new ReorgTracker(window, new TreeMap<>(), Map.of());
  }

  public int window() {
    return window;
  }

  /** Remembered block hashes by height (the best chain as last seen). */
  public NavigableMap<Integer, BlockHash> recent() {
    return recent;
  }

  public Optional<BlockRef> tip() {
    return recent.isEmpty()
        ? Optional.empty()
        : Optional.of(new BlockRef(recent.lastKey(), recent.lastEntry().getValue()));
  }

  public Map<TxId, TrackedTx> tracked() {
    return tracked;
  }

  /** Confirmations of a tracked transaction at the current tip. */
  public Optional<Integer> confirmations(TxId txid) {
    TrackedTx t = tracked.get(txid);
    return t == null || recent.isEmpty()
        ? Optional.empty()
        : Optional.of(t.confirmationsAt(recent.lastKey()));
  }

  /**
   * Starts tracking a transaction confirmed in {@code block}. The block must be the remembered
   * block at its height; a block older than the window is accepted unchecked (a reorg that deep is
   * reported as {@code REORG_TOO_DEEP} anyway).
   *
   * @throws SpvException UNKNOWN_BLOCK if the block is above the tip or not the remembered one
   */
  public ReorgTracker track(TxId txid, TrackedTx.Kind kind, BlockRef block) {
    TrackedTx t = new TrackedTx(txid, kind, block);
    if (recent.isEmpty()) {
      throw new SpvException(Reason.UNKNOWN_BLOCK, "no tip yet: call onNewTip first");
    }
    if (block.height() > recent.lastKey()) {
      throw new SpvException(
          Reason.UNKNOWN_BLOCK,
          "block " + block + " is above the tip " + tip().orElseThrow() + " for " + txid);
    }
    BlockHash known = recent.get(block.height());
    if (known != null && !known.equals(block.hash())) {
      throw new SpvException(
          Reason.UNKNOWN_BLOCK,
          "block "
              + block
              + " is not in the best chain (which has "
              + new BlockRef(block.height(), known)
              + ") for "
              + txid);
    }
    Map<TxId, TrackedTx> next = new LinkedHashMap<>(tracked);
    next.put(txid, t);
    return new ReorgTracker(window, recent, next);
  }

  /** Stops tracking a transaction (no-op if it was not tracked). */
  public ReorgTracker untrack(TxId txid) {
    if (!tracked.containsKey(txid)) {
      return this;
    }
    Map<TxId, TrackedTx> next = new LinkedHashMap<>(tracked);
    next.remove(txid);
    return new ReorgTracker(window, recent, next);
  }

  /**
   * Moves to a new best tip.
   *
   * @param height the new tip's height
   * @param hash the new tip's hash
   * @param headers looks up headers by hash on the new chain
   * @throws SpvException REORG_TOO_DEEP if the fork point is below the remembered window;
   *     HEADER_SOURCE_INCONSISTENT if a header is missing or is not the one asked for
   */
  public Update onNewTip(int height, BlockHash hash, HeaderSource headers) {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(headers, "headers");
    BlockRef newTip = new BlockRef(height, hash);
    Optional<BlockRef> oldTip = tip();

    // Walk back from the new tip, collecting the new chain until it meets the remembered one.
    Map<Integer, BlockHash> newChain = new HashMap<>();
    Optional<BlockRef> fork = Optional.empty();
    int lowestNeeded = Math.max(0, height - window + 1); // when starting empty: fill the window
    int h = height;
    BlockHash cur = hash;
    while (true) {
      if (!recent.isEmpty()) {
        BlockHash known = recent.get(h);
        if (known != null && known.equals(cur)) {
          fork = Optional.of(new BlockRef(h, cur));
          break;
        }
        if (h < recent.firstKey()) {
          throw new SpvException(
              Reason.REORG_TOO_DEEP,
              "new tip "
                  + newTip
                  + " forks from the remembered chain below height "
                  + recent.firstKey()
                  + " (window "
                  + window
                  + ", old tip "
                  + oldTip.orElseThrow()
                  + "): rescan needed");
        }
      }
      newChain.put(h, cur);
      if (h == 0 || (recent.isEmpty() && h <= lowestNeeded)) {
        break;
      }
      BlockHash asked = cur;
      BlockHeader header =
          headers
              .header(asked)
              .orElseThrow(
                  () ->
                      new SpvException(
                          Reason.HEADER_SOURCE_INCONSISTENT, "no header for " + asked));
      if (!header.hash.equals(cur)) {
        throw new SpvException(
            Reason.HEADER_SOURCE_INCONSISTENT,
            "asked for header " + cur + ", got one hashing to " + header.hash);
      }
      cur = header.hashPreviousBlock;
      h--;
    }
    if (!recent.isEmpty() && fork.isEmpty()) {
      // Walked to genesis without meeting the remembered chain: a different chain altogether.
      throw new SpvException(
          Reason.REORG_TOO_DEEP,
          "new tip " + newTip + " shares no remembered block: rescan needed");
    }

    int forkHeight = fork.map(BlockRef::height).orElse(-1);
    List<BlockRef> disconnectedBlocks = new ArrayList<>();
    TreeMap<Integer, BlockHash> next = new TreeMap<>(recent.headMap(forkHeight, true));
    for (Map.Entry<Integer, BlockHash> e : recent.tailMap(forkHeight, false).entrySet()) {
      disconnectedBlocks.add(new BlockRef(e.getKey(), e.getValue()));
    }
    List<BlockRef> connectedBlocks = new ArrayList<>();
    for (int i = forkHeight + 1; i <= height; i++) {
      BlockHash b = newChain.get(i);
      if (b != null) {
        connectedBlocks.add(new BlockRef(i, b));
        next.put(i, b);
      }
    }
    while (!next.isEmpty() && next.firstKey() <= height - window) {
      next.pollFirstEntry();
    }

    List<TrackedTx> disconnected = new ArrayList<>();
    List<ReorgReport.DepthChange> depthChanges = new ArrayList<>();
    Map<TxId, TrackedTx> stillTracked = new LinkedHashMap<>();
    for (TrackedTx t : tracked.values()) {
      if (t.block().height() > forkHeight && fork.isPresent()) {
        disconnected.add(t);
        continue;
      }
      stillTracked.put(t.txid(), t);
      if (oldTip.isPresent()) {
        int before = t.confirmationsAt(oldTip.get().height());
        int after = t.confirmationsAt(height);
        if (before != after) {
          depthChanges.add(new ReorgReport.DepthChange(t, before, after));
        }
      }
    }
    ReorgReport report =
        new ReorgReport(
            oldTip, newTip, fork, disconnectedBlocks, connectedBlocks, disconnected, depthChanges);
    return new Update(new ReorgTracker(window, next, stillTracked), report);
  }
}
