package dev.frostgate.crypto.frost.keys;

import static dev.frostgate.crypto.frost.keys.KeysTestSupport.RND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.testkit.crypto.TrustedDealer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RepairTest {

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Ciphersuite suite : Ciphersuite.all()) {
      out.add(Arguments.of(suite, 1, 3));
      out.add(Arguments.of(suite, 2, 3));
      out.add(Arguments.of(suite, 3, 5));
      out.add(Arguments.of(suite, 10, 15));
    }
    return out.stream();
  }

  /** Runs parts 1–3 for {@code participant} with {@code helpers}; returns the sigmas. */
  static List<SecretScalar> sigmas(
      KeysTestSupport.Group g, List<Identifier> helpers, Identifier participant) {
    Map<Identifier, SortedMap<Identifier, SecretScalar>> sent = new TreeMap<>();
    for (Identifier h : helpers) {
      sent.put(h, Repair.part1(helpers, g.keys().get(h), participant, RND));
    }
    List<SecretScalar> sigmas = new ArrayList<>();
    for (Identifier j : helpers) {
      List<SecretScalar> received = new ArrayList<>();
      sent.values().forEach(m -> received.add(m.get(j)));
      sigmas.add(Repair.part2(received));
    }
    return sigmas;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void repairedShareEqualsTheLostOneAndSigns(Ciphersuite suite, int t, int n) {
    KeysTestSupport.Group g = KeysTestSupport.dealer(suite, n, t);
    Identifier lost = KeysTestSupport.pick(g.keys().keySet(), 1).get(0);
    List<Identifier> others = new ArrayList<>(g.keys().keySet());
    others.remove(lost);
    List<Identifier> helpers = KeysTestSupport.pick(others, Math.max(2, t));

    KeyPackage repaired = Repair.part3(sigmas(g, helpers, lost), lost, g.publicKeys());

    KeyPackage original = g.keys().get(lost);
    assertThat(repaired.signingShare().sameValue(original.signingShare())).isTrue();
    assertThat(repaired.verifyingShare()).isEqualTo(original.verifyingShare());
    assertThat(repaired.verifyingKey()).isEqualTo(original.verifyingKey());
    assertThat(repaired.minSigners()).isEqualTo(t);

    SortedMap<Identifier, KeyPackage> keys = new TreeMap<>(g.keys());
    keys.put(lost, repaired);
    List<KeyPackage> signers = new ArrayList<>();
    signers.add(repaired);
    KeysTestSupport.pick(others, t - 1).forEach(id -> signers.add(keys.get(id)));
    KeysTestSupport.sign(signers, g.publicKeys());
  }

  @Test
  void part3AgainstTheDealersCommitment() {
    TrustedDealer.Output out = TrustedDealer.generate(Ciphersuite.RFC9591, 5, 3, RND);
    SortedMap<Identifier, KeyPackage> keys = new TreeMap<>();
    out.shares().forEach((id, s) -> keys.put(id, s.toKeyPackage()));
    KeysTestSupport.Group g = new KeysTestSupport.Group(keys, out.publicKeys());
    KeyPackage repaired =
        Repair.part3(
            sigmas(g, KeysTestSupport.ids(1, 4, 5), Identifier.of(2)),
            Identifier.of(2),
            Ciphersuite.RFC9591,
            out.shares().get(Identifier.of(1)).commitment());
    assertThat(repaired.verifyingShare()).isEqualTo(keys.get(Identifier.of(2)).verifyingShare());
    assertThat(repaired.verifyingKey()).isEqualTo(out.publicKeys().verifyingKey());
  }

  @Test
  void aWrongDeltaIsDetected() {
    KeysTestSupport.Group g = KeysTestSupport.dealer(Ciphersuite.TAPROOT, 5, 3);
    List<Identifier> helpers = KeysTestSupport.ids(1, 4, 5);
    Identifier participant = Identifier.of(2);
    Map<Identifier, SortedMap<Identifier, SecretScalar>> sent = new TreeMap<>();
    for (Identifier h : helpers) {
      sent.put(h, new TreeMap<>(Repair.part1(helpers, g.keys().get(h), participant, RND)));
    }
    sent.get(Identifier.of(4)).put(Identifier.of(1), SecretScalar.random(RND)); // helper 4 lies
    List<SecretScalar> sigmas = new ArrayList<>();
    for (Identifier j : helpers) {
      sigmas.add(Repair.part2(sent.values().stream().map(m -> m.get(j)).toList()));
    }
    assertThatThrownBy(() -> Repair.part3(sigmas, participant, g.publicKeys()))
        .isInstanceOfSatisfying(
            FrostException.class,
            e -> assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_SECRET_SHARE));
  }

  @Test
  void rejectsBadHelperSets() {
    KeysTestSupport.Group g = KeysTestSupport.dealer(Ciphersuite.RFC9591, 5, 3);
    KeyPackage h1 = g.keys().get(Identifier.of(1));
    Identifier two = Identifier.of(2);
    assertKind(
        () -> Repair.part1(KeysTestSupport.ids(1, 4), h1, two, RND),
        FrostException.Kind.INSUFFICIENT_SIGNERS);
    assertKind(
        () -> Repair.part1(KeysTestSupport.ids(1, 4, 4, 5), h1, two, RND),
        FrostException.Kind.DUPLICATE_IDENTIFIER);
    assertKind(
        () -> Repair.part1(KeysTestSupport.ids(3, 4, 5), h1, two, RND),
        FrostException.Kind.UNKNOWN_IDENTIFIER);
    assertKind(
        () -> Repair.part1(KeysTestSupport.ids(1, 2, 5), h1, two, RND),
        FrostException.Kind.INVALID_IDENTIFIER);
    assertKind(
        () -> Repair.part3(List.of(SecretScalar.random(RND)), two, g.publicKeys()),
        FrostException.Kind.INSUFFICIENT_SIGNERS);
    assertKind(
        () ->
            Repair.part3(
                List.of(
                    SecretScalar.random(RND), SecretScalar.random(RND), SecretScalar.random(RND)),
                Identifier.of(9),
                g.publicKeys()),
        FrostException.Kind.UNKNOWN_IDENTIFIER);
  }

  static void assertKind(Runnable r, FrostException.Kind kind) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
