package dev.frostgate.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.engine.dkg.DkgConfig;
import dev.frostgate.engine.dkg.DkgSessionId;
import dev.frostgate.node.keystore.EncryptedFileKeyStore;
import dev.frostgate.node.keystore.KdfParameters;
import dev.frostgate.node.keystore.KeyStoreException;
import dev.frostgate.node.metrics.ValidatorMetrics;
import dev.frostgate.node.storage.SqliteDkgStore;
import dev.frostgate.node.storage.StateDatabase;
import dev.frostgate.testkit.crypto.Seeded;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a key read the key store refuses counts one key access anomaly with its kind, on a real
 * sealed key file and a real state database.
 */
class KeyAccessAnomalyTest {
  @TempDir Path dir;

  private static final KdfParameters FAST = new KdfParameters(256, 1, 1);

  private static DkgConfig config(SecureRandom r) {
    List<Identifier> ids = List.of(Identifier.of(1), Identifier.of(2));
    Map<Identifier, Bip340PublicKey> keys = new TreeMap<>();
    SecretScalar identity = SecretScalar.random(r);
    keys.put(ids.get(0), Bip340PublicKey.of(identity.publicPoint()));
    keys.put(ids.get(1), Bip340PublicKey.of(SecretScalar.random(r).publicPoint()));
    return new DkgConfig(
        "anomaly-test",
        ids.get(0),
        ids,
        2,
        keys,
        identity,
        Ciphersuite.TAPROOT,
        Network.REGTEST,
        1_000,
        100);
  }

  private static String sample(ValidatorMetrics m, String line) {
    return m.scrape().lines().filter(l -> l.startsWith(line + " ")).findFirst().orElse("(none)");
  }

  @Test
  void aCorruptedSealedKeyFileCountsOneAnomalyWithItsKind() throws Exception {
    SecureRandom r = Seeded.sha1prng(13);
    DkgConfig config = config(r);
    DkgSessionId session = new DkgSessionId(config.ceremony(), config.validators());
    ValidatorMetrics metrics = new ValidatorMetrics();
    try (StateDatabase db = StateDatabase.open(dir.resolve("state.db"));
        EncryptedFileKeyStore keys =
            new EncryptedFileKeyStore(dir, "pw".toCharArray(), FAST, new SecureRandom())) {
      SqliteDkgStore store =
          new SqliteDkgStore(db, keys, config, KeyAccessAnomaly.counter(metrics));
      keys.storeDkgPolynomial(
          1,
          Ciphersuite.TAPROOT,
          session.hash(),
          SecretPolynomial.random(SecretScalar.random(r), 2, r),
          Instant.parse("2026-01-01T00:00:00Z"));
      assertThat(store.round1Polynomial(session)).isPresent();
      assertThat(metrics.scrape()).doesNotContain("frostgate_key_access_anomalies_total{");

      Path file = keys.polynomialFileFor(1, session.hash());
      byte[] bytes = Files.readAllBytes(file);
      bytes[bytes.length - 1] ^= 1; // the GCM tag
      Files.write(file, bytes);

      assertThatThrownBy(() -> store.round1Polynomial(session))
          .isInstanceOfSatisfying(
              KeyStoreException.class,
              e ->
                  assertThat(e.reason())
                      .isEqualTo(KeyStoreException.Reason.WRONG_PASSPHRASE_OR_CORRUPTED));
      assertThat(
              sample(
                  metrics,
                  "frostgate_key_access_anomalies_total{kind=\"wrong_passphrase_or_corrupted\"}"))
          .endsWith(" 1.0");
    }
  }
}
