package dev.frostgate.crypto.frost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.testkit.crypto.Seeded;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Optimistic aggregation: the final signature is verified first, and the shares only when it is
 * invalid, to name every culprit.
 */
class AggregatorTest {

  record Session(SigningPackage pkg, List<SignatureShare> shares) {}

  static Session session(List<KeyPackage> signers, byte[] msg, SecureRandom rnd) {
    List<SigningNonces> nonces = new ArrayList<>();
    signers.forEach(k -> nonces.add(Round1.commit(k, rnd)));
    SigningPackage pkg =
        SigningPackage.of(nonces.stream().map(SigningNonces::commitments).toList(), msg);
    List<SignatureShare> shares = new ArrayList<>();
    for (int i = 0; i < signers.size(); i++) {
      shares.add(Round2.sign(pkg, nonces.get(i), signers.get(i)));
    }
    return new Session(pkg, shares);
  }

  /** Every verifying share moved by G: each one now matches no signer's share. */
  static PublicKeyPackage verifyingSharesOfNobody(PublicKeyPackage keys) {
    TreeMap<Identifier, Point> wrong = new TreeMap<>();
    keys.verifyingShares().forEach((id, y) -> wrong.put(id, y.addMulGenerator(Scalar.ONE)));
    return new PublicKeyPackage(keys.suite(), wrong, keys.verifyingKey(), keys.minSigners());
  }

  /**
   * Structural proof that a valid session verifies no share: against verifying shares that match no
   * signer, every per-share check fails (the second half shows it), yet aggregation returns a valid
   * signature, so no per-share check ran.
   */
  @Property(tries = 8, seed = "10")
  void aValidSessionVerifiesNoShare(
      @ForAll boolean taproot, @ForAll @IntRange(min = 0, max = 1000) int seed) {
    Ciphersuite suite = taproot ? Ciphersuite.TAPROOT : Ciphersuite.RFC9591;
    SecureRandom rnd = Seeded.sha1prng(seed);
    SigningTest.Setup s = SigningTest.dealer(suite, 15, 10, rnd);
    PublicKeyPackage wrongShares = verifyingSharesOfNobody(s.publicKeys());
    byte[] msg = new byte[32];
    rnd.nextBytes(msg);
    Session ok = session(s.keys().subList(0, 10), msg, rnd);

    Signature sig = Aggregator.aggregate(ok.pkg(), ok.shares(), wrongShares);
    assertThat(suite.verify(sig, msg, suite.preAggregate(s.publicKeys()).verifyingKey())).isTrue();

    // The same verifying shares reject every share once the per-share checks run: one bad share
    // makes the signature invalid, and blame then names all ten signers.
    List<SignatureShare> oneBad = new ArrayList<>(ok.shares());
    SignatureShare first = oneBad.get(0);
    oneBad.set(0, new SignatureShare(first.identifier(), first.share().add(Scalar.ONE)));
    assertThatThrownBy(() -> Aggregator.aggregate(ok.pkg(), oneBad, wrongShares))
        .isInstanceOfSatisfying(
            FrostException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_SIGNATURE_SHARE);
              assertThat(e.culprits()).isEqualTo(ok.pkg().commitments().keySet().stream().toList());
            });
  }

  /**
   * Any set of invalid shares, for both ciphersuites: every culprit is named, nobody else, and the
   * signing package with the shares is evidence that a third party re-checks to the same culprits.
   */
  @Property(tries = 16, seed = "11")
  void everyInvalidShareIsNamedWithEvidence(
      @ForAll boolean taproot,
      @ForAll @IntRange(min = 1, max = 10) int bad,
      @ForAll @IntRange(min = 0, max = 1000) int seed) {
    Ciphersuite suite = taproot ? Ciphersuite.TAPROOT : Ciphersuite.RFC9591;
    SecureRandom rnd = Seeded.sha1prng(seed);
    SigningTest.Setup s = SigningTest.dealer(suite, 15, 10, rnd);
    List<KeyPackage> signers = SigningTest.randomSubset(s.keys(), 10, new Random(seed));
    Session ok = session(signers, new byte[32], rnd);
    List<SignatureShare> shares = new ArrayList<>(ok.shares());
    TreeSet<Identifier> cheaters = new TreeSet<>();
    Random pick = new Random(seed + 1L);
    while (cheaters.size() < bad) {
      int i = pick.nextInt(shares.size());
      SignatureShare good = shares.get(i);
      if (cheaters.add(good.identifier())) {
        Scalar delta = Scalar.of(1 + pick.nextInt(1 << 30));
        shares.set(i, new SignatureShare(good.identifier(), good.share().add(delta)));
      }
    }
    List<Identifier> expected = List.copyOf(cheaters);

    assertThatThrownBy(() -> Aggregator.aggregate(ok.pkg(), shares, s.publicKeys()))
        .isInstanceOfSatisfying(
            FrostException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_SIGNATURE_SHARE);
              assertThat(e.culprits()).isEqualTo(expected);
            });
    // Third-party check of the evidence: the same package and shares (in another order) against
    // the group's public key package name the same culprits.
    List<SignatureShare> reordered = new ArrayList<>(shares);
    java.util.Collections.reverse(reordered);
    PublicKeyPackage third =
        PublicKeyPackage.of(
            suite,
            s.publicKeys().verifyingShares(),
            s.publicKeys().verifyingKey(),
            s.publicKeys().minSigners());
    assertThatThrownBy(() -> Aggregator.aggregate(ok.pkg(), reordered, third))
        .isInstanceOfSatisfying(
            FrostException.class, e -> assertThat(e.culprits()).isEqualTo(expected));
  }

  /**
   * Shares that are each invalid but sum to the right value form a valid signature, and that
   * signature is what aggregation returns (as in frost-core): the output is always a signature that
   * verifies, never one built on an unchecked share.
   */
  @Property(tries = 4, seed = "12")
  void offsettingSharesStillYieldAVerifiedSignature(@ForAll boolean taproot) {
    Ciphersuite suite = taproot ? Ciphersuite.TAPROOT : Ciphersuite.RFC9591;
    SecureRandom rnd = Seeded.sha1prng(taproot ? 1 : 2);
    SigningTest.Setup s = SigningTest.dealer(suite, 5, 3, rnd);
    byte[] msg = new byte[32];
    Session ok = session(s.keys().subList(0, 3), msg, rnd);
    List<SignatureShare> shares = new ArrayList<>(ok.shares());
    Scalar delta = Scalar.of(77);
    SignatureShare a = shares.get(0);
    SignatureShare b = shares.get(1);
    shares.set(0, new SignatureShare(a.identifier(), a.share().add(delta)));
    shares.set(1, new SignatureShare(b.identifier(), b.share().subtract(delta)));

    Signature sig = Aggregator.aggregate(ok.pkg(), shares, s.publicKeys());
    assertThat(suite.verify(sig, msg, suite.preAggregate(s.publicKeys()).verifyingKey())).isTrue();
  }
}
