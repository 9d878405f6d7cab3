package dev.frostgate.engine;

import dev.frostgate.bitcoin.spend.Branch;
import dev.frostgate.engine.spendlock.ChainView;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import java.util.Optional;

/**
 * What this validator knows about Bitcoin: the group's coins and their confirmations, and (as a
 * {@link ChainView}, for the spend-lock lifecycle) how deep a transaction is and who spent a coin.
 */
public interface ChainFacts extends ChainView {
  /**
   * A coin the group owns, as seen on chain (named apart from a UTXO set's coins: this one carries
   * the key path that spends it).
   */
  record OwnedCoin(
      OutPoint outpoint, Satoshi amount, Branch branch, long index, int confirmations) {}

  /** The coin at {@code outpoint} if it is one of the group's unspent coins. */
  Optional<OwnedCoin> coin(OutPoint outpoint);
}
