package dev.frostgate.node.keystore;

import static dev.frostgate.node.keystore.KeyStoreException.Reason.WRONG_PASSPHRASE_OR_CORRUPTED;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * A key store protected by a passphrase, for test networks: the key package is encrypted with
 * AES-256-GCM under a key derived with Argon2id (version 0x13) from the passphrase (UTF-8, not
 * normalized) and a random 16-byte salt. Every write draws a fresh salt and a fresh random 12-byte
 * nonce. The file format is documented in {@code KeyFile}: magic {@code FGKS}, version 1,
 * protection 1, followed by the Argon2id memory, iterations, parallelism and salt; the GCM
 * associated data is the whole header, which binds the validator id, group key and ciphersuite.
 *
 * <p>A wrong passphrase and an altered file both fail GCM authentication, which cannot tell them
 * apart: both are reported as {@code WRONG_PASSPHRASE_OR_CORRUPTED}. A file of another validator or
 * group key is reported (before any decryption) as {@code VALIDATOR_MISMATCH} or {@code
 * GROUP_KEY_MISMATCH}; a header edited to hide that fails authentication.
 *
 * <p>The store keeps a copy of the passphrase until {@link #close()} wipes it; the caller wipes its
 * own array. The derived key and the UTF-8 passphrase bytes are wiped after each use (the JDK's AES
 * implementation keeps its own copy of the key until it is garbage collected).
 */
public final class EncryptedFileKeyStore extends FileBackedKeyStore {
  private final char[] passphrase;
  private final KdfParameters kdf;
  private boolean closed;

  /** A store with {@link KdfParameters#DEFAULT} and a strong random source. */
  public EncryptedFileKeyStore(Path directory, char[] passphrase) {
    this(directory, passphrase, KdfParameters.DEFAULT, new SecureRandom());
  }

  /**
   * @param directory where key files live (created with mode 0700 on first write)
   * @param passphrase copied; must not be empty
   * @param kdf Argon2id cost for new writes (reads use the parameters in each file)
   * @param random source of salts and nonces
   */
  public EncryptedFileKeyStore(
      Path directory, char[] passphrase, KdfParameters kdf, SecureRandom random) {
    super(directory, random);
    Objects.requireNonNull(passphrase, "passphrase");
    if (passphrase.length == 0) {
      throw new IllegalArgumentException("passphrase must not be empty");
    }
    this.passphrase = passphrase.clone();
    this.kdf = Objects.requireNonNull(kdf, "kdf");
  }

  @Override
  KeyFile.Protection newProtection() {
    byte[] salt = new byte[KeyFile.SALT_LENGTH];
    random.nextBytes(salt);
    return new KeyFile.Passphrase(kdf, salt);
  }

  @Override
  StoredKeyInfo.Protection protectionKind() {
    return StoredKeyInfo.Protection.PASSPHRASE;
  }

  @Override
  synchronized void checkOpen() {
    if (closed) {
      throw new IllegalStateException("key store is closed");
    }
  }

  private static Cipher jdkAesGcm(int mode, byte[] key, byte[] nonce, byte[] aad)
      throws GeneralSecurityException {
    return aesGcm(
        Cipher.getInstance("AES/GCM/NoPadding"), mode, new SecretKeySpec(key, "AES"), nonce, aad);
  }

  @Override
  byte[] seal(KeyFile.Protection protection, byte[] nonce, byte[] aad, byte[] plaintext) {
    byte[] key = deriveKey((KeyFile.Passphrase) protection);
    try {
      return jdkAesGcm(Cipher.ENCRYPT_MODE, key, nonce, aad).doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is part of every JDK", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  @Override
  byte[] open(
      KeyFile.Protection protection, byte[] nonce, byte[] aad, byte[] ciphertext, String source) {
    byte[] key = deriveKey((KeyFile.Passphrase) protection);
    try {
      return jdkAesGcm(Cipher.DECRYPT_MODE, key, nonce, aad).doFinal(ciphertext);
    } catch (AEADBadTagException e) {
      throw new KeyStoreException(
          WRONG_PASSPHRASE_OR_CORRUPTED,
          "cannot open "
              + source
              + ": wrong passphrase or corrupted file (AES-GCM authentication failed, which cannot"
              + " tell the two apart)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM is part of every JDK", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private byte[] deriveKey(KeyFile.Passphrase p) {
    byte[] password = passphraseUtf8();
    byte[] out = new byte[32];
    try {
      Argon2Parameters params =
          new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
              .withVersion(Argon2Parameters.ARGON2_VERSION_13)
              .withMemoryAsKB(p.kdf().memoryKiB())
              .withIterations(p.kdf().iterations())
              .withParallelism(p.kdf().parallelism())
              .withSalt(p.salt())
              .build();
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(params);
      generator.generateBytes(password, out);
      return out;
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  private synchronized byte[] passphraseUtf8() {
    checkOpen();
    ByteBuffer encoded = null;
    try {
      encoded =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(passphrase));
      byte[] out = new byte[encoded.remaining()];
      encoded.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("passphrase is not valid Unicode (unpaired surrogate)");
    } finally {
      if (encoded != null) {
        Arrays.fill(encoded.array(), (byte) 0);
      }
    }
  }

  /** Wipes the passphrase; every later operation fails. */
  @Override
  public synchronized void close() {
    Arrays.fill(passphrase, '\0');
    closed = true;
  }

  @Override
  public String toString() {
    return "EncryptedFileKeyStore[" + directory + ", " + kdf + "]";
  }
}
