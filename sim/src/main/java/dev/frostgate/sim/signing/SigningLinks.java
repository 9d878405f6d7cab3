package dev.frostgate.sim.signing;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.sim.core.Network;
import dev.frostgate.sim.core.SimClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The signing simulation's network faults: loss and the current partition while the chaos lasts
 * (loss drawn first), a delay, a duplicate, and replays of messages seen before ({@link
 * SigningFault#REPLAY}). The draws, in this order, are the seeds' own: loss and duplication are
 * drawn even where the scenario's rate is 0.
 */
final class SigningLinks implements Network.LinkFaults<SigningSimulation.Envelope> {
  private static final int HISTORY = 4096;

  private final SigningScenario scenario;
  private final SimClock clock;
  private final List<SigningSimulation.Envelope> history = new ArrayList<>();
  private Set<Identifier> partition; // one side of the current partition, or null

  SigningLinks(SigningScenario scenario, SimClock clock) {
    this.scenario = scenario;
    this.clock = clock;
  }

  /** Cuts {@code side} off from the rest (null: the partition heals). */
  void partition(Set<Identifier> side) {
    partition = side;
  }

  @Override
  public boolean drops(SigningSimulation.Envelope e, SplittableRandom rnd) {
    if (clock.now() < scenario.chaosEnd()) {
      if (rnd.nextDouble() < scenario.loss()) {
        return true;
      }
      return partition != null && partition.contains(e.signer()) != partition.contains(e.to());
    }
    return false;
  }

  @Override
  public long delay(SigningSimulation.Envelope e, SplittableRandom rnd) {
    return 1 + rnd.nextInt(scenario.maxDelay());
  }

  @Override
  public OptionalLong duplicate(SigningSimulation.Envelope e, SplittableRandom rnd) {
    return rnd.nextDouble() < scenario.duplication()
        ? OptionalLong.of(1 + rnd.nextInt(scenario.maxDelay() * 3))
        : OptionalLong.empty();
  }

  /** Remembers {@code e} (a bounded sample of the traffic) and maybe replays one remembered. */
  @Override
  public Optional<Network.Replay<SigningSimulation.Envelope>> replay(
      SigningSimulation.Envelope e, SplittableRandom rnd) {
    if (scenario.replay() <= 0) {
      return Optional.empty();
    }
    if (history.size() < HISTORY) {
      history.add(e);
    } else {
      history.set(rnd.nextInt(history.size()), e);
    }
    if (rnd.nextDouble() < scenario.replay()) {
      SigningSimulation.Envelope old = history.get(rnd.nextInt(history.size()));
      return Optional.of(new Network.Replay<>(old, 1 + rnd.nextInt(1000)));
    }
    return Optional.empty();
  }
}
