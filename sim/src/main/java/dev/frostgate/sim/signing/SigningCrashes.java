package dev.frostgate.sim.signing;

import dev.frostgate.sim.core.CrashPlan;
import dev.frostgate.sim.core.SimClock;
import dev.frostgate.sim.core.WriteCrash;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The signing simulation's crash draws, as the seeds always made them: between steps 1 in 400 with
 * {@link SigningFault#CRASH_RESTART}, at a journal write 1 step in 40 with {@link
 * SigningFault#CRASH_AT_JOURNAL_WRITE} (before the commit 1 in 4, else after it), and a restart 20
 * to 419 ms later, at the end of the chaos at the latest. A fault the scenario does not have draws
 * nothing.
 */
final class SigningCrashes implements CrashPlan.Draws {
  private final SigningScenario scenario;
  private final SimClock clock;

  SigningCrashes(SigningScenario scenario, SimClock clock) {
    this.scenario = scenario;
    this.clock = clock;
  }

  @Override
  public boolean betweenSteps(SplittableRandom rnd) {
    return scenario.faults().contains(SigningFault.CRASH_RESTART) && rnd.nextInt(400) == 0;
  }

  @Override
  public Optional<WriteCrash.Point> atWrite(SplittableRandom rnd) {
    if (!scenario.faults().contains(SigningFault.CRASH_AT_JOURNAL_WRITE) || rnd.nextInt(40) != 0) {
      return Optional.empty();
    }
    return Optional.of(rnd.nextInt(4) == 0 ? WriteCrash.Point.BEFORE : WriteCrash.Point.AFTER);
  }

  /** The restart lands at the end of the chaos at the latest, so every node is up after it. */
  @Override
  public long downtime(SplittableRandom rnd) {
    long now = clock.now();
    return Math.min(now + 20 + rnd.nextLong(400), scenario.chaosEnd()) - now;
  }
}
