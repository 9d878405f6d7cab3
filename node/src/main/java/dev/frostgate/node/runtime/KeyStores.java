package dev.frostgate.node.runtime;

import dev.frostgate.node.config.ValidatorConfig;
import dev.frostgate.node.keystore.EncryptedFileKeyStore;
import dev.frostgate.node.keystore.KeyStore;
import dev.frostgate.node.keystore.KeyStoreException;
import dev.frostgate.node.keystore.Pkcs11Config;
import dev.frostgate.node.keystore.Pkcs11KeyStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Opens the key store that {@code [key_storage]} names, with its secret from the environment. */
public final class KeyStores {
  private KeyStores() {}

  /**
   * The value of the environment variable a config field names.
   *
   * @throws StartupException naming the field and the variable if it is unset or empty
   */
  static String requireEnv(Map<String, String> env, String variable, String field) {
    String value = env.get(variable);
    if (value == null || value.isEmpty()) {
      throw new StartupException(field + ": environment variable " + variable + " is not set");
    }
    return value;
  }

  /**
   * The configured key store: an encrypted-file store in the key file's directory, or the PKCS#11
   * token (its key files in the data directory).
   *
   * @throws StartupException naming the field and the variable when the secret is missing, or the
   *     token when it cannot be opened
   */
  public static KeyStore open(ValidatorConfig config, Map<String, String> env) {
    return switch (config.keyStorage()) {
      case ValidatorConfig.KeyStorage.File f -> {
        char[] passphrase =
            requireEnv(env, f.passphraseEnv(), "[key_storage] passphrase_env").toCharArray();
        try {
          Path dir = f.path().toAbsolutePath().getParent();
          yield new EncryptedFileKeyStore(dir, passphrase);
        } finally {
          Arrays.fill(passphrase, '\0');
        }
      }
      case ValidatorConfig.KeyStorage.Pkcs11 p -> {
        try {
          yield Pkcs11KeyStore.openWithPinFrom(
              new Pkcs11Config(
                  p.library(),
                  p.slotIndex(),
                  p.pinEnv(),
                  Pkcs11Config.DEFAULT_KEY_LABEL,
                  config.validator().dataDir()),
              env);
        } catch (KeyStoreException e) {
          throw new StartupException(
              "[key_storage] (PKCS#11 " + p.library() + "): " + e.getMessage(), e);
        }
      }
    };
  }
}
