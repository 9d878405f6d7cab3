package dev.frostgate.bitcoin.spv;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What changed when the tip moved.
 *
 * @param oldTip the tip before (empty on the first tip)
 * @param newTip the tip now
 * @param forkPoint the last block shared by the old and new chains (empty on the first tip); equal
 *     to {@code oldTip} for a plain extension
 * @param disconnectedBlocks blocks of the old chain above the fork point, lowest first
 * @param connectedBlocks blocks of the new chain above the fork point, lowest first
 * @param disconnected tracked transactions whose block was disconnected; the tracker forgets them
 *     (track them again once found in the new chain)
 * @param depthChanges tracked transactions still confirmed whose confirmation count changed
 */
public record ReorgReport(
    Optional<BlockRef> oldTip,
    BlockRef newTip,
    Optional<BlockRef> forkPoint,
    List<BlockRef> disconnectedBlocks,
    List<BlockRef> connectedBlocks,
    List<TrackedTx> disconnected,
    List<DepthChange> depthChanges) {

  /** A tracked transaction's confirmations before and after. */
  public record DepthChange(TrackedTx tx, int oldConfirmations, int newConfirmations) {
    public DepthChange {
      Objects.requireNonNull(tx, "tx");
    }
  }

  public ReorgReport {
    Objects.requireNonNull(oldTip, "oldTip");
    Objects.requireNonNull(newTip, "newTip");
    Objects.requireNonNull(forkPoint, "forkPoint");
    disconnectedBlocks = List.copyOf(disconnectedBlocks);
    connectedBlocks = List.copyOf(connectedBlocks);
    disconnected = List.copyOf(disconnected);
    depthChanges = List.copyOf(depthChanges);
  }

  /** True when blocks were disconnected (a reorganization, not just an extension). */
  public boolean isReorg() {
    return !disconnectedBlocks.isEmpty();
  }

  /** Number of blocks disconnected. */
  public int depth() {
    return disconnectedBlocks.size();
  }

  /** True when nothing changed (the same tip again). */
  public boolean isUnchanged() {
    return disconnectedBlocks.isEmpty() && connectedBlocks.isEmpty() && oldTip.isPresent();
  }
}
