package dev.frostgate.cli.ceremony;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.node.keystore.KeyStore;
import dev.frostgate.node.keystore.SealedSecret;
import dev.frostgate.node.keystore.StoredKeyInfo;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the offline ceremony keeps its secret files (key packages, identity keys, polynomials, nonce
 * randomness): sealed by a {@link KeyStore} (the Argon2id passphrase store or a PKCS#11 token) or,
 * only when the operator asks with {@code --insecure-plaintext} (tests), in the clear.
 *
 * <p>A sealed file is the ceremony document with its secret fields taken out and replaced by {@code
 * "sealed": "<hex>"}, a {@link SealedSecret} of those fields (as a JSON object). The public fields
 * stay readable, and are authenticated: the canonical encoding ({@link Canonical}) of the document
 * without {@code sealed} and {@code warning} is the sealed secret's context, so a file whose type,
 * participant, group or epoch was edited, or a {@code sealed} value moved into another file, does
 * not open. A plaintext file says {@code "insecure_plaintext": true}, and is read only under {@code
 * --insecure-plaintext} too.
 */
public final class SecretStore implements AutoCloseable {
  static final String SEALED = "sealed";
  static final String PROTECTION = "protection";
  static final String INSECURE = "insecure_plaintext";
  private static final byte[] CONTEXT_TAG = Hashes.ascii("Frostgate/ceremony-secret/v1");
  private static final HexFormat HEX = HexFormat.of();

  private final Optional<KeyStore> store;
  private final String description;

  private SecretStore(Optional<KeyStore> store, String description) {
    this.store = store;
    this.description = description;
  }

  /** Seals with {@code store}; {@code description} says how, for messages ("a passphrase"). */
  public static SecretStore sealedBy(KeyStore store, String description) {
    return new SecretStore(Optional.of(Objects.requireNonNull(store)), description);
  }

  /** Writes and reads secrets in the clear: tests only ({@code --insecure-plaintext}). */
  public static SecretStore insecurePlaintext() {
    return new SecretStore(Optional.empty(), "--insecure-plaintext");
  }

  public boolean isPlaintext() {
    return store.isEmpty();
  }

  /**
   * The document to write: {@code doc} (public fields, {@code secret: true} and a warning) with
   * {@code secretFields} sealed into it, or merged in the clear for a plaintext store.
   */
  ObjectNode seal(ObjectNode doc, ObjectNode secretFields) {
    ObjectNode out = doc.deepCopy();
    Iterator<String> names = secretFields.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (out.has(n)) {
        throw new IllegalArgumentException("secret field " + n + " is also a public field");
      }
    }
    if (store.isEmpty()) {
      out.put(INSECURE, true);
      out.put(
          "warning",
          "INSECURE: the secret below is stored in the clear (written with --insecure-plaintext,"
              + " for tests only). "
              + doc.path("warning").asText(""));
      out.setAll(secretFields);
      return out;
    }
    out.put(PROTECTION, description);
    byte[] plaintext = CeremonyFile.toBytes(secretFields);
    try {
      out.put(SEALED, HEX.formatHex(store.get().sealSecret(context(out), plaintext)));
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
    return out;
  }

  /**
   * The document with its secret fields back in place (a sealed file is opened; a plaintext file is
   * accepted only by a plaintext store).
   *
   * @throws CeremonyException naming the file and what to pass
   * @throws dev.frostgate.node.keystore.KeyStoreException if it does not open
   */
  ObjectNode open(ObjectNode doc, String file) {
    boolean plaintext = doc.path(INSECURE).asBoolean(false);
    if (!doc.has(SEALED)) {
      if (!plaintext) {
        throw CeremonyException.badInput(
            file + ": field sealed: missing (a secret file is sealed)");
      }
      if (store.isPresent()) {
        throw CeremonyException.badInput(
            file
                + ": holds its secret in the clear (written with --insecure-plaintext, for tests"
                + " only); pass --insecure-plaintext to read it");
      }
      return doc;
    }
    if (plaintext) {
      throw CeremonyException.badInput(
          file + ": field insecure_plaintext: a sealed file cannot also be plaintext");
    }
    JsonNode sealedNode = doc.get(SEALED);
    if (!sealedNode.isTextual()) {
      throw CeremonyException.badInput(file + ": field sealed: must be a string");
    }
    byte[] sealed;
    try {
      sealed = HEX.parseHex(sealedNode.asText());
    } catch (IllegalArgumentException e) {
      throw CeremonyException.badInput(file + ": field sealed: must be lowercase hex");
    }
    if (store.isEmpty()) {
      StoredKeyInfo.Protection p = SealedSecret.protectionOf(sealed, file);
      throw CeremonyException.badInput(
          file
              + ": is sealed with "
              + (p == StoredKeyInfo.Protection.PASSPHRASE
                  ? "a passphrase; give --passphrase-file FILE or --passphrase-env NAME"
                  : "a PKCS#11 token key; give --pkcs11-library, --pkcs11-pin-env")
              + " instead of --insecure-plaintext");
    }
    byte[] plain = store.get().openSecret(sealed, context(doc), file);
    JsonNode secrets;
    try {
      secrets = CeremonyFile.parse(plain, file + " (sealed part)");
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
    if (!secrets.isObject()) {
      throw CeremonyException.badInput(file + ": field sealed: does not hold a JSON object");
    }
    ObjectNode out = doc.deepCopy();
    out.remove(SEALED);
    for (Map.Entry<String, JsonNode> e : secrets.properties()) {
      if (out.has(e.getKey())) {
        throw CeremonyException.badInput(
            file + ": field sealed: holds " + e.getKey() + ", which is also a public field");
      }
      out.set(e.getKey(), e.getValue());
    }
    return out;
  }

  /** The authenticated context of a sealed document: its public fields, canonically encoded. */
  private static byte[] context(ObjectNode publicPart) {
    ObjectNode c = publicPart.deepCopy();
    c.remove(SEALED);
    c.remove("warning");
    return Hashes.concat(CONTEXT_TAG, Canonical.encode(c));
  }

  /** What protects the files, for messages. */
  public String description() {
    return description;
  }

  @Override
  public void close() {
    store.ifPresent(KeyStore::close);
  }

  @Override
  public String toString() {
    return "SecretStore[" + description + "]";
  }
}
