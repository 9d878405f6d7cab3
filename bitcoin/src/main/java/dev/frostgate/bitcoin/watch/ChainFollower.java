package dev.frostgate.bitcoin.watch;

import dev.frostgate.bitcoin.spv.ReorgTracker;
import fr.acinq.bitcoin.BlockHash;

/** Moves a {@link ReorgTracker} to a node's current tip, read through a {@link BlockSource}. */
public final class ChainFollower {
  private ChainFollower() {}

  /** Reads the source's tip and moves the tracker there, with the report of what changed. */
  public static ReorgTracker.Update advance(ReorgTracker tracker, BlockSource chain) {
    long height = chain.tipHeight();
    BlockHash hash = chain.hashAt(height);
    return tracker.onNewTip(Math.toIntExact(height), hash, chain);
  }
}
