package dev.frostgate.testkit.engine;

import dev.frostgate.engine.ChainFacts;
import fr.acinq.bitcoin.OutPoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Chain facts from a map (tests, simulation). */
public final class InMemoryChainFacts implements ChainFacts {
  private final Map<OutPoint, OwnedCoin> coins = new LinkedHashMap<>();

  public InMemoryChainFacts add(OwnedCoin c) {
    coins.put(c.outpoint(), c);
    return this;
  }

  @Override
  public Optional<OwnedCoin> coin(OutPoint outpoint) {
    return Optional.ofNullable(coins.get(outpoint));
  }
}
