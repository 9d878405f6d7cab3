package dev.frostgate.bench;

import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.SecretShare;
import dev.frostgate.testkit.crypto.TrustedDealer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A t-of-n group made by the trusted dealer, with key packages for the first t participants (the
 * signers of every benchmark). Benchmark fixture only.
 *
 * <p>Key packages are built with {@link KeyPackage#checked} (one k·G against the dealer's verifying
 * share) rather than {@link SecretShare#toKeyPackage()}, which evaluates the VSS commitment (t
 * point multiplications per participant): for 667-of-1000 that would be ~445,000 point
 * multiplications of setup and measures nothing we benchmark.
 */
final class FrostGroup {
  final Ciphersuite suite;
  final int maxSigners;
  final int minSigners;
  final PublicKeyPackage publicKeys;

  /** Key packages of participants 1..t, in identifier order. */
  final List<KeyPackage> signers;

  private FrostGroup(
      Ciphersuite suite,
      int maxSigners,
      int minSigners,
      PublicKeyPackage publicKeys,
      List<KeyPackage> signers) {
    this.suite = suite;
    this.maxSigners = maxSigners;
    this.minSigners = minSigners;
    this.publicKeys = publicKeys;
    this.signers = signers;
  }

  static FrostGroup create(Ciphersuite suite, int maxSigners, int minSigners, SecureRandom rnd) {
    TrustedDealer.Output out = TrustedDealer.generate(suite, maxSigners, minSigners, rnd);
    PublicKeyPackage pub = out.publicKeys();
    List<KeyPackage> signers = new ArrayList<>(minSigners);
    for (int i = 1; i <= minSigners; i++) {
      Identifier id = Identifier.of(i);
      SecretShare share = out.shares().get(id);
      signers.add(
          KeyPackage.checked(
              suite,
              id,
              share.signingShare(),
              pub.verifyingShares().get(id),
              pub.verifyingKey(),
              minSigners));
    }
    return new FrostGroup(suite, maxSigners, minSigners, pub, List.copyOf(signers));
  }

  /**
   * Parses a benchmark parameter {@code "<suite>:<t>-of-<n>"}, suite {@code TR} (Taproot) or {@code
   * RFC} (RFC 9591).
   */
  static FrostGroup fromParam(String param, SecureRandom rnd) {
    String[] parts = param.split(":");
    Ciphersuite suite =
        switch (parts[0]) {
          case "TR" -> Ciphersuite.TAPROOT;
          case "RFC" -> Ciphersuite.RFC9591;
          default -> throw new IllegalArgumentException("unknown suite in " + param);
        };
    String[] tn = parts[1].split("-of-");
    return create(suite, Integer.parseInt(tn[1]), Integer.parseInt(tn[0]), rnd);
  }
}
