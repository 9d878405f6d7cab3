package dev.frostgate.bitcoin.watch;

import dev.frostgate.bitcoin.spv.BlockRef;
import java.util.List;

/** Finds confirmed deposits to the addresses of a {@link DepositScripts}, by asking a node. */
public interface DepositWatcher {
  /**
   * Deposits confirmed since the previous poll (the first poll: since the watcher's start), each
   * output reported once.
   *
   * <p>Throws whatever the node's adapter throws when the node cannot be asked.
   */
  List<Deposit> poll();

  /**
   * After a reorganization with fork point {@code forkPoint}: forgets deposits seen above it, so
   * the next poll reports them again once they are confirmed on the new chain.
   */
  void rewind(BlockRef forkPoint);

  /** The deposit addresses watched. */
  DepositScripts scripts();
}
