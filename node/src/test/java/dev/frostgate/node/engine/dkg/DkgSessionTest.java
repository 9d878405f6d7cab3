package dev.frostgate.node.engine.dkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.dkg.InvalidShareEvidence;
import dev.frostgate.node.sim.DkgFault;
import dev.frostgate.node.sim.DkgScenario;
import dev.frostgate.node.sim.DkgSimulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One behaviour at a time on the DKG simulation (no crash, no partition): every run also passes the
 * simulation's invariants (agreement, certificate and test signature, proven exclusions of faulty
 * validators only, liveness).
 */
class DkgSessionTest {

  static DkgSimulation sim(
      long seed, int n, int t, Map<Identifier, DkgFault> byz, double loss, double dup, int delay) {
    return DkgSimulation.of(DkgScenario.network(seed, n, t, byz, loss, dup, delay));
  }

  /** Runs, checks the invariants and the final participants (null: not checked). */
  static DkgResult run(DkgSimulation sim, List<Identifier> expectedParticipants) {
    DkgSimulation.Result r = sim.run();
    assertTrue(r.ok(), r.line());
    DkgResult result = r.result().orElseThrow();
    if (expectedParticipants != null) {
      assertEquals(expectedParticipants, result.session().participants(), r.line());
    }
    return result;
  }

  static List<Identifier> ids(int n, Integer... without) {
    List<Identifier> l = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      l.add(Identifier.of(i));
    }
    for (int w : without) {
      l.remove(Identifier.of(w));
    }
    return l;
  }

  static List<DkgEvent.Excluded> exclusions(DkgSimulation sim, Identifier at) {
    return sim.events(at).stream()
        .filter(e -> e instanceof DkgEvent.Excluded)
        .map(e -> (DkgEvent.Excluded) e)
        .toList();
  }

  @Test
  void fiveOfThreeCompletes() {
    DkgResult r = run(sim(1, 5, 3, Map.of(), 0, 0, 5), ids(5));
    assertEquals(5, r.certificate().signatures().size());
    assertEquals(3, r.rawKeyPackage().minSigners());
  }

  @Test
  void fifteenOfTenCompletes() {
    DkgResult r = run(sim(2, 15, 10, Map.of(), 0, 0, 5), ids(15));
    assertEquals(15, r.certificate().signatures().size());
  }

  @Test
  void badShareExcludesTheDealerWithEvidenceAndRestarts() {
    DkgSimulation sim = sim(3, 5, 3, Map.of(Identifier.of(4), DkgFault.BAD_SHARE), 0, 0, 5);
    run(sim, ids(5, 4));
    for (Identifier h : sim.honest()) {
      List<DkgEvent.Excluded> x = exclusions(sim, h);
      assertEquals(1, x.size(), h + " " + x);
      assertEquals(Identifier.of(4), x.get(0).accused());
      assertEquals(DkgEvent.Reason.INVALID_SHARE, x.get(0).reason());
      InvalidShareEvidence ev = ((DkgMessage.Complaint) x.get(0).proof().get(0)).evidence();
      assertTrue(ev.isValid());
      assertEquals(Identifier.of(1), ev.accuser());
    }
    assertTrue(sim.session(Identifier.of(4)).isFailed());
  }

  @Test
  void falseComplaintExcludesTheComplainer() {
    DkgSimulation sim = sim(4, 5, 3, Map.of(Identifier.of(2), DkgFault.FALSE_COMPLAINT), 0, 0, 5);
    run(sim, ids(5, 2));
    for (Identifier h : sim.honest()) {
      List<DkgEvent.Excluded> x = exclusions(sim, h);
      assertEquals(1, x.size(), h + " " + x);
      assertEquals(Identifier.of(2), x.get(0).accused());
      assertEquals(DkgEvent.Reason.FALSE_COMPLAINT, x.get(0).reason());
      assertFalse(((DkgMessage.Complaint) x.get(0).proof().get(0)).evidence().isValid());
    }
  }

  @Test
  void silentValidatorTimesOutAndIsExcluded() {
    DkgSimulation sim = sim(5, 5, 3, Map.of(Identifier.of(5), DkgFault.SILENT), 0, 0, 5);
    run(sim, ids(5, 5));
    for (Identifier h : sim.honest()) {
      List<DkgEvent.Excluded> x = exclusions(sim, h);
      assertEquals(1, x.size(), h + " " + x);
      assertEquals(DkgEvent.Reason.TIMEOUT, x.get(0).reason());
    }
  }

  @Test
  void withheldCertificateTimesOutAndIsExcluded() {
    DkgSimulation sim = sim(7, 5, 3, Map.of(Identifier.of(1), DkgFault.WITHHOLD_CERT), 0, 0, 5);
    run(sim, ids(5, 1));
    for (Identifier h : sim.honest()) {
      List<DkgEvent.Excluded> x = exclusions(sim, h);
      assertEquals(1, x.size(), h + " " + x);
      assertEquals(DkgEvent.Reason.TIMEOUT, x.get(0).reason());
    }
  }

  @Test
  void fifteenOfTenWithBadDealerOnLossyNetwork() {
    run(sim(8, 15, 10, Map.of(Identifier.of(9), DkgFault.BAD_SHARE), 0.1, 0.1, 40), ids(15, 9));
  }

  @Test
  void lateFalseComplaintAfterCompletionStillConverges() {
    int adopted = 0;
    for (long seed = 100; seed < 110; seed++) {
      DkgSimulation sim =
          sim(seed, 5, 3, Map.of(Identifier.of(3), DkgFault.LATE_COMPLAINT), 0.05, 0.05, 30);
      // A late complainer may be in the final session (if it completed before its complaint
      // spread) or not; every honest validator must agree either way.
      DkgResult r = run(sim, null);
      for (Identifier h : sim.honest()) {
        if (!exclusions(sim, h).isEmpty()
            && r.session().participants().contains(Identifier.of(3))) {
          adopted++; // moved on after the complaint, then adopted the completed session
        }
      }
    }
    assertTrue(adopted > 0, "no validator adopted a completed session after moving on");
  }

  @Test
  void thresholdMustExceedHalf() {
    assertThrows(IllegalArgumentException.class, () -> sim(1, 4, 2, Map.of(), 0, 0, 3));
  }

  @Test
  void tooFewLeftFails() {
    DkgSimulation sim = sim(6, 3, 3, Map.of(Identifier.of(3), DkgFault.SILENT), 0, 0, 5);
    DkgSimulation.Result r = sim.run();
    assertTrue(r.ok(), r.line());
    for (Identifier h : sim.honest()) {
      assertTrue(sim.session(h).isFailed(), h + " should have failed");
    }
  }
}
