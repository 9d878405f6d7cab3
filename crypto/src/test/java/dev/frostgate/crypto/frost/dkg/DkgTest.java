package dev.frostgate.crypto.frost.dkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.Lagrange;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.testkit.crypto.InProcessDkg;
import dev.frostgate.testkit.crypto.InProcessSigning;
import dev.frostgate.testkit.crypto.Seeded;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DkgTest {
  enum Suite {
    RFC9591(Ciphersuite.RFC9591),
    TAPROOT(Ciphersuite.TAPROOT);

    final Ciphersuite suite;

    Suite(Ciphersuite suite) {
      this.suite = suite;
    }
  }

  static List<SecretScalar> identities(int n, SecureRandom rnd) {
    List<SecretScalar> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(SecretScalar.random(rnd));
    }
    return keys;
  }

  @ParameterizedTest
  @EnumSource(Suite.class)
  void tenOfFifteenAgreesCertifiesAndSigns(Suite s) {
    SecureRandom rnd = Seeded.sha1prng(1);
    List<SecretScalar> ids = identities(15, rnd);
    InProcessDkg.Result r = InProcessDkg.run(s.suite, 15, 10, ids, rnd);

    // Everyone agrees on the group key, the public key package and the transcript.
    DkgOutput first = r.output(Identifier.of(1));
    for (DkgOutput o : r.outputs().values()) {
      assertThat(o.rawKeyPackage().verifyingKey()).isEqualTo(first.rawKeyPackage().verifyingKey());
      assertThat(o.rawPublicKeyPackage()).isEqualTo(first.rawPublicKeyPackage());
      assertThat(o.transcriptHash()).isEqualTo(first.transcriptHash());
      assertThat(o.rawKeyPackage().signingShare().publicPoint())
          .isEqualTo(
              first.rawPublicKeyPackage().verifyingShares().get(o.rawKeyPackage().identifier()));
    }
    // Any 10 shares interpolate to the group key (checked in the exponent, public values only).
    List<Identifier> subset = List.of(ids(2, 3, 5, 7, 8, 9, 11, 12, 14, 15));
    List<Point> terms = new ArrayList<>();
    for (Identifier id : subset) {
      Scalar lambda = Lagrange.atZero(id, subset);
      terms.add(first.rawPublicKeyPackage().verifyingShares().get(id).multiply(lambda));
    }
    assertThat(Point.sum(terms)).isEqualTo(first.rawKeyPackage().verifyingKey());

    // The certificate verifies with every identity key, and fails without one signature.
    Map<Identifier, Bip340PublicKey> identityKeys = new TreeMap<>();
    for (int i = 0; i < 15; i++) {
      identityKeys.put(Identifier.of(i + 1), Bip340PublicKey.of(ids.get(i).publicPoint().xOnly()));
    }
    r.certificate().verify(identityKeys);
    TreeMap<Identifier, Bip340Signature> missingOne = new TreeMap<>(r.certificate().signatures());
    missingOne.remove(Identifier.of(4));
    DkgCertificate incomplete =
        new DkgCertificate(
            first.transcriptHash(), first.rawKeyPackage().verifyingKey(), missingOne);
    assertThatThrownBy(() -> incomplete.verify(identityKeys))
        .isInstanceOfSatisfying(
            FrostException.class, e -> assertThat(e.culprits()).containsExactly(Identifier.of(4)));

    // The test signature verifies; under Taproot it is a valid BIP340 signature for the output key.
    DkgAcceptance.verify(first.publicKeyPackage(), first.transcriptHash(), r.testSignature());
    if (s.suite == Ciphersuite.TAPROOT) {
      byte[] sig = s.suite.serializeSignature(r.testSignature());
      assertThat(
              dev.frostgate.crypto.ec.Secp256k1.verifySchnorr(
                  sig,
                  DkgAcceptance.testMessage(first.transcriptHash()),
                  first.publicKeyPackage().verifyingKey().xOnly()))
          .isTrue();
    }
    // A signature on another message is not accepted.
    Signature other =
        InProcessSigning.sign(
            first.publicKeyPackage(),
            r.outputs().values().stream().limit(10).map(DkgOutput::keyPackage).toList(),
            new byte[32],
            rnd);
    assertThatThrownBy(
            () -> DkgAcceptance.verify(first.publicKeyPackage(), first.transcriptHash(), other))
        .isInstanceOf(FrostException.class)
        .hasMessageContaining("test signature");
  }

  @Property(tries = 12, seed = "42")
  void randomThresholdsProduceAWorkingKey(
      @ForAll @IntRange(min = 1, max = 12) int n, @ForAll @IntRange(min = 1, max = 12) int tRaw) {
    int t = Math.min(tRaw, n);
    SecureRandom rnd = Seeded.sha1prng(n * 100L + t);
    InProcessDkg.Result r = InProcessDkg.run(Ciphersuite.TAPROOT, n, t, identities(n, rnd), rnd);
    assertThat(r.outputs()).hasSize(n);
  }

  @Test
  void aCorruptedShareIsBlamedWithCheckableEvidence() {
    SecureRandom rnd = Seeded.sha1prng(7);
    int n = 5;
    int t = 3;
    Map<Identifier, Dkg.Part1> p1 = new TreeMap<>();
    Map<Identifier, Round1Package> bc = new TreeMap<>();
    for (int i = 1; i <= n; i++) {
      Dkg.Part1 p = Dkg.part1(Ciphersuite.RFC9591, Identifier.of(i), n, t, rnd);
      p1.put(Identifier.of(i), p);
      bc.put(Identifier.of(i), p.broadcast());
    }
    Map<Identifier, Dkg.Part2> p2 = new TreeMap<>();
    for (var e : p1.entrySet()) {
      Map<Identifier, Round1Package> others = new TreeMap<>(bc);
      others.remove(e.getKey());
      p2.put(e.getKey(), Dkg.part2(e.getValue().secret(), others));
    }
    Identifier victim = Identifier.of(2);
    Identifier cheater = Identifier.of(4);
    Map<Identifier, Round2Package> incoming = new HashMap<>();
    p2.forEach(
        (sender, r) -> {
          if (!sender.equals(victim)) {
            Round2Package honest = r.outgoing().get(victim);
            incoming.put(
                sender,
                sender.equals(cheater)
                    ? new Round2Package(sender, victim, honest.share().add(Scalar.ONE))
                    : honest);
          }
        });
    Map<Identifier, Round1Package> others = new TreeMap<>(bc);
    others.remove(victim);
    assertThatThrownBy(() -> Dkg.part3(p2.get(victim).secret(), others, incoming))
        .isInstanceOfSatisfying(
            DkgException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_SECRET_SHARE);
              assertThat(e.culprits()).containsExactly(cheater);
              assertThat(e.evidence()).hasSize(1);
              assertThat(e.evidence().get(0).isValid()).isTrue();
              // An honest share presented as "evidence" does not convict its sender.
              Round2Package honest = p2.get(Identifier.of(3)).outgoing().get(victim);
              InvalidShareEvidence fake =
                  new InvalidShareEvidence(
                      Identifier.of(3),
                      victim,
                      honest.share().reveal(),
                      bc.get(Identifier.of(3)).commitment());
              assertThat(fake.isValid()).isFalse();
            });
  }

  @Test
  void aForgedProofOfKnowledgeIsBlamed() {
    SecureRandom rnd = Seeded.sha1prng(9);
    Map<Identifier, Round1Package> bc = new TreeMap<>();
    Map<Identifier, Dkg.Part1> p1 = new TreeMap<>();
    for (int i = 1; i <= 3; i++) {
      Dkg.Part1 p = Dkg.part1(Ciphersuite.TAPROOT, Identifier.of(i), 3, 2, rnd);
      p1.put(Identifier.of(i), p);
      bc.put(Identifier.of(i), p.broadcast());
    }
    Round1Package three = bc.get(Identifier.of(3));
    bc.put(
        Identifier.of(3),
        new Round1Package(
            three.sender(),
            three.commitment(),
            new ProofOfKnowledge(three.proof().r(), three.proof().mu().add(Scalar.ONE))));
    Map<Identifier, Round1Package> others = new TreeMap<>(bc);
    others.remove(Identifier.of(1));
    assertThatThrownBy(() -> Dkg.part2(p1.get(Identifier.of(1)).secret(), others))
        .isInstanceOfSatisfying(
            FrostException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_PROOF_OF_KNOWLEDGE);
              assertThat(e.culprits()).containsExactly(Identifier.of(3));
            });
  }

  @Test
  void wrongNumberOfPackagesIsRejected() {
    SecureRandom rnd = Seeded.sha1prng(11);
    Dkg.Part1 me = Dkg.part1(Ciphersuite.RFC9591, Identifier.of(1), 3, 2, rnd);
    Dkg.Part1 two = Dkg.part1(Ciphersuite.RFC9591, Identifier.of(2), 3, 2, rnd);
    assertThatThrownBy(() -> Dkg.part2(me.secret(), Map.of(Identifier.of(2), two.broadcast())))
        .isInstanceOf(FrostException.class)
        .hasMessageContaining("expected round-1 packages from 2");
    assertThatThrownBy(() -> Dkg.part1(Ciphersuite.RFC9591, Identifier.of(1), 3, 4, rnd))
        .isInstanceOf(FrostException.class)
        .hasMessageContaining("threshold");
    assertThatThrownBy(() -> Dkg.part1(Ciphersuite.RFC9591, Identifier.of(1), 1001, 4, rnd))
        .isInstanceOf(FrostException.class)
        .hasMessageContaining("1000");
  }

  static Identifier[] ids(int... v) {
    Identifier[] out = new Identifier[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Identifier.of(v[i]);
    }
    return out;
  }
}
