package dev.frostgate.crypto.frost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.testkit.crypto.Seeded;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BatchSigningTest {
  @Test
  void signsOneMessagePerInputInOneSession() {
    SecureRandom rnd = Seeded.sha1prng(21);
    SigningTest.Setup s = SigningTest.dealer(Ciphersuite.TAPROOT, 15, 10, rnd);
    List<KeyPackage> signers = s.keys().subList(3, 13);
    List<byte[]> messages = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      byte[] m = new byte[32];
      m[0] = (byte) i;
      messages.add(m);
    }
    Map<Identifier, List<SigningNonces>> nonces = new TreeMap<>();
    Map<Identifier, List<SigningCommitments>> commitments = new TreeMap<>();
    for (KeyPackage k : signers) {
      List<SigningNonces> n = BatchSigning.commit(k, messages.size(), rnd);
      nonces.put(k.identifier(), n);
      commitments.put(k.identifier(), n.stream().map(SigningNonces::commitments).toList());
    }
    List<SigningPackage> packages = BatchSigning.packages(commitments, messages);
    List<List<SignatureShare>> perMessage = new ArrayList<>();
    messages.forEach(m -> perMessage.add(new ArrayList<>()));
    for (KeyPackage k : signers) {
      List<SignatureShare> shares = BatchSigning.sign(packages, nonces.get(k.identifier()), k);
      for (int i = 0; i < shares.size(); i++) {
        perMessage.get(i).add(shares.get(i));
      }
    }
    List<Signature> sigs = BatchSigning.aggregate(packages, perMessage, s.publicKeys());
    byte[] key = Ciphersuite.TAPROOT.preAggregate(s.publicKeys()).verifyingKey().xOnly();
    for (int i = 0; i < sigs.size(); i++) {
      assertThat(
              Secp256k1.verifySchnorr(
                  Ciphersuite.TAPROOT.serializeSignature(sigs.get(i)), messages.get(i), key))
          .isTrue();
    }
    // Nonces were one per message, all distinct and all consumed.
    assertThat(nonces.values().stream().flatMap(List::stream).allMatch(SigningNonces::isUsed))
        .isTrue();
    assertThat(
            packages.stream()
                .map(p -> p.commitment(signers.get(0).identifier()).orElseThrow().hiding())
                .distinct()
                .count())
        .isEqualTo(messages.size());
  }

  @Test
  void packagesWithDifferentSignerSetsAreNotOneSession() {
    SecureRandom rnd = Seeded.sha1prng(22);
    SigningTest.Setup s = SigningTest.dealer(Ciphersuite.RFC9591, 5, 2, rnd);
    KeyPackage a = s.keys().get(0);
    KeyPackage b = s.keys().get(1);
    KeyPackage c = s.keys().get(2);
    List<SigningNonces> na = BatchSigning.commit(a, 2, rnd);
    SigningNonces nb = Round1.commit(b, rnd);
    SigningNonces nc = Round1.commit(c, rnd);
    SigningPackage p0 =
        SigningPackage.of(List.of(na.get(0).commitments(), nb.commitments()), new byte[1]);
    SigningPackage p1 =
        SigningPackage.of(List.of(na.get(1).commitments(), nc.commitments()), new byte[1]);
    SigningTest.assertKind(
        () -> BatchSigning.sign(List.of(p0, p1), na, a), FrostException.Kind.UNKNOWN_IDENTIFIER);
    assertThat(na).allMatch(SigningNonces::isUsed);
  }

  @Test
  void signEachUsesOneKeyPerMessage() {
    SecureRandom rnd = Seeded.sha1prng(22);
    SigningTest.Setup s = SigningTest.dealer(Ciphersuite.TAPROOT, 5, 3, rnd);
    List<KeyPackage> signers = s.keys().subList(0, 3);
    List<dev.frostgate.crypto.ec.Scalar> tweaks =
        List.of(dev.frostgate.crypto.ec.Scalar.of(7), dev.frostgate.crypto.ec.Scalar.of(11));
    List<byte[]> messages = List.of(new byte[32], new byte[] {1});
    Map<Identifier, List<SigningNonces>> nonces = new TreeMap<>();
    Map<Identifier, List<SigningCommitments>> commitments = new TreeMap<>();
    for (KeyPackage k : signers) {
      List<SigningNonces> n = BatchSigning.commit(k, 2, rnd);
      nonces.put(k.identifier(), n);
      commitments.put(k.identifier(), n.stream().map(SigningNonces::commitments).toList());
    }
    List<SigningPackage> packages = BatchSigning.packages(commitments, messages);
    List<List<SignatureShare>> perMessage = List.of(new ArrayList<>(), new ArrayList<>());
    for (KeyPackage k : signers) {
      List<SignatureShare> shares =
          BatchSigning.signEach(
              packages,
              nonces.get(k.identifier()),
              List.of(k.tweak(tweaks.get(0)), k.tweak(tweaks.get(1))));
      perMessage.get(0).add(shares.get(0));
      perMessage.get(1).add(shares.get(1));
    }
    List<PublicKeyPackage> pubs =
        List.of(s.publicKeys().tweak(tweaks.get(0)), s.publicKeys().tweak(tweaks.get(1)));
    List<Signature> sigs = BatchSigning.aggregateEach(packages, perMessage, pubs);
    for (int i = 0; i < 2; i++) {
      byte[] key = Ciphersuite.TAPROOT.preAggregate(pubs.get(i)).verifyingKey().xOnly();
      assertThat(
              Secp256k1.verifySchnorr(
                  Ciphersuite.TAPROOT.serializeSignature(sigs.get(i)), messages.get(i), key))
          .isTrue();
    }
  }
}
