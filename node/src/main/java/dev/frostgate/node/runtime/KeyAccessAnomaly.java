package dev.frostgate.node.runtime;

import dev.frostgate.node.keystore.KeyStoreException;
import dev.frostgate.node.metrics.ValidatorMetrics;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A key access anomaly (alert {@code KeyShareAccessAnomaly}, runbook {@code
 * p0-key-share-access-anomaly}): a read of this validator's key package or round-1 polynomial,
 * which the state database says exists, that the key store refused. The {@code kind} label is the
 * key store's reason in lower case ({@code wrong_passphrase_or_corrupted}, {@code
 * group_key_mismatch}, {@code wrong_pin}, {@code not_found}, ...): a fixed set, never a secret.
 */
final class KeyAccessAnomaly {
  private KeyAccessAnomaly() {}

  /** The {@code kind} label of a refused key read. */
  static String kind(KeyStoreException.Reason reason) {
    return reason.name().toLowerCase(Locale.ROOT);
  }

  /** Counts each refused key read in {@code metrics}. */
  static Consumer<KeyStoreException.Reason> counter(ValidatorMetrics metrics) {
    return reason -> metrics.keyAccessAnomaly(kind(reason));
  }
}
