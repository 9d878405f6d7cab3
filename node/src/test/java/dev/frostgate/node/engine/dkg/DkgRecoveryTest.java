package dev.frostgate.node.engine.dkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SecretPolynomial;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Crash and restart of one validator at each phase of the DKG, resuming from its {@link DkgStore}
 * (in memory here; {@code SqliteDkgStoreTest} runs the same on SQLite and the key store).
 */
class DkgRecoveryTest {
  static final Identifier V1 = Identifier.of(1);
  static final Identifier V2 = Identifier.of(2);
  static final Identifier V3 = Identifier.of(3);
  static final Identifier V5 = Identifier.of(5);

  static RestartNet net(long seed) {
    return new RestartNet(seed, 5, 3, RestartNet.inMemory());
  }

  static long sessionsEntered(RestartNet net, Identifier id) {
    return net.sentBy(id, DkgMessage.Round1.class).stream()
        .map(s -> s.message().session())
        .distinct()
        .count();
  }

  @Test
  void crashRightAfterRound1ResumesWithTheSamePackage() {
    RestartNet net = net(1);
    net.crashAfter(V3, RestartNet.sends(DkgMessage.Round1.class), 200);
    net.run(100_000);
    DkgResult r = net.check(Set.of());
    assertThat(net.incarnation.get(V3)).isEqualTo(2);
    assertThat(r.session().participants()).hasSize(5);
    assertThat(
            net.sentBy(V3, DkgMessage.Round1.class).stream()
                .filter(s -> s.incarnation() == 2)
                .count())
        .as("the restarted validator re-announced its round 1")
        .isPositive();
  }

  @Test
  void crashAfterRound2RecomputesTheSameShares() {
    RestartNet net = net(2);
    net.crashAfter(V3, RestartNet.sends(DkgMessage.Round2.class), 200);
    net.run(100_000);
    DkgResult r = net.check(Set.of());
    assertThat(net.incarnation.get(V3)).isEqualTo(2);
    assertThat(r.session().participants()).hasSize(5);
    Map<Identifier, Object> shares = new HashMap<>();
    for (RestartNet.Sent s : net.sentBy(V3, DkgMessage.Round2.class)) {
      var share = ((DkgMessage.Round2) s.message()).pkg().share().reveal();
      Object prev = shares.putIfAbsent(s.to(), share);
      assertThat(prev == null || prev.equals(share)).as("same share to " + s.to()).isTrue();
    }
  }

  @Test
  void crashAfterCertifyingReusesTheStoredSignatureAndOutput() {
    RestartNet net = net(3);
    // V5 is not among the t = 3 test signers (the first three participants).
    net.crashAfter(V5, RestartNet.sends(DkgMessage.CertificateSignature.class), 200);
    net.run(100_000);
    DkgResult r = net.check(Set.of());
    assertThat(net.incarnation.get(V5)).isEqualTo(2);
    assertThat(r.session().participants()).contains(V5);
    assertThat(
            net.sentBy(V5, DkgMessage.CertificateSignature.class).stream()
                .filter(s -> s.incarnation() == 2)
                .count())
        .isPositive();
  }

  @Test
  void testSignerCrashedWithAnUnansweredCommitmentIsTimedOutAndTheRestComplete() {
    RestartNet net = net(4);
    net.crashAfter(
        V1,
        step ->
            RestartNet.sends(DkgMessage.TestCommit.class).test(step)
                && !RestartNet.sends(DkgMessage.TestShare.class).test(step),
        200);
    net.run(100_000);
    assertThat(net.crashedAt).containsKey(V1);
    DkgResult r = net.check(Set.of(V1));
    assertThat(r.session().participants()).doesNotContain(V1).hasSize(4);
    assertThat(net.node(V1).isFailed()).isTrue();
    assertThat(net.sentBy(V1, DkgMessage.TestShare.class)).isEmpty();
    // It re-announced the commitment it could not honour, and never a new one.
    assertThat(
            net.sentBy(V1, DkgMessage.TestCommit.class).stream()
                .filter(s -> s.incarnation() == 2)
                .count())
        .isPositive();
  }

  @Test
  void testSignerCrashedAfterItsShareLeftAdoptsTheFinal() {
    RestartNet net = net(5);
    net.crashAfter(V2, RestartNet.sends(DkgMessage.TestShare.class), 50);
    net.run(100_000);
    assertThat(net.crashedAt).containsKey(V2);
    DkgResult r = net.check(Set.of());
    assertThat(r.session().participants()).hasSize(5);
  }

  @Test
  void restartAfterCompletionReportsTheStoredResult() {
    RestartNet net = net(6);
    DkgResult[] before = new DkgResult[1];
    net.crashAfter(
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
    net.run(100_000);
    DkgResult r = net.check(Set.of());
    DkgResult after = net.node(V2).result().orElseThrow();
    assertThat(net.incarnation.get(V2)).isEqualTo(2);
    assertThat(after.certificate()).isEqualTo(before[0].certificate());
    assertThat(
            after
                .rawKeyPackage()
                .signingShare()
                .sameValue(before[0].rawKeyPackage().signingShare()))
        .isTrue();
    assertThat(after.xpub().serialize()).isEqualTo(r.xpub().serialize());
    assertThat(sessionsEntered(net, V2)).isEqualTo(1);
    // Its polynomials are gone once the DKG completed.
    assertThat(net.stores.get(V2).round1Polynomial(r.session())).isEmpty();
  }

  @Test
  void aLostPolynomialStopsTheValidatorInsteadOfAnnouncingAnotherPackage() {
    InMemoryDkgStore forgetful =
        new InMemoryDkgStore() {
          @Override
          public Optional<SecretPolynomial> round1Polynomial(SessionId session) {
            return Optional.empty();
          }
        };
    RestartNet net = new RestartNet(7, 5, 3, RestartNet.inMemory(Map.of(V3, forgetful)));
    net.ids().forEach(net::start); // everyone announced round 1 (nothing delivered yet)
    net.crash(V3);
    assertThatThrownBy(() -> net.start(V3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("round-1 polynomial")
        .hasMessageContaining("cannot send another one");
  }

  @Test
  void anUnprovenExclusionOnDiskIsRefused() {
    RestartNet net = net(8);
    net.ids().forEach(net::start);
    DkgStore s = net.stores.get(V3);
    SessionId first = new SessionId("restart-8", net.ids());
    // One vote where three are needed.
    DkgMessage.TimeoutVote v =
        new DkgMessage.TimeoutVote(
            first,
            V3,
            V5,
            DkgSignatures.sign(
                DkgSignatures.voteDigest(first, V3, V5),
                net.idKeys.get(V3),
                new DkgNet.SeededRandom(1)));
    s.saveExclusion(new DkgEvent.Excluded(first, V5, DkgEvent.Reason.TIMEOUT, List.of(v)));
    net.crash(V3);
    assertThatThrownBy(() -> net.start(V3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stored exclusion of 5")
        .hasMessageContaining("1 distinct voters, 3 needed");
  }
}
