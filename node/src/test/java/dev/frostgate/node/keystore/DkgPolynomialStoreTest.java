package dev.frostgate.node.keystore;

import static dev.frostgate.node.keystore.TestKeys.CREATED;
import static dev.frostgate.node.keystore.TestKeys.keyPackage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.node.keystore.KeyStoreException.Reason;
import dev.frostgate.testkit.crypto.Seeded;
import dev.frostgate.testkit.node.SoftHsm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DKG round-1 polynomial files of {@link FileBackedKeyStore}, with the passphrase store. */
class DkgPolynomialStoreTest {
  @TempDir Path dir;

  private static final byte[] SESSION_A = filled(0x0a);
  private static final byte[] SESSION_B = filled(0x0b);

  private static byte[] filled(int b) {
    byte[] x = new byte[32];
    Arrays.fill(x, (byte) b);
    return x;
  }

  private EncryptedFileKeyStore store(String passphrase) {
    return new EncryptedFileKeyStore(
        dir, passphrase.toCharArray(), EncryptedFileKeyStoreTest.FAST, new SecureRandom());
  }

  private static SecretPolynomial polynomial(int t, long seed) {
    SecureRandom r = Seeded.sha1prng(seed);
    return SecretPolynomial.random(SecretScalar.random(r), t, r);
  }

  private static void assertSame(SecretPolynomial actual, SecretPolynomial expected) {
    assertThat(actual.threshold()).isEqualTo(expected.threshold());
    for (int i = 0; i < expected.threshold(); i++) {
      assertThat(actual.coefficients().get(i).sameValue(expected.coefficients().get(i)))
          .as("coefficient " + i)
          .isTrue();
    }
  }

  @Test
  void roundTripOnlyCiphertextOnDiskAndDelete() throws Exception {
    SecretPolynomial f = polynomial(10, 1);
    try (EncryptedFileKeyStore ks = store("pw")) {
      assertThat(ks.loadDkgPolynomial(3, Ciphersuite.TAPROOT, SESSION_A)).isEmpty();
      ks.storeDkgPolynomial(3, Ciphersuite.TAPROOT, SESSION_A, f, CREATED);
      Path file = ks.polynomialFileFor(3, SESSION_A);
      assertThat(file.getFileName().toString())
          .isEqualTo("dkg-polynomial-3-" + HexFormat.of().formatHex(SESSION_A) + ".fgdkg");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      String onDisk = HexFormat.of().formatHex(Files.readAllBytes(file));
      for (SecretScalar c : f.coefficients()) {
        assertThat(onDisk).doesNotContain(HexFormat.of().formatHex(c.toBytes()));
      }
      assertThat(onDisk).startsWith(HexFormat.of().formatHex("FGKP".getBytes()));
      assertSame(ks.loadDkgPolynomial(3, Ciphersuite.TAPROOT, SESSION_A).orElseThrow(), f);
      // The stored polynomial is untouched by storing.
      assertThat(f.coefficients().get(0).isDestroyed()).isFalse();
      ks.deleteDkgPolynomial(3, SESSION_A);
      assertThat(Files.exists(file)).isFalse();
      assertThat(ks.loadDkgPolynomial(3, Ciphersuite.TAPROOT, SESSION_A)).isEmpty();
      ks.deleteDkgPolynomial(3, SESSION_A); // nothing left: no error
    }
  }

  @Test
  void wrongPassphraseValidatorSuiteAndRenamedFilesAreRefused() throws Exception {
    try (EncryptedFileKeyStore ks = store("pw")) {
      ks.storeDkgPolynomial(3, Ciphersuite.TAPROOT, SESSION_A, polynomial(3, 2), CREATED);
      Path a = ks.polynomialFileFor(3, SESSION_A);
      assertThat(
              catchThrowableOfType(
                      KeyStoreException.class,
                      () -> ks.loadDkgPolynomial(3, Ciphersuite.RFC9591, SESSION_A))
                  .reason())
          .isEqualTo(Reason.CIPHERSUITE_MISMATCH);
      // Copied to another session's name: the session hash inside the ciphertext differs.
      Files.copy(a, ks.polynomialFileFor(3, SESSION_B));
      KeyStoreException renamed =
          catchThrowableOfType(
              KeyStoreException.class,
              () -> ks.loadDkgPolynomial(3, Ciphersuite.TAPROOT, SESSION_B));
      assertThat(renamed.reason()).isEqualTo(Reason.MALFORMED_FILE);
      assertThat(renamed.getMessage()).contains("another DKG session");
      // Copied to another validator's name: the header names validator 3.
      Files.copy(a, ks.polynomialFileFor(4, SESSION_A));
      assertThat(
              catchThrowableOfType(
                      KeyStoreException.class,
                      () -> ks.loadDkgPolynomial(4, Ciphersuite.TAPROOT, SESSION_A))
                  .reason())
          .isEqualTo(Reason.VALIDATOR_MISMATCH);
    }
    try (EncryptedFileKeyStore other = store("not pw")) {
      assertThat(
              catchThrowableOfType(
                      KeyStoreException.class,
                      () -> other.loadDkgPolynomial(3, Ciphersuite.TAPROOT, SESSION_A))
                  .reason())
          .isEqualTo(Reason.WRONG_PASSPHRASE_OR_CORRUPTED);
    }
  }

  @Test
  void headerTamperingFailsAuthenticationAndKindsAreNotInterchangeable() throws Exception {
    try (EncryptedFileKeyStore ks = store("pw")) {
      ks.storeDkgPolynomial(3, Ciphersuite.TAPROOT, SESSION_A, polynomial(4, 3), CREATED);
      Path file = ks.polynomialFileFor(3, SESSION_A);
      byte[] good = Files.readAllBytes(file);
      // Another valid point in the a_0·G field (offset as in the key file layout).
      byte[] bad = good.clone();
      byte[] other = polynomial(4, 4).constant().publicPoint().compressed();
      System.arraycopy(other, 0, bad, EncryptedFileKeyStoreTest.GROUP_KEY_OFFSET, 33);
      Files.write(file, bad);
      assertThat(
              catchThrowableOfType(
                      KeyStoreException.class,
                      () -> ks.loadDkgPolynomial(3, Ciphersuite.TAPROOT, SESSION_A))
                  .reason())
          .isEqualTo(Reason.WRONG_PASSPHRASE_OR_CORRUPTED);
      // A key file is not a polynomial file, and the other way round.
      KeyPackage kp = keyPackage(Ciphersuite.TAPROOT, 3, 9);
      StoredKeyInfo info = ks.store(kp, new KeyMetadata(3, CREATED));
      Files.copy(info.file(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      KeyStoreException notPolynomial =
          catchThrowableOfType(
              KeyStoreException.class,
              () -> ks.loadDkgPolynomial(3, Ciphersuite.TAPROOT, SESSION_A));
      assertThat(notPolynomial.reason()).isEqualTo(Reason.MALFORMED_FILE);
      assertThat(notPolynomial.getMessage()).contains(file.toString(), "DKG polynomial file");
      Files.write(info.file(), good);
      assertThat(
              catchThrowableOfType(KeyStoreException.class, () -> ks.load(3, kp.verifyingKey()))
                  .reason())
          .isEqualTo(Reason.MALFORMED_FILE);
    }
  }

  @Test
  void pkcs11StoreKeepsPolynomialsToo() throws Exception {
    SoftHsm hsm = SoftHsm.get();
    SecretPolynomial f = polynomial(6, 5);
    try (Pkcs11KeyStore ks =
        Pkcs11KeyStore.open(
            hsm.config("dkg-polynomial", dir.resolve("token-keys")),
            SoftHsm.USER_PIN.toCharArray(),
            new SecureRandom())) {
      ks.storeDkgPolynomial(2, Ciphersuite.RFC9591, SESSION_B, f, CREATED);
      Optional<SecretPolynomial> back = ks.loadDkgPolynomial(2, Ciphersuite.RFC9591, SESSION_B);
      assertSame(back.orElseThrow(), f);
    }
  }
}
