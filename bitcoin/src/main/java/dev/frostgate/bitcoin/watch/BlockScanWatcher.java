package dev.frostgate.bitcoin.watch;

import dev.frostgate.bitcoin.spv.BlockRef;
import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.OutPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Watches deposit addresses by reading every new block from a {@link BlockSource} ({@code
 * getblockhash}, {@code getblock <hash> 0} over RPC) and matching its outputs against the derived
 * deposit scripts ({@link BlockScanner}). Needs no wallet on the node.
 */
public final class BlockScanWatcher implements DepositWatcher {
  private final BlockSource chain;
  private final DepositScripts scripts;
  private long nextHeight;
  private final Map<OutPoint, Deposit> seen = new HashMap<>();

  /**
   * @param fromHeight the first block height to scan (deposits below it are not reported)
   */
  public BlockScanWatcher(BlockSource chain, DepositScripts scripts, long fromHeight) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.scripts = Objects.requireNonNull(scripts, "scripts");
    if (fromHeight < 0) {
      throw new IllegalArgumentException("fromHeight must not be negative: " + fromHeight);
    }
    this.nextHeight = fromHeight;
  }

  @Override
  public DepositScripts scripts() {
    return scripts;
  }

  /** The next height {@link #poll} reads. */
  public long nextHeight() {
    return nextHeight;
  }

  @Override
  public List<Deposit> poll() {
    long tip = chain.tipHeight();
    List<Deposit> found = new ArrayList<>();
    for (long h = nextHeight; h <= tip; h++) {
      BlockHash hash = chain.hashAt(h);
      Block block = chain.block(hash);
      for (Deposit d : BlockScanner.scan(block, new BlockRef(Math.toIntExact(h), hash), scripts)) {
        if (seen.putIfAbsent(d.outPoint(), d) == null) {
          found.add(d);
        }
      }
    }
    nextHeight = Math.max(nextHeight, tip + 1);
    return found;
  }

  @Override
  public void rewind(BlockRef forkPoint) {
    seen.values().removeIf(d -> d.block().height() > forkPoint.height());
    nextHeight = Math.min(nextHeight, forkPoint.height() + 1L);
  }
}
