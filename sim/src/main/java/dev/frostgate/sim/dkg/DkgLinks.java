package dev.frostgate.sim.dkg;

import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.sim.core.Network;
import dev.frostgate.sim.core.SimClock;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * The DKG simulation's network faults: loss, the scenario's one partition during its window, a
 * delay (plus {@link DkgScenario#ROUND2_DELAY} for the share-leak attack's round-2 messages), a
 * duplicate. A fault the scenario does not have draws nothing, as the seeds always did.
 */
final class DkgLinks implements Network.LinkFaults<DkgSimulation.Deliver> {
  private final DkgScenario scenario;
  private final SimClock clock;

  DkgLinks(DkgScenario scenario, SimClock clock) {
    this.scenario = scenario;
    this.clock = clock;
  }

  @Override
  public boolean drops(DkgSimulation.Deliver d, SplittableRandom rnd) {
    if (scenario.loss() > 0 && rnd.nextDouble() < scenario.loss()) {
      return true;
    }
    if (scenario.partition().isPresent()) {
      DkgScenario.Partition p = scenario.partition().get();
      long now = clock.now();
      return now >= p.from()
          && now < p.until()
          && p.side().contains(d.from()) != p.side().contains(d.to());
    }
    return false;
  }

  /**
   * The share-leak attack delays each dealer's own round-2 sends to its receiver (which then asks
   * in public); answers and relays travel normally, as the DKG's timing assumes.
   */
  @Override
  public long delay(DkgSimulation.Deliver d, SplittableRandom rnd) {
    long late =
        d.message() instanceof DkgMessage.Round2 r
                && d.from().equals(r.dealer())
                && d.to().equals(r.receiver())
                && scenario.round2Delayed().contains(d.to())
            ? DkgScenario.ROUND2_DELAY
            : 0;
    return late + 1 + rnd.nextInt(scenario.maxDelay());
  }

  @Override
  public OptionalLong duplicate(DkgSimulation.Deliver d, SplittableRandom rnd) {
    return scenario.duplication() > 0 && rnd.nextDouble() < scenario.duplication()
        ? OptionalLong.of(1 + rnd.nextInt(scenario.maxDelay() * 3))
        : OptionalLong.empty();
  }
}
