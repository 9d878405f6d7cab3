package dev.frostgate.engine.spendlock;

import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.TxId;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@link LockLifecycle} reads of Bitcoin: how deep a transaction is, who spent a coin, and
 * the tip height. The engine's {@code ChainFacts} port extends it (this package depends on nothing
 * of the engine's).
 */
public interface ChainView {
  /**
   * The confirmed transaction that spends a coin, and its depth (1 = in the tip block).
   *
   * @param confirmations at least 1: an unconfirmed spender is not a chain fact
   */
  record Spender(TxId tx, int confirmations) {
    public Spender {
      Objects.requireNonNull(tx, "tx");
      if (confirmations < 1) {
        throw new IllegalArgumentException("a spender is confirmed, got depth " + confirmations);
      }
    }
  }

  /** How deep {@code tx} is in the best chain: 0 if it is in no block of it (mempool, unknown). */
  int confirmations(TxId tx);

  /** The transaction in the best chain that spends {@code outpoint}, if one does. */
  Optional<Spender> spender(OutPoint outpoint);

  /** The height of the best chain's tip (the block count since genesis). */
  long tipHeight();
}
