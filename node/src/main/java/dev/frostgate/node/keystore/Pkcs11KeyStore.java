package dev.frostgate.node.keystore;

import static dev.frostgate.node.keystore.KeyStoreException.Reason.CORRUPTED_OR_OTHER_TOKEN_KEY;
import static dev.frostgate.node.keystore.KeyStoreException.Reason.PIN_MISSING;
import static dev.frostgate.node.keystore.KeyStoreException.Reason.TOKEN_KEY_MISSING;
import static dev.frostgate.node.keystore.KeyStoreException.Reason.TOKEN_KEY_UNSUITABLE;
import static dev.frostgate.node.keystore.KeyStoreException.Reason.TOKEN_UNAVAILABLE;
import static dev.frostgate.node.keystore.KeyStoreException.Reason.WRONG_PIN;

import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore.SecretKeyEntry;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.Security;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.security.auth.login.FailedLoginException;

/**
 * A key store for production: a non-extractable AES-256 key inside a PKCS#11 token (YubiHSM 2, a
 * cloud HSM; SoftHSM2 in tests) encrypts the key package with AES/GCM inside the token; the
 * ciphertext goes to a file in {@link Pkcs11Config#keyDirectory()} in the format of {@code KeyFile}
 * (protection 2, carrying the key's label), with the same associated data as {@link
 * EncryptedFileKeyStore}. The share itself is decrypted into this process's memory when loaded
 * (FROST signing runs here), and wiped after decoding.
 *
 * <p>The token is reached through the JDK's SunPKCS11 provider, configured inline with the library
 * and {@code slotListIndex}. The wrapping key is generated in the token on the first {@link #store}
 * with {@code CKA_SENSITIVE=true} and {@code CKA_EXTRACTABLE=false}, then made a token object under
 * the configured label. An existing key whose value can be read out is refused.
 *
 * <p>PKCS#11 login state belongs to the whole process: {@link #close()} logs out of the token, so
 * one process should use one {@code Pkcs11KeyStore} per token at a time. SoftHSM2 reads {@code
 * SOFTHSM2_CONF} from the process environment once, when the module is first initialized.
 */
public final class Pkcs11KeyStore extends FileBackedKeyStore {
  private static final String GENERATE_ATTRIBUTES =
      """
      attributes(generate, CKO_SECRET_KEY, CKK_AES) = {
        CKA_SENSITIVE = true
        CKA_EXTRACTABLE = false
        CKA_ENCRYPT = true
        CKA_DECRYPT = true
      }
      """;

  private final Provider provider;
  private final java.security.KeyStore tokenKeys;
  private final Pkcs11Config config;
  private boolean closed;

  private Pkcs11KeyStore(
      Pkcs11Config config,
      Provider provider,
      java.security.KeyStore tokenKeys,
      SecureRandom random) {
    super(config.keyDirectory(), random);
    this.config = config;
    this.provider = provider;
    this.tokenKeys = tokenKeys;
  }

  /**
   * Opens the token and logs in with the PIN from the environment variable named in the config.
   *
   * @param environment the process environment ({@code System.getenv()}); the PIN arrives as a
   *     String there, which cannot be wiped
   * @throws KeyStoreException PIN_MISSING naming the variable, or any error of {@link #open}
   */
  public static Pkcs11KeyStore openWithPinFrom(
      Pkcs11Config config, Map<String, String> environment) {
    String pin = environment.get(config.pinEnvVariable());
    if (pin == null || pin.isEmpty()) {
      throw new KeyStoreException(
          PIN_MISSING,
          "environment variable " + config.pinEnvVariable() + " (the token PIN) is not set");
    }
    char[] chars = pin.toCharArray();
    try {
      return open(config, chars, new SecureRandom());
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /**
   * Opens the token and logs in.
   *
   * @param pin the user PIN; not kept (the caller wipes its array)
   * @throws KeyStoreException TOKEN_UNAVAILABLE (library missing, no token at the slot index),
   *     WRONG_PIN
   */
  public static Pkcs11KeyStore open(Pkcs11Config config, char[] pin, SecureRandom random) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(pin, "pin");
    if (!Files.isRegularFile(config.library())) {
      throw new KeyStoreException(
          TOKEN_UNAVAILABLE, "PKCS#11 library " + config.library() + " does not exist");
    }
    String inline =
        "--name=Frostgate\nlibrary = \""
            + config.library()
            + "\"\nslotListIndex = "
            + config.slotListIndex()
            + "\n"
            + GENERATE_ATTRIBUTES;
    Provider provider;
    try {
      Provider base = Security.getProvider("SunPKCS11");
      if (base == null) {
        throw new KeyStoreException(TOKEN_UNAVAILABLE, "this JDK has no SunPKCS11 provider");
      }
      provider = base.configure(inline);
    } catch (ProviderException | IllegalArgumentException e) {
      throw new KeyStoreException(
          TOKEN_UNAVAILABLE,
          "cannot use PKCS#11 library "
              + config.library()
              + " at slot list index "
              + config.slotListIndex()
              + ": "
              + rootMessage(e),
          e);
    }
    java.security.KeyStore ks;
    try {
      ks = java.security.KeyStore.getInstance("PKCS11", provider);
      ks.load(null, pin);
    } catch (IOException e) {
      if (hasCause(e, FailedLoginException.class) || rootMessage(e).contains("CKR_PIN")) {
        throw new KeyStoreException(
            WRONG_PIN,
            "the token at slot list index "
                + config.slotListIndex()
                + " rejected the PIN ("
                + rootMessage(e)
                + ")");
      }
      throw new KeyStoreException(
          TOKEN_UNAVAILABLE, "cannot log in to the token: " + rootMessage(e), e);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new KeyStoreException(TOKEN_UNAVAILABLE, "cannot open the token: " + rootMessage(e), e);
    }
    return new Pkcs11KeyStore(config, provider, ks, random);
  }

  /** The configured SunPKCS11 provider instance (for diagnostics and tests). */
  public Provider provider() {
    return provider;
  }

  /**
   * The wrapping key as the provider sees it: a handle whose {@code getEncoded()} is null (the
   * token never releases its value).
   *
   * @throws KeyStoreException TOKEN_KEY_MISSING before the first store
   */
  public synchronized SecretKey wrappingKey() {
    checkOpen();
    return existingKey().orElseThrow(this::missingKey);
  }

  private KeyStoreException missingKey() {
    return new KeyStoreException(
        TOKEN_KEY_MISSING,
        "the token at slot list index "
            + config.slotListIndex()
            + " has no AES key labelled '"
            + config.keyLabel()
            + "'");
  }

  private java.util.Optional<SecretKey> existingKey() {
    try {
      Key k = tokenKeys.getKey(config.keyLabel(), null);
      if (k == null) {
        return java.util.Optional.empty();
      }
      if (!(k instanceof SecretKey sk) || !"AES".equalsIgnoreCase(k.getAlgorithm())) {
        throw new KeyStoreException(
            TOKEN_KEY_UNSUITABLE,
            "token object '" + config.keyLabel() + "' is a " + k.getAlgorithm() + " key, not AES");
      }
      byte[] value = sk.getEncoded();
      if (value != null) {
        Arrays.fill(value, (byte) 0);
        throw new KeyStoreException(
            TOKEN_KEY_UNSUITABLE,
            "token key '"
                + config.keyLabel()
                + "' is not sensitive (its value can be read out); create it with"
                + " CKA_SENSITIVE=true and CKA_EXTRACTABLE=false");
      }
      return java.util.Optional.of(sk);
    } catch (GeneralSecurityException e) {
      throw new KeyStoreException(
          TOKEN_UNAVAILABLE, "cannot read the token's keys: " + rootMessage(e), e);
    }
  }

  private SecretKey keyForWrite() {
    java.util.Optional<SecretKey> existing = existingKey();
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      KeyGenerator kg = KeyGenerator.getInstance("AES", provider);
      kg.init(256);
      SecretKey sessionKey = kg.generateKey();
      // Copies the session object into a token object labelled with the alias (C_CopyObject keeps
      // CKA_SENSITIVE and CKA_EXTRACTABLE).
      tokenKeys.setEntry(config.keyLabel(), new SecretKeyEntry(sessionKey), null);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new KeyStoreException(
          TOKEN_UNAVAILABLE,
          "cannot create the AES wrapping key in the token: " + rootMessage(e),
          e);
    }
    return existingKey().orElseThrow(this::missingKey);
  }

  @Override
  KeyFile.Protection newProtection() {
    return new KeyFile.TokenKey(config.keyLabel());
  }

  @Override
  StoredKeyInfo.Protection protectionKind() {
    return StoredKeyInfo.Protection.PKCS11_TOKEN_KEY;
  }

  @Override
  synchronized void checkOpen() {
    if (closed) {
      throw new IllegalStateException("key store is closed");
    }
  }

  @Override
  synchronized byte[] seal(
      KeyFile.Protection protection, byte[] nonce, byte[] aad, byte[] plaintext) {
    SecretKey key = keyForWrite();
    try {
      return aesGcm(
              Cipher.getInstance("AES/GCM/NoPadding", provider),
              Cipher.ENCRYPT_MODE,
              key,
              nonce,
              aad)
          .doFinal(plaintext);
    } catch (GeneralSecurityException | ProviderException e) {
      throw new KeyStoreException(
          TOKEN_UNAVAILABLE, "the token failed to encrypt: " + rootMessage(e), e);
    }
  }

  @Override
  synchronized byte[] open(
      KeyFile.Protection protection, byte[] nonce, byte[] aad, byte[] ciphertext, String path) {
    String label = ((KeyFile.TokenKey) protection).label();
    if (!label.equals(config.keyLabel())) {
      throw new KeyStoreException(
          TOKEN_KEY_MISSING,
          path
              + " was encrypted under token key '"
              + label
              + "', this store is configured with '"
              + config.keyLabel()
              + "'");
    }
    SecretKey key = existingKey().orElseThrow(this::missingKey);
    try {
      return aesGcm(
              Cipher.getInstance("AES/GCM/NoPadding", provider),
              Cipher.DECRYPT_MODE,
              key,
              nonce,
              aad)
          .doFinal(ciphertext);
    } catch (AEADBadTagException e) {
      throw corrupted(path);
    } catch (GeneralSecurityException | ProviderException e) {
      if (rootMessage(e).contains("CKR_ENCRYPTED_DATA_INVALID")
          || rootMessage(e).contains("CKR_ENCRYPTED_DATA_LEN_RANGE")) {
        throw corrupted(path);
      }
      throw new KeyStoreException(
          TOKEN_UNAVAILABLE, "the token failed to decrypt: " + rootMessage(e), e);
    }
  }

  private static KeyStoreException corrupted(String path) {
    return new KeyStoreException(
        CORRUPTED_OR_OTHER_TOKEN_KEY,
        "cannot open "
            + path
            + ": the file was altered or encrypted under another token key (AES-GCM"
            + " authentication failed, which cannot tell the two apart)");
  }

  /** Logs out of the token. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (provider instanceof java.security.AuthProvider ap) {
        ap.logout();
      }
    } catch (javax.security.auth.login.LoginException | ProviderException e) {
      // Nothing secret is held here; a failed logout leaves the session to the module.
    }
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null) {
        if (!sb.isEmpty()) {
          sb.append(": ");
        }
        sb.append(c.getMessage());
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return sb.isEmpty() ? t.getClass().getSimpleName() : sb.toString();
  }

  @Override
  public String toString() {
    return "Pkcs11KeyStore["
        + config.library()
        + ", slotListIndex="
        + config.slotListIndex()
        + ", key="
        + config.keyLabel()
        + ", dir="
        + directory
        + "]";
  }
}
