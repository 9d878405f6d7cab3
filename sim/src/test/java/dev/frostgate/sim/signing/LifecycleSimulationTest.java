package dev.frostgate.sim.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The signing simulation with the spend-lock lifecycle switched on ({@link
 * SigningSimulation#runLifecycle}): every seed's faults and crashes (now also at the lifecycle's
 * journal writes), a miner that leaves first transactions unconfirmed so they get bumped, mines the
 * bumps, and buries a conflicting spend of one request. On every event: no two requests signed for
 * one coin, no fee above the cap, every release by the rule; at the end, every signed request's
 * locks released. The golden seed files do not use the switch and are unchanged.
 */
class LifecycleSimulationTest {
  @Test
  void seedsWithBumpsBurialsAndConflicts() {
    List<String> failures = new ArrayList<>();
    Set<String> crashPoints = new TreeSet<>();
    for (long s = 0; s < 60; s++) {
      SigningSimulation.Result r =
          SigningSimulation.runLifecycle(s, 5, 3, 3, SigningSimulationTest.fastStateRoot());
      crashPoints.addAll(r.journalCrashPoints().keySet());
      if (!r.ok()) {
        failures.add(r.line());
      }
    }
    assertThat(failures).as("failing seeds").isEmpty();
    assertThat(crashPoints).contains("transition-before", "transition-after");
  }

  @Test
  void aLifecycleSeedReplaysExactly() {
    SigningSimulation.Result a =
        SigningSimulation.runLifecycle(5, 5, 3, 2, SigningSimulationTest.fastStateRoot());
    SigningSimulation.Result b =
        SigningSimulation.runLifecycle(5, 5, 3, 2, SigningSimulationTest.fastStateRoot());
    assertThat(a.ok()).as(a.line()).isTrue();
    assertThat(a.line().replaceAll("\\(\\d+ ms\\)", ""))
        .isEqualTo(b.line().replaceAll("\\(\\d+ ms\\)", ""));
  }
}
