package dev.frostgate.node.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.frostgate.node.keystore.KeyStoreException.Reason;
import dev.frostgate.testkit.node.SoftHsm;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets other than key packages (the offline ceremony's files), sealed by both key stores under a
 * caller's context; and the no-clobber write every ceremony output uses.
 */
class SealedSecretTest {
  static final byte[] SECRET = "{\"signing_share\":\"0a1b2c3d\"}".getBytes(StandardCharsets.UTF_8);
  static final byte[] CONTEXT = "public fields of the file".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private EncryptedFileKeyStore store(String passphrase) {
    return new EncryptedFileKeyStore(
        dir, passphrase.toCharArray(), EncryptedFileKeyStoreTest.FAST, new SecureRandom());
  }

  @Test
  void passphraseSealOpensOnlyWithTheSamePassphraseAndContext() {
    byte[] sealed;
    try (EncryptedFileKeyStore ks = store("pw")) {
      sealed = ks.sealSecret(CONTEXT, SECRET);
      assertThat(HexFormat.of().formatHex(sealed))
          .doesNotContain(HexFormat.of().formatHex(SECRET, 0, 8));
      assertThat(ks.openSecret(sealed, CONTEXT, "f")).isEqualTo(SECRET);
      // Fresh salt and nonce every time.
      assertThat(ks.sealSecret(CONTEXT, SECRET)).isNotEqualTo(sealed);
      // Another context (an edited public field) does not open.
      assertThat(
              catchThrowableOfType(
                      KeyStoreException.class,
                      () -> ks.openSecret(sealed, "other".getBytes(StandardCharsets.UTF_8), "f"))
                  .reason())
          .isEqualTo(Reason.WRONG_PASSPHRASE_OR_CORRUPTED);
    }
    try (EncryptedFileKeyStore other = store("not pw")) {
      KeyStoreException e =
          catchThrowableOfType(
              KeyStoreException.class, () -> other.openSecret(sealed, CONTEXT, "secret.json"));
      assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSPHRASE_OR_CORRUPTED);
      assertThat(e.getMessage()).contains("secret.json").doesNotContain("pw");
    }
    assertThat(SealedSecret.protectionOf(sealed, "f"))
        .isEqualTo(StoredKeyInfo.Protection.PASSPHRASE);
    assertThat(SealedSecret.kdfOf(sealed, "f")).contains(EncryptedFileKeyStoreTest.FAST);
  }

  @Test
  void everySingleByteChangeIsRejected() {
    try (EncryptedFileKeyStore ks = store("pw")) {
      byte[] sealed = ks.sealSecret(CONTEXT, SECRET);
      for (int i = 0; i < sealed.length; i++) {
        byte[] changed = sealed.clone();
        changed[i] ^= 0x01;
        assertThatThrownBy(() -> ks.openSecret(changed, CONTEXT, "f"))
            .as("byte %d", i)
            .isInstanceOf(KeyStoreException.class);
      }
      byte[] longer = java.util.Arrays.copyOf(sealed, sealed.length + 1);
      assertThat(
              catchThrowableOfType(
                      KeyStoreException.class, () -> ks.openSecret(longer, CONTEXT, "f"))
                  .reason())
          .isEqualTo(Reason.MALFORMED_FILE);
    }
  }

  @Test
  void tokenSealIsRefusedByThePassphraseStoreAndOpensWithTheToken() throws Exception {
    SoftHsm hsm = SoftHsm.get();
    byte[] sealed;
    try (Pkcs11KeyStore ks =
        Pkcs11KeyStore.open(
            hsm.config("sealed-secret", dir), SoftHsm.USER_PIN.toCharArray(), new SecureRandom())) {
      sealed = ks.sealSecret(CONTEXT, SECRET);
      assertThat(ks.openSecret(sealed, CONTEXT, "f")).isEqualTo(SECRET);
    }
    assertThat(SealedSecret.protectionOf(sealed, "f"))
        .isEqualTo(StoredKeyInfo.Protection.PKCS11_TOKEN_KEY);
    try (EncryptedFileKeyStore ks = store("pw")) {
      assertThat(
              catchThrowableOfType(
                      KeyStoreException.class, () -> ks.openSecret(sealed, CONTEXT, "f"))
                  .reason())
          .isEqualTo(Reason.WRONG_PROTECTION);
    }
  }

  @Test
  void writeNewNeverReplacesAndLeavesNoTemporaryFile() throws Exception {
    Path target = dir.resolve("out/file.json");
    AtomicFiles.writeNew(target, new byte[] {1});
    assertThatThrownBy(() -> AtomicFiles.writeNew(target, new byte[] {2}))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readAllBytes(target)).containsExactly(1);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-------");
    AtomicFiles.write(target, new byte[] {3});
    assertThat(Files.readAllBytes(target)).containsExactly(3);
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertThat(files).containsExactly(target);
    }
  }
}
