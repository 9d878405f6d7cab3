package dev.frostgate.engine;

import dev.frostgate.bitcoin.spend.Branch;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.util.Objects;
import java.util.Optional;

/**
 * What this validator knows about Bitcoin: the group's coins and their confirmations, and, for the
 * spend-lock lifecycle, how deep a transaction is and who spent a locked coin.
 */
public interface ChainFacts {
  /**
   * A coin the group owns, as seen on chain (named apart from a UTXO set's coins: this one carries
   * the key path that spends it).
   */
  record OwnedCoin(
      OutPoint outpoint, Satoshi amount, Branch branch, long index, int confirmations) {}

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

  /** The coin at {@code outpoint} if it is one of the group's unspent coins. */
  Optional<OwnedCoin> coin(OutPoint outpoint);

  /** How deep {@code tx} is in the best chain: 0 if it is in no block of it (mempool, unknown). */
  int confirmations(TxId tx);

  /** The transaction in the best chain that spends {@code outpoint}, if one does. */
  Optional<Spender> spender(OutPoint outpoint);

  /** The height of the best chain's tip (the block count since genesis). */
  long tipHeight();
}
