package dev.frostgate.node.keystore;

import static dev.frostgate.node.keystore.KeyStoreException.Reason.MALFORMED_FILE;
import static dev.frostgate.node.keystore.KeyStoreException.Reason.UNSUPPORTED_VERSION;

import dev.frostgate.crypto.hash.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * A secret other than a key package (an identity key, a DKG or refresh polynomial, signing-nonce
 * randomness: the offline ceremony's secret files), encrypted by a {@link KeyStore} under the same
 * protection as its key files: Argon2id from a passphrase, or the non-extractable AES key of a
 * PKCS#11 token, then AES-256-GCM. All integers are unsigned big-endian.
 *
 * <pre>
 *   magic          4 bytes   "FGSS"
 *   version        1 byte    = 1
 *   protection     1 byte    1 = passphrase (Argon2id), 2 = PKCS#11 token key
 *   protection parameters    as in {@code KeyFile} (Argon2id cost and a fresh salt, or the label)
 *   nonce         12 bytes   random per write
 *   length         4 bytes   ciphertext length L, 17..{@link #MAX_CIPHERTEXT_LENGTH}
 *   ciphertext     L bytes   AES-256-GCM(secret) ‖ 16-byte tag
 * </pre>
 *
 * The GCM associated data is every byte before the ciphertext followed by SHA-256 of the caller's
 * context (for a ceremony file: its public fields), which is authenticated but not stored here, so
 * a sealed secret moved into another file, or a file whose public fields were edited, does not
 * open.
 */
public final class SealedSecret {
  static final byte[] MAGIC = "FGSS".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;

  /** 64 KiB: more than any ceremony secret (a 1000-coefficient polynomial is 32 KB). */
  public static final int MAX_CIPHERTEXT_LENGTH = 1 << 16;

  final KeyFile.Protection protection;
  final byte[] nonce;
  final byte[] ciphertext;

  private SealedSecret(KeyFile.Protection protection, byte[] nonce, byte[] ciphertext) {
    this.protection = protection;
    this.nonce = nonce;
    this.ciphertext = ciphertext;
  }

  static SealedSecret of(KeyFile.Protection protection, byte[] nonce, byte[] ciphertext) {
    return new SealedSecret(protection, nonce.clone(), ciphertext.clone());
  }

  private static byte[] header(KeyFile.Protection protection, byte[] nonce, int length) {
    byte[] params = KeyFile.encodeProtection(protection);
    ByteBuffer b = ByteBuffer.allocate(4 + 1 + 1 + params.length + KeyFile.NONCE_LENGTH + 4);
    b.put(MAGIC);
    b.put((byte) VERSION);
    b.put((byte) protection.tag());
    b.put(params);
    b.put(nonce);
    b.putInt(length);
    return b.array();
  }

  /** The GCM associated data for a ciphertext of {@code length} bytes under {@code context}. */
  static byte[] associatedData(
      KeyFile.Protection protection, byte[] nonce, int length, byte[] context) {
    return Hashes.concat(header(protection, nonce, length), Hashes.sha256(context));
  }

  byte[] associatedData(byte[] context) {
    return associatedData(protection, nonce, ciphertext.length, context);
  }

  byte[] encode() {
    return Hashes.concat(header(protection, nonce, ciphertext.length), ciphertext);
  }

  /**
   * Strictly decodes a sealed secret (structure only; authenticity is checked by decryption).
   *
   * @throws KeyStoreException MALFORMED_FILE or UNSUPPORTED_VERSION, naming {@code source}
   */
  static SealedSecret decode(byte[] data, String source) {
    KeyFile.Reader r = new KeyFile.Reader(data, source);
    if (!Arrays.equals(r.bytes(MAGIC.length, "magic"), MAGIC)) {
      throw new KeyStoreException(MALFORMED_FILE, source + " is not a Frostgate sealed secret");
    }
    int version = r.u8("version");
    if (version != VERSION) {
      throw new KeyStoreException(
          UNSUPPORTED_VERSION,
          source
              + " has sealed-secret version "
              + version
              + ", this build reads version "
              + VERSION);
    }
    KeyFile.Protection protection = KeyFile.decodeProtection(r.u8("protection"), r);
    byte[] nonce = r.bytes(KeyFile.NONCE_LENGTH, "nonce");
    long length = r.u32("ciphertext length");
    if (length < KeyFile.TAG_LENGTH + 1 || length > MAX_CIPHERTEXT_LENGTH) {
      throw r.fail(
          "ciphertext length",
          "must be " + (KeyFile.TAG_LENGTH + 1) + ".." + MAX_CIPHERTEXT_LENGTH);
    }
    byte[] ct = r.bytes((int) length, "ciphertext");
    r.end();
    return new SealedSecret(protection, nonce, ct);
  }

  /**
   * How a sealed secret is protected, read from its clear header (not yet authenticated).
   *
   * @throws KeyStoreException MALFORMED_FILE if the bytes are not a sealed secret
   */
  public static StoredKeyInfo.Protection protectionOf(byte[] sealed, String source) {
    return decode(sealed, source).protection.kind();
  }

  /** The Argon2id cost a passphrase-sealed secret was written with; empty for a token key. */
  public static Optional<KdfParameters> kdfOf(byte[] sealed, String source) {
    return decode(sealed, source).protection instanceof KeyFile.Passphrase p
        ? Optional.of(p.kdf())
        : Optional.empty();
  }
}
