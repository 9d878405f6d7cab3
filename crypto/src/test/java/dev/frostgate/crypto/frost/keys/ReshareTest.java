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
import dev.frostgate.crypto.frost.VssCommitment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReshareTest {

  /** (t, n) → (t', n'), new identifiers starting at {@code firstNew}. */
  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Ciphersuite suite : Ciphersuite.all()) {
      out.add(Arguments.of(suite, 1, 1, 2, 3, 1));
      out.add(Arguments.of(suite, 2, 3, 1, 1, 7));
      out.add(Arguments.of(suite, 2, 3, 3, 5, 2));
      out.add(Arguments.of(suite, 3, 5, 4, 7, 101));
      out.add(Arguments.of(suite, 3, 5, 2, 3, 1));
      out.add(Arguments.of(suite, 10, 15, 10, 15, 1));
    }
    return out.stream();
  }

  record Run(
      Map<Identifier, Reshare.Dealing> dealings,
      SortedMap<Identifier, VssCommitment> commitments,
      List<Identifier> newIds) {
    Map<Identifier, SecretScalar> inbox(Identifier j) {
      Map<Identifier, SecretScalar> in = new TreeMap<>();
      dealings.forEach((d, dealing) -> in.put(d, dealing.shareFor(j).orElseThrow()));
      return in;
    }
  }

  static Run deal(
      KeysTestSupport.Group g, List<Identifier> dealers, List<Identifier> newIds, int t2) {
    Map<Identifier, Reshare.Dealing> dealings = new TreeMap<>();
    SortedMap<Identifier, VssCommitment> commitments = new TreeMap<>();
    for (Identifier d : dealers) {
      Reshare.Dealing dealing = Reshare.deal(g.keys().get(d), dealers, newIds, t2, RND);
      dealings.put(d, dealing);
      commitments.put(d, dealing.commitment());
    }
    return new Run(dealings, commitments, newIds);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void resharedGroupKeepsTheKeyAndSigns(
      Ciphersuite suite, int t, int n, int t2, int n2, int firstNew) {
    KeysTestSupport.Group g = KeysTestSupport.dealer(suite, n, t);
    List<Identifier> dealers = KeysTestSupport.pick(g.keys().keySet(), t);
    List<Identifier> newIds = KeysTestSupport.range(firstNew, n2);
    Run run = deal(g, dealers, newIds, t2);

    SortedMap<Identifier, KeyPackage> fresh = new TreeMap<>();
    PublicKeyPackage pub = null;
    for (Identifier j : newIds) {
      KeyUpdate u = Reshare.receive(j, g.publicKeys(), newIds, t2, run.commitments(), run.inbox(j));
      fresh.put(j, u.keyPackage());
      if (pub == null) {
        pub = u.publicKeys();
      }
      assertThat(u.publicKeys()).isEqualTo(pub);
    }
    run.dealings().values().forEach(Reshare.Dealing::destroy);

    assertThat(pub.verifyingKey()).isEqualTo(g.publicKeys().verifyingKey());
    assertThat(pub.minSigners()).isEqualTo(t2);
    assertThat(pub.verifyingShares().keySet()).containsExactlyElementsOf(newIds);
    assertThat(Reshare.newPublicKeys(g.publicKeys(), newIds, t2, run.commitments())).isEqualTo(pub);
    for (KeyPackage k : fresh.values()) {
      assertThat(k.suite()).isEqualTo(suite);
      assertThat(k.minSigners()).isEqualTo(t2);
    }
    KeysTestSupport.assertSignsWithRandomSubset(fresh, pub);
  }

  @Test
  void threeOfFiveToFourOfSevenWithDisjointIdentifiers() {
    for (Ciphersuite suite : Ciphersuite.all()) {
      KeysTestSupport.Group g = KeysTestSupport.dealer(suite, 5, 3);
      List<Identifier> dealers = KeysTestSupport.ids(1, 3, 4, 5); // more than t dealers is fine
      List<Identifier> newIds = KeysTestSupport.range(101, 7);
      Run run = deal(g, dealers, newIds, 4);
      SortedMap<Identifier, KeyPackage> fresh = new TreeMap<>();
      PublicKeyPackage pub = Reshare.newPublicKeys(g.publicKeys(), newIds, 4, run.commitments());
      for (Identifier j : newIds) {
        fresh.put(
            j,
            Reshare.receive(j, g.publicKeys(), newIds, 4, run.commitments(), run.inbox(j))
                .keyPackage());
      }
      assertThat(pub.verifyingKey()).isEqualTo(g.publicKeys().verifyingKey());
      KeysTestSupport.assertSignsWithRandomSubset(fresh, pub);
      // three new shares are below the new threshold
      assertKind(
          () -> KeysTestSupport.sign(KeysTestSupport.pick(fresh.values(), 3), pub),
          FrostException.Kind.INSUFFICIENT_SIGNERS);

      // Old shares cannot be mixed with new ones: 2 old + 2 new under a combined package fail.
      TreeMap<Identifier, Point> union = new TreeMap<>(pub.verifyingShares());
      union.putAll(g.publicKeys().verifyingShares());
      PublicKeyPackage combined = new PublicKeyPackage(suite, union, pub.verifyingKey(), 4);
      List<KeyPackage> mixed = new ArrayList<>();
      mixed.add(g.keys().get(Identifier.of(1)));
      mixed.add(g.keys().get(Identifier.of(2)));
      mixed.add(fresh.get(Identifier.of(101)));
      mixed.add(fresh.get(Identifier.of(102)));
      assertKind(
          () -> KeysTestSupport.sign(mixed, combined), FrostException.Kind.INVALID_SIGNATURE);
      assertThat(KeysTestSupport.interpolate(mixed))
          .isNotEqualTo(KeysTestSupport.interpolate(KeysTestSupport.pick(fresh.values(), 4)));
      // ... and the new package knows nothing of old identifiers
      assertKind(() -> KeysTestSupport.sign(mixed, pub), FrostException.Kind.UNKNOWN_IDENTIFIER);
    }
  }

  @Test
  void aDealerSendingAWrongShareIsNamed() {
    KeysTestSupport.Group g = KeysTestSupport.dealer(Ciphersuite.TAPROOT, 5, 3);
    List<Identifier> dealers = KeysTestSupport.ids(1, 2, 3);
    List<Identifier> newIds = KeysTestSupport.range(11, 5);
    Run run = deal(g, dealers, newIds, 3);
    Identifier victim = Identifier.of(12);
    Map<Identifier, SecretScalar> inbox = run.inbox(victim);
    inbox.put(Identifier.of(2), SecretScalar.random(RND));

    assertThatThrownBy(
            () -> Reshare.receive(victim, g.publicKeys(), newIds, 3, run.commitments(), inbox))
        .isInstanceOfSatisfying(
            FrostException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_SECRET_SHARE);
              assertThat(e.culprits()).containsExactly(Identifier.of(2));
            });
    List<RefreshComplaint> complaints =
        Reshare.complaints(victim, g.publicKeys(), dealers, 3, run.commitments(), inbox);
    assertThat(complaints).hasSize(1);
    RefreshComplaint c = complaints.get(0);
    assertThat(c.reason()).isEqualTo(RefreshComplaint.Reason.SHARE_MISMATCH);
    assertThat(
            Reshare.upholds(
                c, g.publicKeys(), dealers, 3, Optional.of(run.commitments().get(c.accused()))))
        .isTrue();
    // the honest share from dealer 1 would not support an accusation
    RefreshComplaint bogus =
        new RefreshComplaint(
            victim,
            Identifier.of(1),
            RefreshComplaint.Reason.SHARE_MISMATCH,
            Optional.of(inbox.get(Identifier.of(1)).reveal()));
    assertThat(
            Reshare.upholds(
                bogus,
                g.publicKeys(),
                dealers,
                3,
                Optional.of(run.commitments().get(Identifier.of(1)))))
        .isFalse();
  }

  @Test
  void aDealerDealingTheWrongSecretIsNamed() {
    KeysTestSupport.Group g = KeysTestSupport.dealer(Ciphersuite.RFC9591, 5, 3);
    List<Identifier> dealers = KeysTestSupport.ids(1, 2, 3);
    List<Identifier> newIds = KeysTestSupport.range(1, 5);
    Run run = deal(g, dealers, newIds, 3);
    // dealer 3 deals a consistent polynomial around a secret of its choosing (shares match it)
    KeyPackage liar = g.keys().get(Identifier.of(3));
    SecretScalar chosen = SecretScalar.random(RND);
    KeyPackage fake =
        new KeyPackage(
            liar.suite(),
            liar.identifier(),
            chosen,
            chosen.publicPoint(),
            liar.verifyingKey(),
            liar.minSigners());
    Reshare.Dealing bad = Reshare.deal(fake, dealers, newIds, 3, RND);
    run.dealings().put(Identifier.of(3), bad);
    run.commitments().put(Identifier.of(3), bad.commitment());

    for (Identifier j : newIds) {
      assertThatThrownBy(
              () -> Reshare.receive(j, g.publicKeys(), newIds, 3, run.commitments(), run.inbox(j)))
          .isInstanceOfSatisfying(
              FrostException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(FrostException.Kind.INCORRECT_COMMITMENT);
                assertThat(e.culprits()).containsExactly(Identifier.of(3));
              });
    }
    assertKind(
        () -> Reshare.newPublicKeys(g.publicKeys(), newIds, 3, run.commitments()),
        FrostException.Kind.INCORRECT_COMMITMENT);
    List<RefreshComplaint> complaints =
        Reshare.commitmentComplaints(
            Identifier.of(1), g.publicKeys(), dealers, 3, run.commitments());
    assertThat(complaints)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.reason()).isEqualTo(RefreshComplaint.Reason.WRONG_CONSTANT_TERM);
              assertThat(
                      Reshare.upholds(c, g.publicKeys(), dealers, 3, Optional.of(bad.commitment())))
                  .isTrue();
            });
  }

  @Test
  void aCommitmentOfTheWrongLengthIsNamed() {
    KeysTestSupport.Group g = KeysTestSupport.dealer(Ciphersuite.RFC9591, 5, 3);
    List<Identifier> dealers = KeysTestSupport.ids(2, 4, 5);
    List<Identifier> newIds = KeysTestSupport.range(1, 5);
    Run run = deal(g, dealers, newIds, 3);
    VssCommitment c4 = run.commitments().get(Identifier.of(4));
    List<Point> longer = new ArrayList<>(c4.coefficients());
    longer.add(Point.G);
    run.commitments().put(Identifier.of(4), new VssCommitment(longer));
    assertThatThrownBy(
            () ->
                Reshare.receive(
                    Identifier.of(1),
                    g.publicKeys(),
                    newIds,
                    3,
                    run.commitments(),
                    run.inbox(Identifier.of(1))))
        .isInstanceOfSatisfying(
            FrostException.class, e -> assertThat(e.culprits()).containsExactly(Identifier.of(4)));
  }

  @Test
  void rejectsTooFewOrUnknownDealers() {
    KeysTestSupport.Group g = KeysTestSupport.dealer(Ciphersuite.RFC9591, 5, 3);
    List<Identifier> newIds = KeysTestSupport.range(1, 4);
    KeyPackage k1 = g.keys().get(Identifier.of(1));
    assertKind(
        () -> Reshare.deal(k1, KeysTestSupport.ids(1, 2), newIds, 2, RND),
        FrostException.Kind.INSUFFICIENT_SIGNERS);
    assertKind(
        () -> Reshare.deal(k1, KeysTestSupport.ids(2, 3, 4), newIds, 2, RND),
        FrostException.Kind.UNKNOWN_IDENTIFIER);
    assertKind(
        () -> Reshare.deal(k1, KeysTestSupport.ids(1, 2, 3), newIds, 5, RND),
        FrostException.Kind.INVALID_THRESHOLD);
    Run run = deal(g, KeysTestSupport.ids(1, 2, 3), newIds, 2);
    SortedMap<Identifier, VssCommitment> two = new TreeMap<>(run.commitments());
    two.remove(Identifier.of(3));
    assertKind(
        () ->
            Reshare.receive(
                Identifier.of(1), g.publicKeys(), newIds, 2, two, run.inbox(Identifier.of(1))),
        FrostException.Kind.INSUFFICIENT_SIGNERS);
    assertKind(
        () ->
            Reshare.receive(
                Identifier.of(9),
                g.publicKeys(),
                newIds,
                2,
                run.commitments(),
                run.inbox(Identifier.of(1))),
        FrostException.Kind.UNKNOWN_IDENTIFIER);
  }
}
