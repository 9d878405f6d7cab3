package dev.frostgate.testkit.engine;

import dev.frostgate.engine.ChainFacts;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.TxId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Chain facts from maps (tests, simulation): coins, and a toy chain where a transaction is mined at
 * a height ({@link #mine}) and buried as the tip grows ({@link #advance}).
 */
public final class InMemoryChainFacts implements ChainFacts {
  private final Map<OutPoint, OwnedCoin> coins = new LinkedHashMap<>();
  private final Map<TxId, Long> minedAt = new LinkedHashMap<>();
  private final Map<OutPoint, TxId> spentBy = new LinkedHashMap<>();
  private long tip;

  public InMemoryChainFacts add(OwnedCoin c) {
    coins.put(c.outpoint(), c);
    return this;
  }

  /** Adds {@code blocks} empty blocks on top of the tip. */
  public InMemoryChainFacts advance(int blocks) {
    if (blocks < 0) {
      throw new IllegalArgumentException("blocks must not be negative");
    }
    tip += blocks;
    return this;
  }

  /**
   * Mines {@code tx}, spending {@code inputs}, in a new block on top of the tip (the spent coins
   * leave the group's unspent set).
   */
  public InMemoryChainFacts mine(TxId tx, Iterable<OutPoint> inputs) {
    tip += 1;
    minedAt.put(tx, tip);
    for (OutPoint o : inputs) {
      spentBy.put(o, tx);
      coins.remove(o);
    }
    return this;
  }

  @Override
  public Optional<OwnedCoin> coin(OutPoint outpoint) {
    return Optional.ofNullable(coins.get(outpoint));
  }

  @Override
  public int confirmations(TxId tx) {
    Long h = minedAt.get(tx);
    return h == null ? 0 : Math.toIntExact(tip - h + 1);
  }

  @Override
  public Optional<Spender> spender(OutPoint outpoint) {
    TxId tx = spentBy.get(outpoint);
    return tx == null ? Optional.empty() : Optional.of(new Spender(tx, confirmations(tx)));
  }

  @Override
  public long tipHeight() {
    return tip;
  }
}
