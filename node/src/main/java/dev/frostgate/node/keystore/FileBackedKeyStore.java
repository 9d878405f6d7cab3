package dev.frostgate.node.keystore;

import static dev.frostgate.node.keystore.KeyStoreException.Reason.CIPHERSUITE_MISMATCH;
import static dev.frostgate.node.keystore.KeyStoreException.Reason.GROUP_KEY_MISMATCH;
import static dev.frostgate.node.keystore.KeyStoreException.Reason.IO_ERROR;
import static dev.frostgate.node.keystore.KeyStoreException.Reason.MALFORMED_FILE;
import static dev.frostgate.node.keystore.KeyStoreException.Reason.NOT_FOUND;
import static dev.frostgate.node.keystore.KeyStoreException.Reason.VALIDATOR_MISMATCH;
import static dev.frostgate.node.keystore.KeyStoreException.Reason.WRONG_PROTECTION;

import dev.frostgate.crypto.codec.FrostCodec;
import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.SecretPolynomial;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/** The file handling shared by both key stores; subclasses supply the AES-GCM key. */
abstract class FileBackedKeyStore implements KeyStore {
  static final String FILE_SUFFIX = ".fgkey";
  static final String POLYNOMIAL_SUFFIX = ".fgdkg";
  private static final int SESSION_HASH_LENGTH = 32;
  private static final int MAX_COEFFICIENTS = 255;

  final Path directory;
  final SecureRandom random;

  FileBackedKeyStore(Path directory, SecureRandom random) {
    this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The protection header for a new write (fresh salt, if any). */
  abstract KeyFile.Protection newProtection();

  /**
   * An AES-256-GCM cipher (from the JDK or the token's provider) set up for one seal or open: the
   * key, the 12-byte nonce, the 16-byte tag, the associated data.
   */
  static Cipher aesGcm(Cipher cipher, int mode, Key key, byte[] nonce, byte[] aad)
      throws GeneralSecurityException {
    cipher.init(mode, key, new GCMParameterSpec(KeyFile.TAG_LENGTH * 8, nonce));
    cipher.updateAAD(aad);
    return cipher;
  }

  /** Encrypts with AES-256-GCM; the plaintext is the caller's to wipe. */
  abstract byte[] seal(KeyFile.Protection protection, byte[] nonce, byte[] aad, byte[] plaintext);

  /**
   * Decrypts; on authentication failure throws the subclass's typed error.
   *
   * @return the plaintext, which the caller wipes
   */
  abstract byte[] open(
      KeyFile.Protection protection, byte[] nonce, byte[] aad, byte[] ciphertext, String source);

  /** What this store writes, for checking imported and loaded files. */
  abstract StoredKeyInfo.Protection protectionKind();

  abstract void checkOpen();

  /** The file for this validator and group key: {@code validator-<id>-<group key hex>.fgkey}. */
  public Path fileFor(int validatorId, Point groupKey) {
    checkValidatorId(validatorId);
    Objects.requireNonNull(groupKey, "groupKey");
    return directory.resolve(
        "validator-"
            + validatorId
            + "-"
            + HexFormat.of().formatHex(groupKey.compressed())
            + FILE_SUFFIX);
  }

  /** The file of {@code header} with {@code plaintext} sealed under it (the caller wipes it). */
  private KeyFile sealed(KeyFile header, byte[] plaintext) {
    byte[] aad = header.associatedData(plaintext.length + KeyFile.TAG_LENGTH);
    return header.withCiphertext(seal(header.protection, header.nonce(), aad, plaintext));
  }

  private static void checkValidatorId(int validatorId) {
    if (validatorId < 1) {
      throw new IllegalArgumentException("validator id must be at least 1, got " + validatorId);
    }
  }

  @Override
  public final StoredKeyInfo store(KeyPackage keyPackage, KeyMetadata metadata) {
    Objects.requireNonNull(keyPackage, "keyPackage");
    Objects.requireNonNull(metadata, "metadata");
    checkOpen();
    byte[] nonce = new byte[KeyFile.NONCE_LENGTH];
    random.nextBytes(nonce);
    KeyFile header =
        KeyFile.header(
            keyPackage.suite(),
            metadata.validatorId(),
            keyPackage.verifyingKey(),
            metadata.createdAt(),
            newProtection(),
            nonce);
    byte[] plaintext = FrostCodec.encode(keyPackage);
    KeyFile file;
    try {
      file = sealed(header, plaintext);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
    Path path = fileFor(metadata.validatorId(), keyPackage.verifyingKey());
    AtomicFiles.write(path, file.encode());
    return file.info(path);
  }

  @Override
  public final KeyPackage load(int validatorId, Point groupKey) {
    return load(validatorId, groupKey, Optional.empty());
  }

  @Override
  public final KeyPackage load(int validatorId, Point groupKey, Ciphersuite expectedSuite) {
    return load(validatorId, groupKey, Optional.of(Objects.requireNonNull(expectedSuite)));
  }

  private KeyPackage load(int validatorId, Point groupKey, Optional<Ciphersuite> expectedSuite) {
    checkOpen();
    Path path = fileFor(validatorId, groupKey);
    KeyFile file = read(path);
    checkBindings(file, path, validatorId, groupKey, expectedSuite);
    byte[] plaintext = open(file, path);
    KeyPackage kp;
    try {
      kp = FrostCodec.decodeKeyPackage(plaintext);
    } catch (CryptoException e) {
      // Authenticated, so written by a broken producer rather than damaged.
      throw new KeyStoreException(
          MALFORMED_FILE, path + ": the decrypted key package is malformed: " + e.getMessage());
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
    if (!kp.verifyingKey().equals(file.groupKey)
        || !kp.suite().contextString().equals(file.suite.contextString())) {
      kp.destroy();
      throw new KeyStoreException(
          MALFORMED_FILE, path + ": the key package does not match the file header");
    }
    return kp;
  }

  private void checkBindings(
      KeyFile file,
      Path path,
      int validatorId,
      Point groupKey,
      Optional<Ciphersuite> expectedSuite) {
    if (file.protection.kind() != protectionKind()) {
      throw new KeyStoreException(
          WRONG_PROTECTION,
          path
              + " is protected by "
              + file.protection.kind()
              + ", this store uses "
              + protectionKind());
    }
    if (file.validatorId != validatorId) {
      throw new KeyStoreException(
          VALIDATOR_MISMATCH,
          path + " belongs to validator " + file.validatorId + ", not to validator " + validatorId);
    }
    if (!file.groupKey.equals(groupKey)) {
      throw new KeyStoreException(
          GROUP_KEY_MISMATCH,
          path
              + " holds a share of group key "
              + file.groupKey.toHex()
              + ", not of "
              + groupKey.toHex());
    }
    if (expectedSuite.isPresent()
        && !expectedSuite.get().contextString().equals(file.suite.contextString())) {
      throw new KeyStoreException(
          CIPHERSUITE_MISMATCH,
          path
              + " holds a key package for "
              + file.suite.contextString()
              + ", expected "
              + expectedSuite.get().contextString());
    }
  }

  private byte[] open(KeyFile file, Path path) {
    byte[] ct = file.ciphertext();
    return open(file.protection, file.nonce(), file.associatedData(ct.length), ct, path.toString());
  }

  private static KeyFile read(Path path) {
    return read(path, KeyFile.Content.KEY_PACKAGE);
  }

  private static KeyFile read(Path path, KeyFile.Content content) {
    byte[] data;
    try {
      data = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new KeyStoreException(NOT_FOUND, "no key file " + path);
    } catch (IOException e) {
      throw new KeyStoreException(IO_ERROR, "cannot read " + path, e);
    }
    return KeyFile.decode(data, path.toString(), content);
  }

  @Override
  public final boolean exists(int validatorId, Point groupKey) {
    return Files.exists(fileFor(validatorId, groupKey));
  }

  @Override
  public final Optional<StoredKeyInfo> info(int validatorId, Point groupKey) {
    Path path = fileFor(validatorId, groupKey);
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    return Optional.of(read(path).info(path));
  }

  @Override
  public final byte[] exportEncrypted(int validatorId, Point groupKey) {
    Path path = fileFor(validatorId, groupKey);
    KeyFile file = read(path);
    checkBindings(file, path, validatorId, groupKey, Optional.empty());
    return file.encode();
  }

  @Override
  public final StoredKeyInfo importEncrypted(byte[] keyFile) {
    Objects.requireNonNull(keyFile, "keyFile");
    checkOpen();
    KeyFile file = KeyFile.decode(keyFile, "imported key file");
    if (file.protection.kind() != protectionKind()) {
      throw new KeyStoreException(
          WRONG_PROTECTION,
          "imported key file is protected by "
              + file.protection.kind()
              + ", this store uses "
              + protectionKind());
    }
    Path path = fileFor(file.validatorId, file.groupKey);
    AtomicFiles.write(path, file.encode());
    return file.info(path);
  }

  // ---------------------------------------------------------------- other secrets

  @Override
  public final byte[] sealSecret(byte[] context, byte[] plaintext) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(plaintext, "plaintext");
    if (plaintext.length + KeyFile.TAG_LENGTH > SealedSecret.MAX_CIPHERTEXT_LENGTH) {
      throw new IllegalArgumentException(
          "a sealed secret holds at most "
              + (SealedSecret.MAX_CIPHERTEXT_LENGTH - KeyFile.TAG_LENGTH)
              + " bytes");
    }
    checkOpen();
    KeyFile.Protection protection = newProtection();
    byte[] nonce = new byte[KeyFile.NONCE_LENGTH];
    random.nextBytes(nonce);
    byte[] aad =
        SealedSecret.associatedData(
            protection, nonce, plaintext.length + KeyFile.TAG_LENGTH, context);
    return SealedSecret.of(protection, nonce, seal(protection, nonce, aad, plaintext)).encode();
  }

  @Override
  public final byte[] openSecret(byte[] sealed, byte[] context, String source) {
    Objects.requireNonNull(context, "context");
    checkOpen();
    SealedSecret s = SealedSecret.decode(sealed, source);
    if (s.protection.kind() != protectionKind()) {
      throw new KeyStoreException(
          WRONG_PROTECTION,
          source
              + " is protected by "
              + s.protection.kind()
              + ", this store uses "
              + protectionKind());
    }
    return open(s.protection, s.nonce, s.associatedData(context), s.ciphertext, source);
  }

  // ---------------------------------------------------------------- DKG polynomials

  /** The file of this validator's DKG polynomial for one session. */
  public Path polynomialFileFor(int validatorId, byte[] sessionHash) {
    checkValidatorId(validatorId);
    checkSessionHash(sessionHash);
    return directory.resolve(
        "dkg-polynomial-"
            + validatorId
            + "-"
            + HexFormat.of().formatHex(sessionHash)
            + POLYNOMIAL_SUFFIX);
  }

  private static void checkSessionHash(byte[] sessionHash) {
    Objects.requireNonNull(sessionHash, "sessionHash");
    if (sessionHash.length != SESSION_HASH_LENGTH) {
      throw new IllegalArgumentException(
          "session hash must be " + SESSION_HASH_LENGTH + " bytes, got " + sessionHash.length);
    }
  }

  @Override
  public final void storeDkgPolynomial(
      int validatorId,
      Ciphersuite suite,
      byte[] sessionHash,
      SecretPolynomial polynomial,
      Instant createdAt) {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(polynomial, "polynomial");
    Objects.requireNonNull(createdAt, "createdAt");
    Path path = polynomialFileFor(validatorId, sessionHash);
    List<SecretScalar> coefficients = polynomial.coefficients();
    if (coefficients.size() > MAX_COEFFICIENTS) {
      throw new IllegalArgumentException(
          "a DKG polynomial has at most " + MAX_COEFFICIENTS + " coefficients");
    }
    // Validates the date range the header can hold.
    new KeyMetadata(validatorId, createdAt);
    checkOpen();
    byte[] nonce = new byte[KeyFile.NONCE_LENGTH];
    random.nextBytes(nonce);
    KeyFile header =
        KeyFile.header(
            KeyFile.Content.DKG_POLYNOMIAL,
            suite,
            validatorId,
            polynomial.constant().publicPoint(),
            createdAt,
            newProtection(),
            nonce);
    byte[] plaintext = new byte[SESSION_HASH_LENGTH + 1 + 32 * coefficients.size()];
    KeyFile file;
    try {
      System.arraycopy(sessionHash, 0, plaintext, 0, SESSION_HASH_LENGTH);
      plaintext[SESSION_HASH_LENGTH] = (byte) coefficients.size();
      int at = SESSION_HASH_LENGTH + 1;
      for (SecretScalar c : coefficients) {
        byte[] b = c.toBytes();
        System.arraycopy(b, 0, plaintext, at, 32);
        Arrays.fill(b, (byte) 0);
        at += 32;
      }
      file = sealed(header, plaintext);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
    AtomicFiles.write(path, file.encode());
  }

  @Override
  public final Optional<SecretPolynomial> loadDkgPolynomial(
      int validatorId, Ciphersuite suite, byte[] sessionHash) {
    Objects.requireNonNull(suite, "suite");
    Path path = polynomialFileFor(validatorId, sessionHash);
    checkOpen();
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    KeyFile file = read(path, KeyFile.Content.DKG_POLYNOMIAL);
    checkBindings(file, path, validatorId, file.groupKey, Optional.of(suite));
    byte[] plaintext = open(file, path);
    List<SecretScalar> coefficients = new ArrayList<>();
    try {
      int count =
          plaintext.length > SESSION_HASH_LENGTH ? plaintext[SESSION_HASH_LENGTH] & 0xFF : 0;
      if (count < 1 || plaintext.length != SESSION_HASH_LENGTH + 1 + 32 * count) {
        throw new KeyStoreException(
            MALFORMED_FILE, path + ": the decrypted polynomial has a wrong length or count");
      }
      // Public data; a plain comparison is fine.
      if (!Arrays.equals(plaintext, 0, SESSION_HASH_LENGTH, sessionHash, 0, SESSION_HASH_LENGTH)) {
        throw new KeyStoreException(
            MALFORMED_FILE, path + ": the polynomial belongs to another DKG session");
      }
      for (int i = 0; i < count; i++) {
        int from = SESSION_HASH_LENGTH + 1 + 32 * i;
        byte[] b = Arrays.copyOfRange(plaintext, from, from + 32);
        try {
          coefficients.add(SecretScalar.fromBytes(b));
        } catch (CryptoException e) {
          throw new KeyStoreException(
              MALFORMED_FILE, path + ": coefficient " + i + " of the polynomial is not a scalar");
        } finally {
          Arrays.fill(b, (byte) 0);
        }
      }
    } catch (KeyStoreException e) {
      coefficients.forEach(SecretScalar::destroy);
      throw e;
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
    SecretPolynomial f = SecretPolynomial.of(coefficients);
    if (!f.constant().publicPoint().equals(file.groupKey)) {
      f.destroy();
      throw new KeyStoreException(
          MALFORMED_FILE, path + ": the polynomial does not match the file header's a_0·G");
    }
    return Optional.of(f);
  }

  @Override
  public final void deleteDkgPolynomial(int validatorId, byte[] sessionHash) {
    Path path = polynomialFileFor(validatorId, sessionHash);
    try {
      if (Files.deleteIfExists(path)) {
        // Make the removal durable, as the write was.
        try (FileChannel d = FileChannel.open(directory, StandardOpenOption.READ)) {
          d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
          // not every platform can sync a directory; the file is gone for this process anyway
        }
      }
    } catch (IOException e) {
      throw new KeyStoreException(IO_ERROR, "cannot delete " + path, e);
    }
  }
}
