package dev.frostgate.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulationSmokeTest {
  @Test
  void fewSeeds() {
    int fails = 0;
    long t0 = System.nanoTime();
    for (long s = 0; s < 40; s++) {
      Simulation.Result r = Simulation.run(s, 5, 3, 3);
      System.out.println(r.line());
      fails += r.ok() ? 0 : 1;
    }
    System.out.println("5/3 total ms " + (System.nanoTime() - t0) / 1_000_000);
    t0 = System.nanoTime();
    for (long s = 100; s < 104; s++) {
      Simulation.Result r = Simulation.run(s, 15, 10, 2);
      System.out.println(r.line());
      fails += r.ok() ? 0 : 1;
    }
    System.out.println("15/10 total ms " + (System.nanoTime() - t0) / 1_000_000);
    assertThat(fails).isZero();
  }
}
