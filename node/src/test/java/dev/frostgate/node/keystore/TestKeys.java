package dev.frostgate.node.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.testkit.crypto.Seeded;
import dev.frostgate.testkit.crypto.TrustedDealer;
import java.time.Instant;
import java.util.HexFormat;

/** Key packages and helpers for the key store tests. */
final class TestKeys {
  private TestKeys() {}

  static final Instant CREATED = Instant.parse("2025-01-02T03:04:05Z");

  /** Participant {@code id}'s key package of a fresh 2-of-3 dealer split. */
  static KeyPackage keyPackage(Ciphersuite suite, int id, long seed) {
    return TrustedDealer.generate(suite, 3, 2, Seeded.sha1prng(seed))
        .shares()
        .get(Identifier.of(id))
        .toKeyPackage();
  }

  static void assertSameKey(KeyPackage actual, KeyPackage expected) {
    assertThat(actual.suite().contextString()).isEqualTo(expected.suite().contextString());
    assertThat(actual.identifier()).isEqualTo(expected.identifier());
    assertThat(actual.signingShare().sameValue(expected.signingShare())).isTrue();
    assertThat(actual.verifyingShare()).isEqualTo(expected.verifyingShare());
    assertThat(actual.verifyingKey()).isEqualTo(expected.verifyingKey());
    assertThat(actual.minSigners()).isEqualTo(expected.minSigners());
  }

  static String shareHex(KeyPackage kp) {
    return HexFormat.of().formatHex(kp.signingShare().toBytes());
  }
}
