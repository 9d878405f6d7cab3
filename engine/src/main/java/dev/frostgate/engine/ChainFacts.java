package dev.frostgate.engine;

import dev.frostgate.bitcoin.spend.Branch;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import java.util.Optional;

/** What this validator knows about Bitcoin: the group's coins and their confirmations. */
public interface ChainFacts {
  /**
   * A coin the group owns, as seen on chain (named apart from a UTXO set's coins: this one carries
   * the key path that spends it).
   */
  record OwnedCoin(
      OutPoint outpoint, Satoshi amount, Branch branch, long index, int confirmations) {}

  /** The coin at {@code outpoint} if it is one of the group's unspent coins. */
  Optional<OwnedCoin> coin(OutPoint outpoint);
}
