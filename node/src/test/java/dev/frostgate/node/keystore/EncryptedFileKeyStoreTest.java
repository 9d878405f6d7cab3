package dev.frostgate.node.keystore;

import static dev.frostgate.node.keystore.TestKeys.CREATED;
import static dev.frostgate.node.keystore.TestKeys.assertSameKey;
import static dev.frostgate.node.keystore.TestKeys.keyPackage;
import static dev.frostgate.node.keystore.TestKeys.shareHex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.frostgate.crypto.backup.BackupException;
import dev.frostgate.crypto.backup.BackupPiece;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.node.keystore.KeyStoreException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedFileKeyStoreTest {
  /** Cheap Argon2id for tests; production uses {@link KdfParameters#DEFAULT}. */
  static final KdfParameters FAST = new KdfParameters(256, 1, 1);

  // Offsets in the version-1 header (see KeyFile).
  static final int SUITE_OFFSET = 6;
  static final int VALIDATOR_OFFSET = 7;
  static final int GROUP_KEY_OFFSET = 11;
  static final int SALT_OFFSET = 61;
  static final int NONCE_OFFSET = 77;
  static final int CIPHERTEXT_OFFSET = 93;

  @TempDir Path dir;

  private EncryptedFileKeyStore store(String passphrase) {
    return new EncryptedFileKeyStore(dir, passphrase.toCharArray(), FAST, new SecureRandom());
  }

  @Test
  void roundTripBothCiphersuites() {
    long seed = 7;
    for (Ciphersuite suite : Ciphersuite.all()) {
      KeyPackage kp = keyPackage(suite, 1, seed++);
      try (EncryptedFileKeyStore ks = store("correct horse")) {
        assertThat(ks.exists(1, kp.verifyingKey())).isFalse();
        StoredKeyInfo info = ks.store(kp, new KeyMetadata(1, CREATED));
        assertThat(ks.exists(1, kp.verifyingKey())).isTrue();
        assertThat(info.protection()).isEqualTo(StoredKeyInfo.Protection.PASSPHRASE);
        assertThat(info.createdAt()).isEqualTo(CREATED);
        assertThat(ks.info(1, kp.verifyingKey())).contains(info);
        KeyPackage loaded = ks.load(1, kp.verifyingKey(), suite);
        assertSameKey(loaded, kp);
        loaded.destroy();
      }
      // A new store instance with the same passphrase opens it too.
      try (EncryptedFileKeyStore ks = store("correct horse")) {
        assertSameKey(ks.load(1, kp.verifyingKey()), kp);
      }
    }
  }

  @Test
  void roundTripWithDefaultArgon2Parameters() throws IOException {
    KeyPackage kp = keyPackage(Ciphersuite.TAPROOT, 2, 8);
    try (EncryptedFileKeyStore ks = new EncryptedFileKeyStore(dir, "pass".toCharArray())) {
      StoredKeyInfo info = ks.store(kp, new KeyMetadata(2, CREATED));
      byte[] file = Files.readAllBytes(info.file());
      // memory 65536 KiB, 3 iterations, 4 lanes in the header
      assertThat(Arrays.copyOfRange(file, 52, 61)).containsExactly(0, 1, 0, 0, 0, 0, 0, 3, 4);
      assertSameKey(ks.load(2, kp.verifyingKey()), kp);
    }
  }

  @Test
  void storeDoesNotWipeTheCallersKeyPackage() {
    KeyPackage kp = keyPackage(Ciphersuite.RFC9591, 1, 9);
    try (EncryptedFileKeyStore ks = store("pw")) {
      ks.store(kp, new KeyMetadata(1, CREATED));
    }
    assertThat(kp.signingShare().isDestroyed()).isFalse();
  }

  @Test
  void wrongPassphraseIsAClearError() {
    KeyPackage kp = keyPackage(Ciphersuite.RFC9591, 1, 10);
    try (EncryptedFileKeyStore ks = store("right passphrase")) {
      ks.store(kp, new KeyMetadata(1, CREATED));
    }
    try (EncryptedFileKeyStore ks = store("wrong passphrase")) {
      KeyStoreException e =
          catchThrowableOfType(KeyStoreException.class, () -> ks.load(1, kp.verifyingKey()));
      assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSPHRASE_OR_CORRUPTED);
      assertThat(e.getMessage())
          .contains("wrong passphrase or corrupted file")
          .contains("cannot")
          .doesNotContain("right passphrase")
          .doesNotContain("wrong passphrase\"")
          .doesNotContain(shareHex(kp));
    }
  }

  @Test
  void everySingleByteChangeIsRejected() throws IOException {
    KeyPackage kp = keyPackage(Ciphersuite.TAPROOT, 3, 11);
    Path file;
    try (EncryptedFileKeyStore ks = store("pw")) {
      file = ks.store(kp, new KeyMetadata(3, CREATED)).file();
    }
    byte[] original = Files.readAllBytes(file);
    String secret = shareHex(kp);
    try (EncryptedFileKeyStore ks = store("pw")) {
      int cases = 0;
      for (int i = 0; i < original.length; i++) {
        for (int flip : new int[] {0x01, 0x80, 0xFF}) {
          byte[] changed = original.clone();
          changed[i] ^= (byte) flip;
          Files.write(file, changed);
          int at = i;
          assertThatThrownBy(() -> ks.load(3, kp.verifyingKey()))
              .as("byte %d xor %02x", at, flip)
              .isInstanceOf(KeyStoreException.class)
              .message()
              .doesNotContain(secret);
          cases++;
        }
      }
      // Truncation at every length and a trailing byte are rejected too.
      for (int len = 0; len < original.length; len++) {
        Files.write(file, Arrays.copyOf(original, len));
        assertThatThrownBy(() -> ks.load(3, kp.verifyingKey()))
            .isInstanceOf(KeyStoreException.class);
      }
      Files.write(file, Arrays.copyOf(original, original.length + 1));
      assertThatThrownBy(() -> ks.load(3, kp.verifyingKey()))
          .isInstanceOf(KeyStoreException.class)
          .hasMessageContaining("unexpected bytes");
      assertThat(cases).isEqualTo(3 * original.length);
      // And the original still opens.
      Files.write(file, original);
      assertSameKey(ks.load(3, kp.verifyingKey()), kp);
    }
  }

  @Test
  void fileCopiedToAnotherValidatorNamesTheValidatorBinding() throws IOException {
    KeyPackage kp = keyPackage(Ciphersuite.RFC9591, 1, 12);
    try (EncryptedFileKeyStore ks = store("pw")) {
      Path file = ks.store(kp, new KeyMetadata(1, CREATED)).file();
      Path other = ks.fileFor(2, kp.verifyingKey());
      Files.copy(file, other);
      KeyStoreException e =
          catchThrowableOfType(KeyStoreException.class, () -> ks.load(2, kp.verifyingKey()));
      assertThat(e.reason()).isEqualTo(Reason.VALIDATOR_MISMATCH);
      assertThat(e.getMessage()).contains("belongs to validator 1, not to validator 2");

      // Editing the header to claim validator 2 breaks authentication instead.
      byte[] edited = Files.readAllBytes(file);
      edited[VALIDATOR_OFFSET + 3] = 2;
      Files.write(other, edited);
      assertThat(
              catchThrowableOfType(KeyStoreException.class, () -> ks.load(2, kp.verifyingKey()))
                  .reason())
          .isEqualTo(Reason.WRONG_PASSPHRASE_OR_CORRUPTED);
    }
  }

  @Test
  void fileCopiedToAnotherGroupNamesTheGroupKeyBinding() throws IOException {
    KeyPackage kp = keyPackage(Ciphersuite.RFC9591, 1, 13);
    KeyPackage otherGroup = keyPackage(Ciphersuite.RFC9591, 1, 14);
    Point otherKey = otherGroup.verifyingKey();
    try (EncryptedFileKeyStore ks = store("pw")) {
      Path file = ks.store(kp, new KeyMetadata(1, CREATED)).file();
      Path other = ks.fileFor(1, otherKey);
      Files.copy(file, other);
      KeyStoreException e =
          catchThrowableOfType(KeyStoreException.class, () -> ks.load(1, otherKey));
      assertThat(e.reason()).isEqualTo(Reason.GROUP_KEY_MISMATCH);
      assertThat(e.getMessage())
          .contains("holds a share of group key " + kp.verifyingKey().toHex())
          .contains("not of " + otherKey.toHex());

      byte[] edited = Files.readAllBytes(file);
      System.arraycopy(otherKey.compressed(), 0, edited, GROUP_KEY_OFFSET, 33);
      Files.write(other, edited);
      assertThat(catchThrowableOfType(KeyStoreException.class, () -> ks.load(1, otherKey)).reason())
          .isEqualTo(Reason.WRONG_PASSPHRASE_OR_CORRUPTED);
    }
  }

  @Test
  void ciphersuiteBindingIsChecked() throws IOException {
    KeyPackage kp = keyPackage(Ciphersuite.RFC9591, 1, 15);
    try (EncryptedFileKeyStore ks = store("pw")) {
      Path file = ks.store(kp, new KeyMetadata(1, CREATED)).file();
      KeyStoreException e =
          catchThrowableOfType(
              KeyStoreException.class, () -> ks.load(1, kp.verifyingKey(), Ciphersuite.TAPROOT));
      assertThat(e.reason()).isEqualTo(Reason.CIPHERSUITE_MISMATCH);
      assertThat(e.getMessage())
          .contains("holds a key package for FROST-secp256k1-SHA256-v1")
          .contains("expected FROST-secp256k1-SHA256-TR-v1");

      // Relabelling the file as Taproot breaks authentication.
      byte[] edited = Files.readAllBytes(file);
      edited[SUITE_OFFSET] = 2;
      Files.write(file, edited);
      assertThat(
              catchThrowableOfType(
                      KeyStoreException.class,
                      () -> ks.load(1, kp.verifyingKey(), Ciphersuite.TAPROOT))
                  .reason())
          .isEqualTo(Reason.WRONG_PASSPHRASE_OR_CORRUPTED);
    }
  }

  @Test
  void everyWriteUsesAFreshNonceAndSalt() throws IOException {
    KeyPackage kp = keyPackage(Ciphersuite.RFC9591, 1, 16);
    try (EncryptedFileKeyStore ks = store("pw")) {
      Path file = ks.store(kp, new KeyMetadata(1, CREATED)).file();
      byte[] first = Files.readAllBytes(file);
      ks.store(kp, new KeyMetadata(1, CREATED));
      byte[] second = Files.readAllBytes(file);
      assertThat(second).hasSameSizeAs(first);
      assertThat(Arrays.copyOfRange(second, NONCE_OFFSET, NONCE_OFFSET + 12))
          .isNotEqualTo(Arrays.copyOfRange(first, NONCE_OFFSET, NONCE_OFFSET + 12));
      assertThat(Arrays.copyOfRange(second, SALT_OFFSET, SALT_OFFSET + 16))
          .isNotEqualTo(Arrays.copyOfRange(first, SALT_OFFSET, SALT_OFFSET + 16));
      assertThat(Arrays.copyOfRange(second, CIPHERTEXT_OFFSET, second.length))
          .isNotEqualTo(Arrays.copyOfRange(first, CIPHERTEXT_OFFSET, first.length));
      assertSameKey(ks.load(1, kp.verifyingKey()), kp);
    }
  }

  @Test
  void fileHasMode0600AndNoTempFileIsLeft() throws IOException {
    KeyPackage kp = keyPackage(Ciphersuite.RFC9591, 1, 17);
    Path keys = dir.resolve("data/keys");
    try (EncryptedFileKeyStore ks =
        new EncryptedFileKeyStore(keys, "pw".toCharArray(), FAST, new SecureRandom())) {
      Path file = ks.store(kp, new KeyMetadata(1, CREATED)).file();
      ks.store(kp, new KeyMetadata(1, CREATED)); // replace
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
          .isEqualTo("rwx------");
      try (Stream<Path> files = Files.list(keys)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .containsExactly(file.getFileName().toString());
      }
      assertThat(file.getFileName().toString())
          .isEqualTo("validator-1-" + kp.verifyingKey().toHex() + ".fgkey");
    }
  }

  @Test
  void missingFileAndClosedStore() {
    KeyPackage kp = keyPackage(Ciphersuite.RFC9591, 1, 18);
    EncryptedFileKeyStore ks = store("pw");
    assertThat(
            catchThrowableOfType(KeyStoreException.class, () -> ks.load(1, kp.verifyingKey()))
                .reason())
        .isEqualTo(Reason.NOT_FOUND);
    assertThat(ks.info(1, kp.verifyingKey())).isEmpty();
    ks.close();
    assertThatThrownBy(() -> ks.store(kp, new KeyMetadata(1, CREATED)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new EncryptedFileKeyStore(dir, new char[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ks.toString()).doesNotContain("pw");
  }

  @Test
  void backupExportSplitCombineImport(@TempDir Path restoredDir) {
    KeyPackage kp = keyPackage(Ciphersuite.TAPROOT, 2, 19);
    byte[] exported;
    try (EncryptedFileKeyStore ks = store("pw")) {
      ks.store(kp, new KeyMetadata(2, CREATED));
      exported = ks.exportEncrypted(2, kp.verifyingKey());
    }
    List<BackupPiece> pieces = KeyBackup.split(exported, 2, 3, new SecureRandom());
    assertThat(pieces).hasSize(3);
    for (int skip = 0; skip < 3; skip++) {
      List<BackupPiece> two = new java.util.ArrayList<>(pieces);
      two.remove(skip);
      assertThat(KeyBackup.combine(two)).isEqualTo(exported);
    }
    List<String> texts = pieces.stream().map(BackupPiece::toText).toList();
    byte[] combined = KeyBackup.combineText(texts.subList(1, 3));

    try (EncryptedFileKeyStore restored =
        new EncryptedFileKeyStore(restoredDir, "pw".toCharArray(), FAST, new SecureRandom())) {
      StoredKeyInfo info = restored.importEncrypted(combined);
      assertThat(info.validatorId()).isEqualTo(2);
      assertSameKey(restored.load(2, kp.verifyingKey()), kp);
    }

    // A damaged piece is caught by its checksum.
    String damaged =
        texts.get(0).substring(0, 20)
            + (texts.get(0).charAt(20) == 'a' ? 'b' : 'a')
            + texts.get(0).substring(21);
    assertThatThrownBy(() -> KeyBackup.combineText(List.of(damaged, texts.get(1))))
        .isInstanceOf(BackupException.class);
    // Only key files are split.
    assertThatThrownBy(() -> KeyBackup.split(new byte[] {1, 2, 3}, 2, 3, new SecureRandom()))
        .isInstanceOf(KeyStoreException.class);
  }
}
