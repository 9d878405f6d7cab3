package dev.frostgate.bitcoin.watch;

import dev.frostgate.bitcoin.spv.ReorgTracker;
import dev.frostgate.bitcoin.spv.TrackedTx;
import java.util.List;

/** Feeds deposits into a {@link ReorgTracker}. Pure. */
public final class Deposits {
  private Deposits() {}

  /**
   * The tracker with every deposit's transaction tracked as {@link TrackedTx.Kind#DEPOSIT} in its
   * block (a transaction paying several deposit addresses is tracked once).
   *
   * @throws dev.frostgate.bitcoin.spv.SpvException UNKNOWN_BLOCK if a deposit's block is not the
   *     tracker's block at that height (move the tracker to the node's tip first)
   */
  public static ReorgTracker track(ReorgTracker tracker, List<Deposit> deposits) {
    ReorgTracker t = tracker;
    for (Deposit d : deposits) {
      t = t.track(d.txid(), TrackedTx.Kind.DEPOSIT, d.block());
    }
    return t;
  }
}
