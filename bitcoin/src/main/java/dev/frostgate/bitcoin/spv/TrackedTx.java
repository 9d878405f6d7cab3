package dev.frostgate.bitcoin.spv;

import fr.acinq.bitcoin.TxId;
import java.util.Objects;

/** A confirmed transaction the validator cares about, and the block it was confirmed in. */
public record TrackedTx(TxId txid, Kind kind, BlockRef block) {

  /** Why the transaction is tracked. */
  public enum Kind {
    /** A deposit to one of the group's deposit addresses. */
    DEPOSIT,
    /** A transaction the group signed. */
    SPEND
  }

  public TrackedTx {
    Objects.requireNonNull(txid, "txid");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(block, "block");
  }

  /** Confirmations with the tip at {@code tipHeight} (1 when in the tip block). */
  public int confirmationsAt(int tipHeight) {
    return tipHeight - block.height() + 1;
  }
}
