package dev.frostgate.crypto.frost.keys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.frost.Aggregator;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.Lagrange;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.Round1;
import dev.frostgate.crypto.frost.Round2;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.testkit.crypto.TrustedDealer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Key generation, signing and (test-only) interpolation helpers for the key-management tests. */
final class KeysTestSupport {
  static final SecureRandom RND = new SecureRandom();

  private KeysTestSupport() {}

  record Group(SortedMap<Identifier, KeyPackage> keys, PublicKeyPackage publicKeys) {}

  static Group dealer(Ciphersuite suite, int n, int t) {
    TrustedDealer.Output out = TrustedDealer.generate(suite, n, t, RND);
    SortedMap<Identifier, KeyPackage> keys = new TreeMap<>();
    out.shares().forEach((id, share) -> keys.put(id, share.toKeyPackage()));
    return new Group(keys, out.publicKeys());
  }

  static List<Identifier> ids(long... values) {
    List<Identifier> out = new ArrayList<>();
    for (long v : values) {
      out.add(Identifier.of(v));
    }
    return out;
  }

  static List<Identifier> range(long from, int count) {
    List<Identifier> out = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      out.add(Identifier.of(from + k));
    }
    return out;
  }

  /** A random subset of the given size. */
  static <T> List<T> pick(Collection<T> from, int size) {
    List<T> all = new ArrayList<>(from);
    Collections.shuffle(all, RND);
    return new ArrayList<>(all.subList(0, size));
  }

  /**
   * Signs with the given key packages and returns the aggregate (which the aggregator verified).
   */
  static Signature sign(Collection<KeyPackage> signers, PublicKeyPackage publicKeys) {
    byte[] message = "frostgate key management test".getBytes(StandardCharsets.UTF_8);
    List<SigningNonces> nonces = new ArrayList<>();
    List<SigningCommitments> commitments = new ArrayList<>();
    for (KeyPackage k : signers) {
      SigningNonces n = Round1.commit(k, RND);
      nonces.add(n);
      commitments.add(n.commitments());
    }
    SigningPackage pkg = SigningPackage.of(commitments, message);
    List<SignatureShare> shares = new ArrayList<>();
    int i = 0;
    for (KeyPackage k : signers) {
      shares.add(Round2.sign(pkg, nonces.get(i++), k));
    }
    return Aggregator.aggregate(pkg, shares, publicKeys);
  }

  /** Signs with a random t-subset and checks the signature under the group key. */
  static void assertSignsWithRandomSubset(
      SortedMap<Identifier, KeyPackage> keys, PublicKeyPackage publicKeys) {
    List<KeyPackage> signers = pick(keys.values(), publicKeys.minSigners());
    Signature sig = sign(signers, publicKeys);
    byte[] message = "frostgate key management test".getBytes(StandardCharsets.UTF_8);
    assertThat(publicKeys.suite().verify(sig, message, publicKeys.verifyingKey())).isTrue();
  }

  /** TEST ONLY: the secret interpolated from the given shares (reveals them). */
  static Scalar interpolate(Collection<KeyPackage> shares) {
    List<Identifier> ids = shares.stream().map(KeyPackage::identifier).toList();
    Scalar acc = Scalar.ZERO;
    for (KeyPackage k : shares) {
      acc = acc.add(k.signingShare().reveal().multiply(Lagrange.atZero(k.identifier(), ids)));
    }
    return acc;
  }
}
