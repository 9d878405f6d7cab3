package dev.frostgate.crypto.frost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.testkit.crypto.InProcessSigning;
import dev.frostgate.testkit.crypto.Seeded;
import dev.frostgate.testkit.crypto.TrustedDealer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SigningTest {

  record Setup(List<KeyPackage> keys, PublicKeyPackage publicKeys) {}

  static Setup dealer(Ciphersuite suite, int n, int t, SecureRandom rnd) {
    TrustedDealer.Output out = TrustedDealer.generate(suite, n, t, rnd);
    List<KeyPackage> keys = new ArrayList<>();
    out.shares().values().forEach(s -> keys.add(s.toKeyPackage()));
    return new Setup(keys, out.publicKeys());
  }

  static List<KeyPackage> randomSubset(List<KeyPackage> keys, int size, Random r) {
    List<KeyPackage> copy = new ArrayList<>(keys);
    Collections.shuffle(copy, r);
    return copy.subList(0, size);
  }

  @Property(tries = 25, seed = "20261122")
  void randomThresholdsAndSubsetsSign(
      @ForAll @IntRange(min = 1, max = 100) int n,
      @ForAll @IntRange(min = 1, max = 50) int tRaw,
      @ForAll boolean taproot,
      @ForAll @IntRange(min = 0, max = 10_000) int seed) {
    int t = Math.min(tRaw, n);
    Ciphersuite suite = taproot ? Ciphersuite.TAPROOT : Ciphersuite.RFC9591;
    SecureRandom rnd = Seeded.sha1prng(seed);
    Setup s = dealer(suite, n, t, rnd);
    Random r = new Random(seed);
    int signers = t + r.nextInt(n - t + 1);
    byte[] msg = Hashes.sha256(new byte[] {(byte) seed});
    Signature sig =
        InProcessSigning.sign(s.publicKeys(), randomSubset(s.keys(), signers, r), msg, rnd);
    Point key = suite.preAggregate(s.publicKeys()).verifyingKey();
    assertThat(suite.verify(sig, msg, key)).isTrue();
    if (taproot) {
      // Independent check: libsecp256k1's own BIP340 verification.
      assertThat(Secp256k1.verifySchnorr(suite.serializeSignature(sig), msg, key.xOnly())).isTrue();
    }
  }

  @Test
  void taprootWorksForKeysOfBothParities() {
    int odd = 0;
    int even = 0;
    SecureRandom rnd = Seeded.sha1prng(5);
    while (odd < 3 || even < 3) {
      Setup s = dealer(Ciphersuite.TAPROOT, 3, 2, rnd);
      boolean isEven = s.publicKeys().verifyingKey().hasEvenY();
      byte[] msg = new byte[32];
      rnd.nextBytes(msg);
      Signature sig = InProcessSigning.sign(s.publicKeys(), s.keys().subList(0, 2), msg, rnd);
      byte[] xonly = s.publicKeys().verifyingKey().xOnly();
      assertThat(Secp256k1.verifySchnorr(Ciphersuite.TAPROOT.serializeSignature(sig), msg, xonly))
          .as("BIP340 verify, key with %s y", isEven ? "even" : "odd")
          .isTrue();
      if (isEven) {
        even++;
      } else {
        odd++;
      }
    }
  }

  @Property(tries = 40, seed = "77")
  void anyAlteredShareIsBlamedOnItsSigner(
      @ForAll @IntRange(min = 0, max = 31) int bytePos,
      @ForAll @IntRange(min = 1, max = 255) int xor,
      @ForAll @IntRange(min = 0, max = 9) int victim,
      @ForAll boolean taproot) {
    Ciphersuite suite = taproot ? Ciphersuite.TAPROOT : Ciphersuite.RFC9591;
    SecureRandom rnd = Seeded.sha1prng(bytePos * 1000L + xor);
    Setup s = dealer(suite, 15, 10, rnd);
    List<KeyPackage> signers = s.keys().subList(0, 10);
    List<SigningNonces> nonces = new ArrayList<>();
    signers.forEach(k -> nonces.add(Round1.commit(k, rnd)));
    SigningPackage pkg =
        SigningPackage.of(nonces.stream().map(SigningNonces::commitments).toList(), new byte[32]);
    List<SignatureShare> shares = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      shares.add(Round2.sign(pkg, nonces.get(i), signers.get(i)));
    }
    SignatureShare good = shares.get(victim);
    byte[] raw = good.share().toBytes();
    raw[bytePos] ^= (byte) xor;
    Scalar altered = Scalar.reduce(raw);
    shares.set(victim, new SignatureShare(good.identifier(), altered));
    assertThatThrownBy(() -> Aggregator.aggregate(pkg, shares, s.publicKeys()))
        .isInstanceOfSatisfying(
            FrostException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(FrostException.Kind.INVALID_SIGNATURE_SHARE);
              assertThat(e.culprits()).containsExactly(good.identifier());
            });
  }

  @Test
  void malformedSigningInputsAreRejectedWithTypedErrors() {
    SecureRandom rnd = Seeded.sha1prng(3);
    Setup s = dealer(Ciphersuite.TAPROOT, 5, 3, rnd);
    List<KeyPackage> k = s.keys();
    SigningNonces n1 = Round1.commit(k.get(0), rnd);
    SigningNonces n2 = Round1.commit(k.get(1), rnd);
    SigningNonces n3 = Round1.commit(k.get(2), rnd);
    byte[] msg = new byte[] {1, 2, 3};

    // Fewer than t signers.
    SigningPackage two = SigningPackage.of(List.of(n1.commitments(), n2.commitments()), msg);
    assertKind(() -> Round2.sign(two, n1, k.get(0)), FrostException.Kind.INSUFFICIENT_SIGNERS);

    // Duplicate identifiers.
    assertKind(
        () -> SigningPackage.of(List.of(n1.commitments(), n1.commitments()), msg),
        FrostException.Kind.DUPLICATE_IDENTIFIER);

    // A commitment that is not the signer's own.
    SigningCommitments forged =
        new SigningCommitments(
            n1.commitments().identifier(), n2.commitments().hiding(), n1.commitments().binding());
    SigningPackage wrong =
        SigningPackage.of(List.of(forged, n2.commitments(), n3.commitments()), msg);
    assertKind(() -> Round2.sign(wrong, n1, k.get(0)), FrostException.Kind.INCORRECT_COMMITMENT);

    // Message substitution against the approved message.
    SigningPackage pkg =
        SigningPackage.of(List.of(n1.commitments(), n2.commitments(), n3.commitments()), msg);
    assertKind(
        () -> Round2.signApproved(pkg, n3, k.get(2), new byte[] {9}),
        FrostException.Kind.MESSAGE_MISMATCH);
    assertThat(n3.isUsed()).isTrue();

    // Nonces are single use.
    SignatureShare z1 = Round2.sign(pkg, n1, k.get(0));
    assertKind(() -> Round2.sign(pkg, n1, k.get(0)), FrostException.Kind.NONCES_ALREADY_USED);

    // Aggregation: missing, duplicate and unknown shares.
    SignatureShare z2 = Round2.sign(pkg, n2, k.get(1));
    assertKind(
        () -> Aggregator.aggregate(pkg, List.of(z1, z2), s.publicKeys()),
        FrostException.Kind.INSUFFICIENT_SIGNERS);
    assertKind(
        () -> Aggregator.aggregate(pkg, List.of(z1, z2, z2), s.publicKeys()),
        FrostException.Kind.DUPLICATE_IDENTIFIER);
    assertKind(
        () ->
            Aggregator.aggregate(
                pkg,
                List.of(z1, z2, new SignatureShare(Identifier.of(5), Scalar.ONE)),
                s.publicKeys()),
        FrostException.Kind.UNKNOWN_IDENTIFIER);

    // Off-curve, identity and out-of-range encodings.
    byte[] offCurve = new byte[33];
    offCurve[0] = 2;
    offCurve[32] = 5; // x = 5 is not on secp256k1
    assertKind(() -> Encodings.point(offCurve, "test"), FrostException.Kind.MALFORMED_ELEMENT);
    assertKind(() -> Encodings.point(new byte[33], "test"), FrostException.Kind.IDENTITY_ELEMENT);
    byte[] big = new byte[32];
    java.util.Arrays.fill(big, (byte) 0xff);
    assertKind(() -> Encodings.scalar(big, "test"), FrostException.Kind.MALFORMED_SCALAR);
    assertKind(() -> Identifier.of(0), FrostException.Kind.INVALID_IDENTIFIER);
  }

  @Test
  void tweakedKeyPackagesSignForTheTweakedKey() {
    SecureRandom rnd = Seeded.sha1prng(8);
    Setup s = dealer(Ciphersuite.TAPROOT, 5, 3, rnd);
    Scalar t = Scalar.of(123456789);
    List<KeyPackage> tweaked = s.keys().stream().map(k -> k.tweak(t)).toList();
    PublicKeyPackage pk = s.publicKeys().tweak(t);
    assertThat(pk.verifyingKey()).isEqualTo(s.publicKeys().verifyingKey().addMulGenerator(t));
    byte[] msg = new byte[32];
    Signature sig = InProcessSigning.sign(pk, tweaked.subList(1, 4), msg, rnd);
    assertThat(
            Secp256k1.verifySchnorr(
                Ciphersuite.TAPROOT.serializeSignature(sig), msg, pk.verifyingKey().xOnly()))
        .isTrue();
  }

  static void assertKind(Runnable r, FrostException.Kind kind) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(FrostException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }
}
