package dev.frostgate.sim.dkg;

import dev.frostgate.sim.core.CrashPlan;
import dev.frostgate.sim.core.WriteCrash;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The DKG simulation's crash draws, as the seeds always made them: before a step at the scenario's
 * crash rate, at a store write at its write-crash rate (before or after the write, even odds), and
 * a downtime of 20 ms up to {@link DkgScenario#MAX_DOWNTIME}. A rate of 0 draws nothing.
 */
final class DkgCrashes implements CrashPlan.Draws {
  private final DkgScenario scenario;

  DkgCrashes(DkgScenario scenario) {
    this.scenario = scenario;
  }

  @Override
  public boolean betweenSteps(SplittableRandom rnd) {
    return scenario.crashRate() > 0 && rnd.nextDouble() < scenario.crashRate();
  }

  @Override
  public Optional<WriteCrash.Point> atWrite(SplittableRandom rnd) {
    if (scenario.writeCrashRate() <= 0 || rnd.nextDouble() >= scenario.writeCrashRate()) {
      return Optional.empty();
    }
    return Optional.of(rnd.nextBoolean() ? WriteCrash.Point.BEFORE : WriteCrash.Point.AFTER);
  }

  @Override
  public long downtime(SplittableRandom rnd) {
    return 20 + rnd.nextLong(DkgScenario.MAX_DOWNTIME - 19);
  }
}
