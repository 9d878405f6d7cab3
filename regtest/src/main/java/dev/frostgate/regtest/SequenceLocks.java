package dev.frostgate.regtest;

import fr.acinq.bitcoin.Transaction;
import java.util.List;
import java.util.Optional;

/**
 * BIP68 relative lock-times (Core's {@code CalculateSequenceLocks} / {@code
 * EvaluateSequenceLocks}).
 */
final class SequenceLocks {
  private static final long DISABLE = 1L << 31;
  private static final long TYPE_TIME = 1L << 22;
  private static final long MASK = 0xffff;

  private SequenceLocks() {}

  /**
   * Checks the locks of {@code tx} for inclusion in the block after {@code prev}. Coins with {@link
   * Coin#MEMPOOL_HEIGHT} count as created in that block.
   */
  static Optional<Reject> check(
      Transaction tx, List<Coin> coins, ChainState.BlockIndex prev, ChainState chain) {
    if (tx.version < 2) {
      return Optional.empty();
    }
    int blockHeight = prev.height + 1;
    long minHeight = -1;
    long minTime = -1;
    for (int i = 0; i < tx.txIn.size(); i++) {
      long seq = tx.txIn.get(i).sequence;
      if ((seq & DISABLE) != 0) {
        continue;
      }
      int coinHeight =
          coins.get(i).height() == Coin.MEMPOOL_HEIGHT ? blockHeight : coins.get(i).height();
      if ((seq & TYPE_TIME) != 0) {
        ChainState.BlockIndex base = ChainState.ancestor(prev, Math.max(coinHeight - 1, 0));
        long coinTime = ChainState.medianTimePast(base);
        minTime = Math.max(minTime, coinTime + ((seq & MASK) << 9) - 1);
      } else {
        minHeight = Math.max(minHeight, coinHeight + (seq & MASK) - 1);
      }
    }
    if (minHeight >= blockHeight || minTime >= ChainState.medianTimePast(prev)) {
      return Optional.of(Reject.policy("non-BIP68-final"));
    }
    return Optional.empty();
  }
}
