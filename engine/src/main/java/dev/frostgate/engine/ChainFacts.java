package dev.frostgate.engine;

import dev.frostgate.bitcoin.spend.Branch;
import fr.acinq.bitcoin.OutPoint;
import java.util.Optional;

/** What this validator knows about Bitcoin: the group's coins and their confirmations. */
public interface ChainFacts {
  /** A coin the group controls, as seen on chain. */
  record Coin(OutPoint outpoint, long amountSat, Branch branch, long index, int confirmations) {}

  /** The coin at {@code outpoint} if it is one of the group's unspent coins. */
  Optional<Coin> coin(OutPoint outpoint);
}
