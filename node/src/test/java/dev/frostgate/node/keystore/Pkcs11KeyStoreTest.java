package dev.frostgate.node.keystore;

import static dev.frostgate.node.keystore.TestKeys.CREATED;
import static dev.frostgate.node.keystore.TestKeys.assertSameKey;
import static dev.frostgate.node.keystore.TestKeys.keyPackage;
import static dev.frostgate.node.keystore.TestKeys.shareHex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.frostgate.crypto.backup.BackupPiece;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.node.keystore.KeyStoreException.Reason;
import dev.frostgate.testkit.node.SoftHsm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real SoftHSM2 token through SunPKCS11 (see {@link SoftHsm} for the setup). */
class Pkcs11KeyStoreTest {
  static SoftHsm hsm;

  @TempDir Path dir;

  @BeforeAll
  static void token() throws Exception {
    hsm = SoftHsm.get();
  }

  private Pkcs11KeyStore open(String label) {
    return Pkcs11KeyStore.open(
        hsm.config(label, dir.resolve("keys")), SoftHsm.USER_PIN.toCharArray(), new SecureRandom());
  }

  @Test
  void wrappingKeyIsGeneratedInTheTokenAndCannotBeExtracted() throws Exception {
    KeyPackage kp = keyPackage(Ciphersuite.TAPROOT, 1, 31);
    try (Pkcs11KeyStore ks = open("extract-test")) {
      assertThat(catchThrowableOfType(KeyStoreException.class, ks::wrappingKey).reason())
          .isEqualTo(Reason.TOKEN_KEY_MISSING);
      ks.store(kp, new KeyMetadata(1, CREATED));
      SecretKey key = ks.wrappingKey();
      assertThat(key.getAlgorithm()).isEqualTo("AES");
      assertThat(key.getEncoded()).as("a sensitive token key has no encoding").isNull();
      // SunPKCS11 prints the key's CKA_TOKEN / CKA_SENSITIVE / CKA_EXTRACTABLE attributes. (Its
      // bit count for a key loaded from the token is CKA_VALUE_LEN, which is in bytes: it prints
      // "32 bits" for the 256-bit key, so the AES_256/GCM transformation would refuse it; the store
      // uses AES/GCM/NoPadding.)
      assertThat(key.toString()).contains("token object, sensitive, unextractable");
      SecretKeyFactory factory = SecretKeyFactory.getInstance("AES", ks.provider());
      assertThatThrownBy(() -> factory.getKeySpec(key, SecretKeySpec.class))
          .isInstanceOf(InvalidKeySpecException.class);
    }
    // Still there, still sensitive, from a fresh login.
    try (Pkcs11KeyStore ks = open("extract-test")) {
      assertThat(ks.wrappingKey().getEncoded()).isNull();
      assertSameKey(ks.load(1, kp.verifyingKey()), kp);
    }
  }

  @Test
  void roundTripStoresOnlyCiphertextOnDisk() throws Exception {
    KeyPackage kp = keyPackage(Ciphersuite.RFC9591, 2, 32);
    try (Pkcs11KeyStore ks = open("round-trip")) {
      StoredKeyInfo info = ks.store(kp, new KeyMetadata(2, CREATED));
      assertThat(info.protection()).isEqualTo(StoredKeyInfo.Protection.PKCS11_TOKEN_KEY);
      assertThat(info.file().getParent()).isEqualTo(dir.resolve("keys"));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(info.file())))
          .isEqualTo("rw-------");
      assertThat(java.util.HexFormat.of().formatHex(Files.readAllBytes(info.file())))
          .doesNotContain(shareHex(kp));
      assertSameKey(ks.load(2, kp.verifyingKey(), Ciphersuite.RFC9591), kp);
      // The same bindings as the passphrase store.
      assertThat(
              catchThrowableOfType(
                      KeyStoreException.class,
                      () -> ks.load(2, kp.verifyingKey(), Ciphersuite.TAPROOT))
                  .reason())
          .isEqualTo(Reason.CIPHERSUITE_MISMATCH);
      Files.copy(info.file(), ks.fileFor(3, kp.verifyingKey()));
      assertThat(
              catchThrowableOfType(KeyStoreException.class, () -> ks.load(3, kp.verifyingKey()))
                  .reason())
          .isEqualTo(Reason.VALIDATOR_MISMATCH);
    }
  }

  @Test
  void wrongPinIsAClearError() {
    KeyStoreException e =
        catchThrowableOfType(
            KeyStoreException.class,
            () ->
                Pkcs11KeyStore.open(
                    hsm.config("any", dir), "999999".toCharArray(), new SecureRandom()));
    assertThat(e.reason()).isEqualTo(Reason.WRONG_PIN);
    assertThat(e.getMessage()).contains("rejected the PIN").doesNotContain("999999");
  }

  @Test
  void pinComesFromTheConfiguredEnvironmentVariable() {
    Pkcs11Config config = hsm.config("env-pin", dir);
    try (Pkcs11KeyStore ks =
        Pkcs11KeyStore.openWithPinFrom(
            config, Map.of("FROSTGATE_TEST_HSM_PIN", SoftHsm.USER_PIN))) {
      assertThat(ks.toString()).doesNotContain(SoftHsm.USER_PIN);
    }
    KeyStoreException e =
        catchThrowableOfType(
            KeyStoreException.class, () -> Pkcs11KeyStore.openWithPinFrom(config, Map.of()));
    assertThat(e.reason()).isEqualTo(Reason.PIN_MISSING);
    assertThat(e.getMessage()).contains("FROSTGATE_TEST_HSM_PIN");
  }

  @Test
  void missingLibraryOrSlotIsTokenUnavailable() {
    Pkcs11Config noLib = new Pkcs11Config(Path.of("/nonexistent/libpkcs11.so"), 0, "PIN", "k", dir);
    assertThat(
            catchThrowableOfType(
                    KeyStoreException.class,
                    () -> Pkcs11KeyStore.open(noLib, "1".toCharArray(), new SecureRandom()))
                .reason())
        .isEqualTo(Reason.TOKEN_UNAVAILABLE);
    Pkcs11Config badSlot = new Pkcs11Config(hsm.library, 7, "PIN", "k", dir);
    KeyStoreException e =
        catchThrowableOfType(
            KeyStoreException.class,
            () -> Pkcs11KeyStore.open(badSlot, "1".toCharArray(), new SecureRandom()));
    assertThat(e.reason()).isEqualTo(Reason.TOKEN_UNAVAILABLE);
    assertThat(e.getMessage()).contains("slot list index 7");
  }

  @Test
  void tamperedCiphertextAndEveryOtherByteAreRejected() throws Exception {
    KeyPackage kp = keyPackage(Ciphersuite.TAPROOT, 1, 33);
    try (Pkcs11KeyStore ks = open("tamper")) {
      Path file = ks.store(kp, new KeyMetadata(1, CREATED)).file();
      byte[] original = Files.readAllBytes(file);
      int ciphertextStart = original.length - (original.length - headerLength(original));
      for (int i = 0; i < original.length; i++) {
        byte[] changed = original.clone();
        changed[i] ^= 0x01;
        Files.write(file, changed);
        KeyStoreException e =
            catchThrowableOfType(KeyStoreException.class, () -> ks.load(1, kp.verifyingKey()));
        assertThat(e).as("byte %d", i).isNotNull();
        assertThat(e.getMessage()).doesNotContain(shareHex(kp));
        if (i >= ciphertextStart) {
          assertThat(e.reason()).isEqualTo(Reason.CORRUPTED_OR_OTHER_TOKEN_KEY);
          assertThat(e.getMessage()).contains("altered or encrypted under another token key");
        }
      }
      Files.write(file, original);
      assertSameKey(ks.load(1, kp.verifyingKey()), kp);
    }
  }

  /** Offset of the ciphertext in a token-key file. */
  private static int headerLength(byte[] file) {
    int labelLength = file[52] & 0xFF;
    return 52 + 1 + labelLength + 12 + 4;
  }

  @Test
  void fileUnderAnotherTokenKeyDoesNotOpen() throws Exception {
    KeyPackage kp = keyPackage(Ciphersuite.RFC9591, 1, 34);
    byte[] exported;
    try (Pkcs11KeyStore ks = open("key-a")) {
      ks.store(kp, new KeyMetadata(1, CREATED));
      exported = ks.exportEncrypted(1, kp.verifyingKey());
    }
    try (Pkcs11KeyStore ks = open("key-b")) {
      assertThat(
              catchThrowableOfType(KeyStoreException.class, () -> ks.load(1, kp.verifyingKey()))
                  .reason())
          .isEqualTo(Reason.TOKEN_KEY_MISSING);
      // A passphrase file is refused by type.
      assertThat(ks.toString()).contains("key-b");
    }
    try (EncryptedFileKeyStore fileStore =
        new EncryptedFileKeyStore(
            dir.resolve("other"),
            "pw".toCharArray(),
            EncryptedFileKeyStoreTest.FAST,
            new SecureRandom())) {
      assertThat(
              catchThrowableOfType(
                      KeyStoreException.class, () -> fileStore.importEncrypted(exported))
                  .reason())
          .isEqualTo(Reason.WRONG_PROTECTION);
    }
  }

  @Test
  void backupSplitCombineRestore(@TempDir Path restored) {
    KeyPackage kp = keyPackage(Ciphersuite.TAPROOT, 3, 35);
    byte[] exported;
    try (Pkcs11KeyStore ks = open("backup")) {
      ks.store(kp, new KeyMetadata(3, CREATED));
      exported = ks.exportEncrypted(3, kp.verifyingKey());
    }
    List<BackupPiece> pieces = KeyBackup.split(exported, 3, 5, new SecureRandom());
    byte[] combined = KeyBackup.combine(List.of(pieces.get(4), pieces.get(0), pieces.get(2)));
    assertThat(combined).isEqualTo(exported);
    try (Pkcs11KeyStore ks =
        Pkcs11KeyStore.open(
            hsm.config("backup", restored), SoftHsm.USER_PIN.toCharArray(), new SecureRandom())) {
      ks.importEncrypted(combined);
      assertSameKey(ks.load(3, kp.verifyingKey()), kp);
    }
  }
}
