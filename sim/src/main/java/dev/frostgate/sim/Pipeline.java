package dev.frostgate.sim;

import dev.frostgate.sim.core.SeedLine;
import dev.frostgate.sim.dkg.DkgScenario;
import dev.frostgate.sim.dkg.DkgSimulation;
import dev.frostgate.sim.signing.SigningScenario;
import dev.frostgate.sim.signing.SigningSimulation;
import dev.frostgate.testkit.engine.DealtGroup;
import java.util.Optional;

/**
 * The whole key pipeline for one seed: the networked DKG ({@link DkgSimulation}, with the faults
 * its {@link DkgScenario} draws), then threshold signing ({@link SigningSimulation}) with the group
 * it produced instead of {@link DealtGroup}'s in-process DKG. The signing scenario is drawn from
 * the same seed for the validators the DKG ended with (Byzantine ones it excluded are gone; the
 * signing phase draws its own faults among the rest).
 */
public final class Pipeline {
  private Pipeline() {}

  /**
   * @param signing empty when the DKG ended without a group, which is no violation when more than n
   *     − t validators were faulty in it
   */
  public record Result(DkgSimulation.Result dkg, Optional<SigningSimulation.Result> signing) {
    /**
     * Every honest validator completed, so every participant of the final session should hold a key
     * package of it; a missing group then is a failure.
     */
    boolean groupMissing() {
      return dkg.ok() && signing.isEmpty() && dkg.honest() > 0 && dkg.completed() == dkg.honest();
    }

    public boolean ok() {
      return dkg.ok() && !groupMissing() && signing.map(SigningSimulation.Result::ok).orElse(true);
    }

    /** Two lines: the DKG's, then the signing run's (or why there was none). */
    public String lines() {
      return dkg.line()
          + "\n  then "
          + signing
              .map(SigningSimulation.Result::line)
              .orElse(
                  groupMissing()
                      ? "FAIL: every honest validator completed, yet a participant has no key"
                          + " package\n  replay: "
                          + SeedLine.replayCommand(
                              "--keys-from-dkg",
                              dkg.scenario().seed(),
                              dkg.scenario().n(),
                              dkg.scenario().t())
                      : "no signing: the DKG ended without a group (too many faulty)");
    }
  }

  public static Result run(long seed, int n, int t, int requests) {
    DkgSimulation dkg = DkgSimulation.of(DkgScenario.of(seed, n, t));
    DkgSimulation.Result d = dkg.run();
    Optional<DealtGroup> group = d.ok() ? dkg.group() : Optional.empty();
    Optional<SigningSimulation.Result> s =
        group.map(
            g ->
                SigningSimulation.run(
                    SigningScenario.of(seed, g.group().validators(), t, requests),
                    g,
                    SeedLine.replayCommand("--keys-from-dkg", seed, n, t)
                        + " --requests "
                        + requests));
    return new Result(d, s);
  }
}
