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
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.KeyPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/** The file handling shared by both key stores; subclasses supply the AES-GCM key. */
abstract class FileBackedKeyStore implements KeyStore {
  static final String FILE_SUFFIX = ".fgkey";

  final Path directory;
  final SecureRandom random;

  FileBackedKeyStore(Path directory, SecureRandom random) {
    this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The protection header for a new write (fresh salt, if any). */
  abstract KeyFile.Protection newProtection();

  /** Encrypts with AES-256-GCM; the plaintext is the caller's to wipe. */
  abstract byte[] seal(KeyFile header, byte[] aad, byte[] plaintext);

  /**
   * Decrypts; on authentication failure throws the subclass's typed error.
   *
   * @return the plaintext, which the caller wipes
   */
  abstract byte[] open(KeyFile file, byte[] aad, Path path);

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
    byte[] ciphertext;
    try {
      ciphertext =
          seal(header, header.associatedData(plaintext.length + KeyFile.TAG_LENGTH), plaintext);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
    KeyFile file = header.withCiphertext(ciphertext);
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
    byte[] plaintext = open(file, file.associatedData(file.ciphertext().length), path);
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

  private static KeyFile read(Path path) {
    byte[] data;
    try {
      data = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new KeyStoreException(NOT_FOUND, "no key file " + path);
    } catch (IOException e) {
      throw new KeyStoreException(IO_ERROR, "cannot read " + path, e);
    }
    return KeyFile.decode(data, path.toString());
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
}
