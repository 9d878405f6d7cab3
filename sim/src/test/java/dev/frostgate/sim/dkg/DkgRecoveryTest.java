package dev.frostgate.sim.dkg;

import static dev.frostgate.testkit.engine.DkgCues.sends;
import static dev.frostgate.testkit.engine.DkgCues.sendsWithout;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.engine.dkg.DkgConfig;
import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.engine.dkg.DkgResult;
import dev.frostgate.engine.dkg.DkgSessionId;
import dev.frostgate.engine.dkg.DkgStep;
import dev.frostgate.engine.dkg.DkgStore;
import dev.frostgate.testkit.engine.InMemoryDkgStore;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Crash and restart of one validator right after a chosen step, at each phase of the DKG, on a
 * reliable network; the validator resumes from its {@link DkgStore} (in memory here; {@code
 * SqliteDkgStoreTest} runs the same on SQLite and the key store). Every run also passes the
 * simulation's invariants: one round-1 package, one certificate signature and one test commitment
 * per validator and session across restarts, no test share from a later process, agreement, proven
 * exclusions of faulty validators only, liveness.
 */
class DkgRecoveryTest {
  static final Identifier V1 = Identifier.of(1);
  static final Identifier V2 = Identifier.of(2);
  static final Identifier V3 = Identifier.of(3);
  static final Identifier V5 = Identifier.of(5);

  static DkgSimulation sim(long seed) {
    return DkgSimulation.of(DkgScenario.network(seed, 5, 3, Map.of(), 0, 0, 5)).recordMessages();
  }

  static DkgSimulation sim(long seed, DkgDisks disks) {
    return DkgSimulation.of(DkgScenario.network(seed, 5, 3, Map.of(), 0, 0, 5), disks)
        .recordMessages();
  }

  static DkgSimulation.Result runOk(DkgSimulation sim, Identifier crashed) {
    DkgSimulation.Result r = sim.run();
    assertThat(r.violations()).as(r.line()).isEmpty();
    assertThat(sim.crashed(crashed)).as("the cued crash happened").isTrue();
    assertThat(sim.incarnation(crashed)).isEqualTo(2);
    return r;
  }

  static long sentByIncarnation(
      DkgSimulation sim, Identifier from, int incarnation, Class<? extends DkgMessage> type) {
    return sim.sent().stream()
        .filter(
            s ->
                s.from().equals(from)
                    && s.incarnation() == incarnation
                    && type.isInstance(s.message()))
        .count();
  }

  @Test
  void crashRightAfterRound1ResumesWithTheSamePackage() {
    DkgSimulation sim = sim(1).crashAfter(V3, sends(DkgMessage.Round1.class), 200);
    DkgSimulation.Result r = runOk(sim, V3);
    assertThat(r.result().orElseThrow().session().participants()).hasSize(5);
    assertThat(r.exclusions()).isEmpty();
    assertThat(sentByIncarnation(sim, V3, 2, DkgMessage.Round1.class))
        .as("the restarted validator re-announced its round 1")
        .isPositive();
  }

  @Test
  void crashAfterRound2RecomputesTheSameShares() {
    DkgSimulation sim = sim(2).crashAfter(V3, sends(DkgMessage.Round2.class), 200);
    DkgSimulation.Result r = runOk(sim, V3);
    assertThat(r.result().orElseThrow().session().participants()).hasSize(5);
    Map<Identifier, Object> shares = new HashMap<>();
    int restartedShares = 0;
    for (DkgSimulation.Sent s : sim.sent()) {
      if (s.from().equals(V3)
          && s.message() instanceof DkgMessage.Round2 r2
          && r2.dealer().equals(V3)) {
        // Byte-identical sealed shares: the sealing key comes from the stored polynomial.
        Object share = r2.sealed();
        Object prev = shares.putIfAbsent(r2.receiver(), share);
        assertThat(prev == null || prev.equals(share))
            .as("same share to " + r2.receiver())
            .isTrue();
        restartedShares += s.incarnation() == 2 ? 1 : 0;
      }
    }
    assertThat(restartedShares).as("the restarted validator sent its shares again").isPositive();
  }

  @Test
  void crashAfterCertifyingReusesTheStoredSignatureAndOutput() {
    // V5 is not among the t = 3 test signers (the first three participants).
    DkgSimulation sim = sim(3).crashAfter(V5, sends(DkgMessage.CertificateSignature.class), 200);
    DkgSimulation.Result r = runOk(sim, V5);
    assertThat(r.result().orElseThrow().session().participants()).contains(V5);
    assertThat(sentByIncarnation(sim, V5, 2, DkgMessage.CertificateSignature.class)).isPositive();
    // Its shares again (a peer may have lost them), the same f(j) under the same signed view.
    assertThat(sentByIncarnation(sim, V5, 2, DkgMessage.Round2.class)).isPositive();
    Map<Identifier, DkgMessage.Round2> first = new HashMap<>();
    for (DkgSimulation.Sent s : sim.sent()) {
      if (s.from().equals(V5)
          && s.message() instanceof DkgMessage.Round2 r2
          && r2.dealer().equals(V5)) {
        DkgMessage.Round2 prev = first.putIfAbsent(r2.receiver(), r2);
        if (prev != null) {
          assertThat(r2.sealed()).isEqualTo(prev.sealed());
          assertThat(r2.view()).isEqualTo(prev.view());
        }
      }
    }
    assertThat(sentByIncarnation(sim, V5, 2, DkgMessage.Round1.class)).isPositive();
  }

  @Test
  void testSignerCrashedWithAnUnansweredCommitmentIsTimedOutAndTheRestComplete() {
    DkgSimulation sim =
        sim(4)
            .crashAfter(
                V1, sendsWithout(DkgMessage.TestCommit.class, DkgMessage.TestShare.class), 200);
    DkgSimulation.Result r = runOk(sim, V1);
    assertThat(r.impaired()).containsExactly(V1);
    assertThat(r.result().orElseThrow().session().participants()).doesNotContain(V1).hasSize(4);
    assertThat(r.exclusions()).containsExactly("1:TIMEOUT");
    assertThat(sim.session(V1).isFailed()).isTrue();
    assertThat(sentByIncarnation(sim, V1, 2, DkgMessage.TestShare.class)).isZero();
    // It re-announced the commitment it could not honour (the simulation checks it is the same).
    assertThat(sentByIncarnation(sim, V1, 2, DkgMessage.TestCommit.class)).isPositive();
  }

  @Test
  void testSignerCrashedAfterItsShareLeftAdoptsTheFinal() {
    DkgSimulation sim = sim(5).crashAfter(V2, sends(DkgMessage.TestShare.class), 50);
    DkgSimulation.Result r = runOk(sim, V2);
    assertThat(r.result().orElseThrow().session().participants()).hasSize(5);
    assertThat(sim.session(V2).result()).isPresent();
  }

  @Test
  void restartAfterCompletionReportsTheStoredResult() {
    DkgResult[] before = new DkgResult[1];
    DkgSimulation sim =
        sim(6)
            .crashAfter(
                V2,
                step -> {
                  for (DkgEvent e : step.events()) {
                    if (e instanceof DkgEvent.Completed c) {
                      before[0] = c.result();
                      return true;
                    }
                  }
                  return false;
                },
                100);
    DkgSimulation.Result r = runOk(sim, V2);
    DkgResult after = sim.session(V2).result().orElseThrow();
    assertThat(after.certificate()).isEqualTo(before[0].certificate());
    assertThat(
            after
                .rawKeyPackage()
                .signingShare()
                .sameValue(before[0].rawKeyPackage().signingShare()))
        .isTrue();
    assertThat(after.xpub().serialize()).isEqualTo(r.result().orElseThrow().xpub().serialize());
    assertThat(sim.sent().stream().filter(s -> s.from().equals(V2) && s.incarnation() == 2))
        .allMatch(
            s -> s.message().session().equals(after.session()),
            "the restarted validator only speaks about the completed session");
    // Its polynomials are gone once the DKG completed.
    assertThat(sim.store(V2).round1Polynomial(after.session())).isEmpty();
  }

  /** A reliable network (delays up to {@code delay}) with one Byzantine validator. */
  static DkgSimulation simWith(long seed, Identifier byz, DkgFault fault, int delay) {
    return DkgSimulation.of(DkgScenario.network(seed, 5, 3, Map.of(byz, fault), 0, 0, delay))
        .recordMessages();
  }

  @Test
  void aStarvedValidatorThatCrashesAfterAskingAsksAgainAndIsNotExcluded() {
    // Validator 4 withholds V1's share and re-sends it sealed on request; V1 crashes right after
    // asking, so it loses whatever the answer brought. Nothing about requests is stored: once
    // back in round 2 it asks again, and whoever holds the sealed share passes it on.
    DkgSimulation sim =
        simWith(21, Identifier.of(4), DkgFault.WITHHOLD_SHARE_FROM_ONE, 5)
            .crashAfter(V1, sends(DkgMessage.ShareRequest.class), 300);
    DkgSimulation.Result r = runOk(sim, V1);
    assertThat(r.result().orElseThrow().session().participants()).hasSize(5);
    assertThat(r.exclusions()).isEmpty();
    assertThat(sentByIncarnation(sim, V1, 2, DkgMessage.ShareRequest.class))
        .as("the restarted validator asked again")
        .isPositive();
  }

  @Test
  void aStarvedValidatorThatCrashesWhileTheDealerIgnoresItStillGetsTheDealerVotedOut() {
    // Its request is still open everywhere when it comes back: the others repeat it, it takes it
    // up again, and the dealer that never answers is the one excluded.
    Identifier dealer = Identifier.of(4);
    DkgSimulation sim =
        simWith(22, dealer, DkgFault.WITHHOLD_SHARE_NO_REVEAL, 5)
            .crashAfter(V1, sends(DkgMessage.ShareRequest.class), 300);
    DkgSimulation.Result r = runOk(sim, V1);
    assertThat(r.result().orElseThrow().session().participants()).containsExactly(V1, V2, V3, V5);
    assertThat(r.exclusions()).containsExactly("4:TIMEOUT");
  }

  @Test
  void anHonestDealerThatCrashesAfterAnsweringARequestIsNotExcluded() {
    // Validator 2 asks for shares it has, behind each dealer's back; V5 (not a test signer)
    // crashes right after its answer (its sealed share for 2, broadcast) left. Nothing about
    // requests is stored; any answer after the restart is the same ciphertext, sealed under a key
    // derived from its stored polynomial. (Delays of up to 30 ticks, so that the requests arrive
    // before the DKG is over.)
    DkgSimulation sim =
        simWith(23, Identifier.of(2), DkgFault.SPURIOUS_REQUEST, 30)
            .crashAfter(V5, answersARequest(), 300);
    DkgSimulation.Result r = runOk(sim, V5);
    assertThat(r.exclusions()).isEmpty();
    assertThat(r.result().orElseThrow().session().participants()).hasSize(5);
    Map<Identifier, Object> sealed = new HashMap<>();
    boolean answered = false;
    for (DkgSimulation.Sent s : sim.sent()) {
      if (s.from().equals(V5)
          && s.message() instanceof DkgMessage.Round2 x
          && x.dealer().equals(V5)) {
        Object prev = sealed.putIfAbsent(x.receiver(), x.sealed());
        assertThat(prev == null || prev.equals(x.sealed())).as("same sealed share").isTrue();
        answered |= x.receiver().equals(Identifier.of(2)) && !s.to().equals(x.receiver());
      }
    }
    assertThat(answered).as("V5 answered 2's request").isTrue();
  }

  /** A step in which a dealer broadcast a sealed share to others than its receiver. */
  static java.util.function.Predicate<DkgStep> answersARequest() {
    return step ->
        step.messages().stream()
            .anyMatch(
                o -> o.message() instanceof DkgMessage.Round2 r && !o.to().equals(r.receiver()));
  }

  /** In-memory disks, some replaced by the given stores. */
  static DkgDisks disks(Map<Identifier, DkgStore> given) {
    Map<Identifier, DkgStore> m = new TreeMap<>(given);
    return c -> m.computeIfAbsent(c.me(), k -> new InMemoryDkgStore());
  }

  @Test
  void aLostPolynomialStopsTheValidatorInsteadOfAnnouncingAnotherPackage() {
    InMemoryDkgStore forgetful =
        new InMemoryDkgStore() {
          @Override
          public Optional<SecretPolynomial> round1Polynomial(DkgSessionId session) {
            return Optional.empty();
          }
        };
    DkgSimulation sim =
        sim(7, disks(Map.of(V3, forgetful))).crashAfter(V3, sends(DkgMessage.Round1.class), 100);
    DkgSimulation.Result r = sim.run();
    assertThat(r.violations())
        .anyMatch(v -> v.contains("3 failed") && v.contains("cannot send another one"));
    assertThat(r.ok()).isFalse();
    assertThat(r.line()).contains("FAIL", "violations: ", "replay: ");
    assertThat(sentByIncarnation(sim, V3, 2, DkgMessage.Round1.class)).isZero();
  }

  @Test
  void anUnprovenExclusionOnDiskIsRefused() {
    InMemoryDkgStore tampered = new InMemoryDkgStore();
    DkgDisks disks =
        new DkgDisks() {
          final DkgDisks others = disks(Map.of(V3, tampered));

          @Override
          public DkgStore open(DkgConfig c) {
            return others.open(c);
          }

          @Override
          public void crash(Identifier id) {
            if (!id.equals(V3)) {
              return;
            }
            // While it is down, someone writes an exclusion whose one vote is forged.
            DkgSessionId first = tampered.load().sessions().get(0).session();
            byte[] sig = new byte[64];
            new SecureRandom().nextBytes(sig);
            tampered.saveExclusion(
                new DkgEvent.Excluded(
                    first,
                    V5,
                    DkgEvent.Reason.TIMEOUT,
                    List.of(new DkgMessage.TimeoutVote(first, V3, V5, Bip340Signature.of(sig)))));
          }
        };
    DkgSimulation sim = sim(8, disks).crashAfter(V3, sends(DkgMessage.Round1.class), 100);
    DkgSimulation.Result r = sim.run();
    assertThat(r.violations())
        .anyMatch(
            v -> v.contains("stored exclusion of 5") && v.contains("vote of 3 is not authentic"));
  }
}
