package dev.frostgate.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The deterministic simulation over 500 seeds (460 of 5 validators t=3, 40 of 15 validators t=10),
 * every fault type enabled across them. A failure prints the command that replays the seed.
 */
class SimulationTest {
  private static void runRange(long from, long to, int n, int t, int requests, Set<Fault> seen) {
    List<String> failures = new ArrayList<>();
    for (long s = from; s < to; s++) {
      Simulation.Result r = Simulation.run(s, n, t, requests);
      seen.addAll(r.scenario().faults());
      if (!r.ok()) {
        failures.add(r.line());
      }
    }
    assertThat(failures).as("failing seeds (each line ends with its replay command)").isEmpty();
  }

  @Test
  void fiveValidatorsThreshold3() {
    Set<Fault> seen = EnumSet.noneOf(Fault.class);
    runRange(0, 460, 5, 3, 3, seen);
    assertThat(seen).containsExactlyInAnyOrder(Fault.values());
  }

  @Test
  void fifteenValidatorsThreshold10() {
    Set<Fault> seen = EnumSet.noneOf(Fault.class);
    runRange(10_000, 10_040, 15, 10, 2, seen);
    assertThat(seen).contains(Fault.PERMANENT_CRASH, Fault.LOSS, Fault.PARTITION);
  }

  @Test
  void aSeedReplaysExactly() {
    Simulation.Result a = Simulation.run(42, 5, 3, 3);
    Simulation.Result b = Simulation.run(42, 5, 3, 3);
    assertThat(a.steps()).isEqualTo(b.steps());
    assertThat(a.messages()).isEqualTo(b.messages());
    assertThat(a.simTime()).isEqualTo(b.simTime());
    assertThat(a.replayCommand())
        .isEqualTo("frostgate simulate --seeds 42..42 --validators 5 --threshold 3 --requests 3");
  }
}
