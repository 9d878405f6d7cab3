package dev.frostgate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.sim.dkg.DkgScenario;
import dev.frostgate.sim.dkg.DkgSimulation;
import dev.frostgate.sim.signing.SigningSimulation;
import dev.frostgate.testkit.engine.DealtGroup;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Networked DKG, then threshold signing with the group it produced, per seed. */
class PipelineTest {
  @Test
  void signingRunsOnTheKeysTheDkgProduced() {
    List<String> failures = new ArrayList<>();
    int smallerGroups = 0;
    int signed = 0;
    List<String> lines = new ArrayList<>();
    for (long seed = 1; seed <= 40; seed++) {
      Pipeline.Result r = Pipeline.run(seed, 5, 3, 2);
      lines.add(r.lines());
      if (!r.ok()) {
        failures.add(r.lines());
        continue;
      }
      if (r.signing().isPresent()) {
        SigningSimulation.Result s = r.signing().get();
        // The signing group is the DKG's final session, with its group key.
        assertThat(s.scenario().n()).isEqualTo(r.dkg().result().orElseThrow().session().size());
        smallerGroups += s.scenario().n() < 5 ? 1 : 0;
        signed += s.signed();
      }
    }
    assertThat(failures).as("failing seeds").isEmpty();
    assertThat(smallerGroups).as("seeds whose DKG excluded someone").isPositive();
    assertThat(signed).isPositive();
    GoldenSeedLines.check("pipeline-5-3", lines);
  }

  @Test
  void theSigningGroupHoldsTheDkgKey() {
    DkgSimulation dkg = DkgSimulation.of(DkgScenario.of(3, 5, 3));
    DkgSimulation.Result r = dkg.run();
    DealtGroup g = dkg.group().orElseThrow();
    assertThat(g.group().rawPublic().verifyingKey())
        .isEqualTo(r.result().orElseThrow().rawKeyPackage().verifyingKey());
    assertThat(g.group().xpub().serialize()).isEqualTo(r.result().orElseThrow().xpub().serialize());
    g.rawKeys()
        .forEach(
            (id, k) ->
                assertThat(k.verifyingShare())
                    .isEqualTo(g.group().rawPublic().verifyingShares().get(id)));
  }
}
