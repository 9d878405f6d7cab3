package dev.frostgate.crypto.frost.keys;

import static dev.frostgate.crypto.frost.keys.KeysTestSupport.RND;
import static dev.frostgate.crypto.frost.keys.RepairTest.assertKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RefreshTest {

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Ciphersuite suite : Ciphersuite.all()) {
      out.add(Arguments.of(suite, 2, 3));
      out.add(Arguments.of(suite, 3, 5));
      out.add(Arguments.of(suite, 10, 15));
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void trustedDealerRefreshKeepsTheKeyAndSigns(Ciphersuite suite, int t, int n) {
    KeysTestSupport.Group g = KeysTestSupport.dealer(suite, n, t);
    Refresh.DealerOutput out =
        Refresh.computeRefreshingShares(g.publicKeys(), g.keys().keySet(), RND);
    SortedMap<Identifier, KeyPackage> fresh = new TreeMap<>();
    g.keys().forEach((id, k) -> fresh.put(id, Refresh.refreshShare(out.shares().get(id), k)));

    assertRefreshed(g, fresh, out.publicKeys());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void dkgRefreshKeepsTheKeyAndSigns(Ciphersuite suite, int t, int n) {
    KeysTestSupport.Group g = KeysTestSupport.dealer(suite, n, t);
    Map<Identifier, KeyUpdate> updates = runDkg(g, g.keys().keySet(), UnaryOperator.identity());
    SortedMap<Identifier, KeyPackage> fresh = new TreeMap<>();
    updates.forEach((id, u) -> fresh.put(id, u.keyPackage()));
    PublicKeyPackage pub = updates.values().iterator().next().publicKeys();
    updates.values().forEach(u -> assertThat(u.publicKeys()).isEqualTo(pub));

    assertRefreshed(g, fresh, pub);
  }

  private static void assertRefreshed(
      KeysTestSupport.Group g, SortedMap<Identifier, KeyPackage> fresh, PublicKeyPackage pub) {
    assertThat(pub.verifyingKey()).isEqualTo(g.publicKeys().verifyingKey());
    assertThat(pub.minSigners()).isEqualTo(g.publicKeys().minSigners());
    fresh.forEach(
        (id, k) -> {
          assertThat(k.verifyingShare()).isEqualTo(pub.verifyingShare(id).orElseThrow());
          assertThat(k.verifyingShare()).isNotEqualTo(g.publicKeys().verifyingShare(id).get());
        });
    assertThat(KeysTestSupport.interpolate(KeysTestSupport.pick(fresh.values(), pub.minSigners())))
        .isEqualTo(
            KeysTestSupport.interpolate(KeysTestSupport.pick(g.keys().values(), pub.minSigners())));
    KeysTestSupport.assertSignsWithRandomSubset(fresh, pub);

    // Old and new shares do not combine (t ≥ 2: take one old share among new ones).
    List<KeyPackage> mixed = KeysTestSupport.pick(fresh.values(), pub.minSigners());
    KeyPackage replaced = mixed.remove(0);
    mixed.add(g.keys().get(replaced.identifier()));
    assertThatThrownBy(() -> KeysTestSupport.sign(mixed, pub))
        .isInstanceOfSatisfying(
            FrostException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_SIGNATURE_SHARE);
              assertThat(e.culprits()).containsExactly(replaced.identifier());
            });
  }

  /** Runs the DKG refresh; {@code tamper} may change participant 2's messages to participant 1. */
  static Map<Identifier, KeyUpdate> runDkg(
      KeysTestSupport.Group g,
      java.util.Collection<Identifier> participants,
      UnaryOperator<SecretScalar> tamper) {
    Map<Identifier, Refresh.DkgRound1> r1 = new TreeMap<>();
    for (Identifier id : participants) {
      r1.put(id, Refresh.dkgPart1(g.keys().get(id), participants, RND));
    }
    Map<Identifier, RefreshCommitment> commitments = new TreeMap<>();
    r1.forEach((id, r) -> commitments.put(id, r.commitment()));
    Map<Identifier, Map<Identifier, SecretScalar>> inbox = new TreeMap<>();
    for (Identifier id : participants) {
      inbox.put(id, new TreeMap<>());
    }
    r1.forEach(
        (from, r) ->
            Refresh.dkgPart2(r.secret())
                .forEach(
                    (to, share) -> {
                      boolean target = from.equals(Identifier.of(2)) && to.equals(Identifier.of(1));
                      inbox.get(to).put(from, target ? tamper.apply(share) : share);
                    }));
    Map<Identifier, KeyUpdate> out = new TreeMap<>();
    for (Identifier id : participants) {
      out.put(
          id,
          Refresh.dkgPart3(
              r1.get(id).secret(), commitments, inbox.get(id), g.keys().get(id), g.publicKeys()));
    }
    return out;
  }

  @Test
  void dkgRefreshNamesASenderOfAWrongShare() {
    KeysTestSupport.Group g = KeysTestSupport.dealer(Ciphersuite.TAPROOT, 5, 3);
    assertThatThrownBy(() -> runDkg(g, g.keys().keySet(), s -> SecretScalar.random(RND)))
        .isInstanceOfSatisfying(
            FrostException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_SECRET_SHARE);
              assertThat(e.culprits()).containsExactly(Identifier.of(2));
            });
  }

  @Test
  void dkgComplaintsCarryCheckableEvidence() {
    KeysTestSupport.Group g = KeysTestSupport.dealer(Ciphersuite.RFC9591, 5, 3);
    List<Identifier> ids = new ArrayList<>(g.keys().keySet());
    Map<Identifier, Refresh.DkgRound1> r1 = new TreeMap<>();
    for (Identifier id : ids) {
      r1.put(id, Refresh.dkgPart1(g.keys().get(id), ids, RND));
    }
    Map<Identifier, RefreshCommitment> commitments = new TreeMap<>();
    r1.forEach((id, r) -> commitments.put(id, r.commitment()));
    // participant 3 broadcasts a commitment of the wrong length, participant 2 a wrong share
    commitments.put(Identifier.of(3), new RefreshCommitment(List.of(Point.G, Point.G, Point.G)));
    Identifier me = Identifier.of(1);
    Map<Identifier, SecretScalar> received = new TreeMap<>();
    r1.forEach(
        (from, r) -> {
          if (!from.equals(me)) {
            received.put(from, Refresh.dkgPart2(r.secret()).get(me));
          }
        });
    received.put(Identifier.of(2), SecretScalar.random(RND));
    received.remove(Identifier.of(5));

    List<RefreshComplaint> complaints = Refresh.dkgComplaints(me, 3, ids, commitments, received);
    assertThat(complaints)
        .extracting(RefreshComplaint::accused, RefreshComplaint::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Identifier.of(2), RefreshComplaint.Reason.SHARE_MISMATCH),
            org.assertj.core.groups.Tuple.tuple(
                Identifier.of(3), RefreshComplaint.Reason.WRONG_COMMITMENT_LENGTH),
            org.assertj.core.groups.Tuple.tuple(
                Identifier.of(5), RefreshComplaint.Reason.MISSING_SHARE));
    for (RefreshComplaint c : complaints) {
      assertThat(Refresh.upholds(c, Optional.of(commitments.get(c.accused())), 3)).isTrue();
      assertThat(c.toString()).doesNotContain(c.revealedShare().map(Object::toString).orElse("-"));
    }
    // a false accusation against honest participant 4 is not upheld
    RefreshComplaint falseClaim =
        new RefreshComplaint(
            me,
            Identifier.of(4),
            RefreshComplaint.Reason.SHARE_MISMATCH,
            Optional.of(received.get(Identifier.of(4)).reveal()));
    assertThat(Refresh.upholds(falseClaim, Optional.of(commitments.get(Identifier.of(4))), 3))
        .isFalse();

    assertThatThrownBy(
            () ->
                Refresh.dkgPart3(
                    r1.get(me).secret(), commitments, received, g.keys().get(me), g.publicKeys()))
        .isInstanceOfSatisfying(
            FrostException.class,
            e ->
                assertThat(e.culprits())
                    .containsExactly(Identifier.of(2), Identifier.of(3), Identifier.of(5)));
  }

  @Test
  void dealerRefreshRejectsAWrongShareAndMayDropParticipants() {
    KeysTestSupport.Group g = KeysTestSupport.dealer(Ciphersuite.RFC9591, 5, 3);
    Refresh.DealerOutput out =
        Refresh.computeRefreshingShares(g.publicKeys(), KeysTestSupport.ids(1, 2, 4, 5), RND);
    assertThat(out.publicKeys().verifyingShares().keySet())
        .containsExactlyElementsOf(KeysTestSupport.ids(1, 2, 4, 5));
    Refresh.RefreshShare s1 = out.shares().get(Identifier.of(1));
    Refresh.RefreshShare forged =
        new Refresh.RefreshShare(s1.identifier(), SecretScalar.random(RND), s1.commitment());
    assertKind(
        () -> Refresh.refreshShare(forged, g.keys().get(Identifier.of(1))),
        FrostException.Kind.INVALID_SECRET_SHARE);
    assertKind(
        () -> Refresh.refreshShare(s1, g.keys().get(Identifier.of(2))),
        FrostException.Kind.UNKNOWN_IDENTIFIER);
    assertKind(
        () -> Refresh.computeRefreshingShares(g.publicKeys(), KeysTestSupport.ids(1, 2), RND),
        FrostException.Kind.INSUFFICIENT_SIGNERS);
    assertKind(
        () -> Refresh.computeRefreshingShares(g.publicKeys(), KeysTestSupport.ids(1, 2, 9), RND),
        FrostException.Kind.UNKNOWN_IDENTIFIER);
  }

  @Test
  void oneOfNCannotBeRefreshed() {
    KeysTestSupport.Group g = KeysTestSupport.dealer(Ciphersuite.RFC9591, 1, 1);
    assertKind(
        () -> Refresh.computeRefreshingShares(g.publicKeys(), g.keys().keySet(), RND),
        FrostException.Kind.INVALID_THRESHOLD);
    assertKind(
        () -> Refresh.dkgPart1(g.keys().get(Identifier.of(1)), g.keys().keySet(), RND),
        FrostException.Kind.INVALID_THRESHOLD);
  }
}
