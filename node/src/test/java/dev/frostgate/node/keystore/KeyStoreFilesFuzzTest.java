package dev.frostgate.node.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the key store's files as read from disk before anything is decrypted:
 * {@link KeyFile} (key packages and DKG polynomials) and {@link SealedSecret} (the ceremony's
 * sealed secrets). A header either decodes to a value that encodes back to the input, or fails with
 * a {@link KeyStoreException}; its Argon2id parameters never exceed the bounds (a file cannot make
 * the node allocate gigabytes). Seeds: one of each kind and protection.
 */
class KeyStoreFilesFuzzTest {
  @FuzzTest
  void decode(byte[] data) {
    for (KeyFile.Content content : KeyFile.Content.values()) {
      try {
        KeyFile f = KeyFile.decode(data, "fuzz", content);
        assertThat(f.encode()).isEqualTo(data);
        checkBounds(f.protection);
      } catch (KeyStoreException e) {
        assertThat(e.getMessage()).contains("fuzz");
      }
    }
    try {
      SealedSecret s = SealedSecret.decode(data, "fuzz");
      assertThat(s.encode()).isEqualTo(data);
      checkBounds(s.protection);
    } catch (KeyStoreException e) {
      assertThat(e.getMessage()).contains("fuzz");
    }
  }

  private static void checkBounds(KeyFile.Protection p) {
    if (p instanceof KeyFile.Passphrase pass) {
      assertThat(pass.kdf().memoryKiB()).isBetween(8, KdfParameters.MAX_MEMORY_KIB);
      assertThat(pass.kdf().iterations()).isBetween(1, KdfParameters.MAX_ITERATIONS);
    }
  }
}
