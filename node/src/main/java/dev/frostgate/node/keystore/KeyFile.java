package dev.frostgate.node.keystore;

import static dev.frostgate.node.keystore.KeyStoreException.Reason.MALFORMED_FILE;
import static dev.frostgate.node.keystore.KeyStoreException.Reason.UNSUPPORTED_VERSION;

import dev.frostgate.crypto.codec.FrostCodec;
import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.frost.Ciphersuite;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The on-disk key file shared by {@link EncryptedFileKeyStore} and {@link Pkcs11KeyStore}: a clear
 * header, then the AES-256-GCM ciphertext of the key package. All integers are unsigned big-endian.
 *
 * <pre>
 *   magic          4 bytes   "FGKS"
 *   version        1 byte    = 1
 *   protection     1 byte    1 = passphrase (Argon2id), 2 = PKCS#11 token key
 *   ciphersuite    1 byte    FrostCodec tag: 1 = FROST-secp256k1-SHA256-v1, 2 = ...-TR-v1
 *   validator id   4 bytes   ≥ 1
 *   group key     33 bytes   compressed SEC1 point
 *   created at     8 bytes   seconds since 1970-01-01T00:00:00Z
 *   protection parameters:
 *     passphrase:  memory KiB (4), iterations (4), parallelism (1), salt (16, random per write)
 *     token key:   label length (1, 1..64), label (UTF-8)
 *   nonce         12 bytes   random per write
 *   length         4 bytes   ciphertext length L, 17..4096
 *   ciphertext     L bytes   AES-256-GCM(FrostCodec.encode(keyPackage)) ‖ 16-byte tag
 * </pre>
 *
 * The GCM associated data is every byte before the ciphertext, so the validator id, group key,
 * ciphersuite and KDF parameters are all authenticated: a file copied to another validator or
 * group, or edited to claim so, does not open.
 *
 * <p>A second kind of file has the same layout with magic {@code "FGKP"}: a validator's secret DKG
 * polynomial of one session (see {@link KeyStore#storeDkgPolynomial}), protected exactly like a key
 * package because it is as sensitive as a share. There the 33-byte key field holds the polynomial's
 * public constant term a_0·G (part of the round-1 broadcast), the ciphertext may be up to {@link
 * Content#DKG_POLYNOMIAL}'s limit, and the magic keeps either kind from being read as the other.
 */
final class KeyFile {
  static final byte[] MAGIC = "FGKS".getBytes(StandardCharsets.US_ASCII);

  /** What the ciphertext holds; each kind has its own magic and ciphertext limit. */
  enum Content {
    KEY_PACKAGE("FGKS", MAX_CIPHERTEXT_LENGTH, "a Frostgate key file"),
    /** 32-byte session hash, 1-byte count, then count 32-byte coefficients (count ≤ 255). */
    DKG_POLYNOMIAL("FGKP", 32 + 1 + 255 * 32 + 16, "a Frostgate DKG polynomial file");

    final byte[] magic;
    final int maxCiphertextLength;
    final String description;

    Content(String magic, int maxCiphertextLength, String description) {
      this.magic = magic.getBytes(StandardCharsets.US_ASCII);
      this.maxCiphertextLength = maxCiphertextLength;
      this.description = description;
    }
  }

  static final int VERSION = 1;
  static final int NONCE_LENGTH = 12;
  static final int TAG_LENGTH = 16;
  static final int SALT_LENGTH = 16;
  static final int MAX_LABEL_LENGTH = 64;
  static final int MAX_CIPHERTEXT_LENGTH = 4096;

  /** 9999-12-31T23:59:59Z. */
  static final long MAX_CREATED_AT = 253402300799L;

  /** How the ciphertext key is obtained; each variant's fields are part of the header. */
  sealed interface Protection {
    int tag();

    StoredKeyInfo.Protection kind();
  }

  /** Argon2id over the passphrase with these parameters and salt. */
  record Passphrase(KdfParameters kdf, byte[] salt) implements Protection {
    Passphrase {
      Objects.requireNonNull(kdf, "kdf");
      if (salt.length != SALT_LENGTH) {
        throw new IllegalArgumentException("salt must be " + SALT_LENGTH + " bytes");
      }
      salt = salt.clone();
    }

    @Override
    public byte[] salt() {
      return salt.clone();
    }

    @Override
    public int tag() {
      return 1;
    }

    @Override
    public StoredKeyInfo.Protection kind() {
      return StoredKeyInfo.Protection.PASSPHRASE;
    }
  }

  /** The AES key stored in a PKCS#11 token under this label. */
  record TokenKey(String label) implements Protection {
    TokenKey {
      checkLabel(label);
    }

    @Override
    public int tag() {
      return 2;
    }

    @Override
    public StoredKeyInfo.Protection kind() {
      return StoredKeyInfo.Protection.PKCS11_TOKEN_KEY;
    }
  }

  static void checkLabel(String label) {
    Objects.requireNonNull(label, "label");
    int n = label.getBytes(StandardCharsets.UTF_8).length;
    if (n < 1 || n > MAX_LABEL_LENGTH) {
      throw new IllegalArgumentException(
          "token key label must be 1.." + MAX_LABEL_LENGTH + " UTF-8 bytes, got " + n);
    }
  }

  final Content content;
  final Ciphersuite suite;
  final int validatorId;
  final Point groupKey;
  final Instant createdAt;
  final Protection protection;
  private final byte[] nonce;
  private final byte[] ciphertext;

  private KeyFile(
      Content content,
      Ciphersuite suite,
      int validatorId,
      Point groupKey,
      Instant createdAt,
      Protection protection,
      byte[] nonce,
      byte[] ciphertext) {
    this.content = content;
    this.suite = suite;
    this.validatorId = validatorId;
    this.groupKey = groupKey;
    this.createdAt = createdAt;
    this.protection = protection;
    this.nonce = nonce;
    this.ciphertext = ciphertext;
  }

  /** A key-package header for a new file; the ciphertext is attached by {@link #withCiphertext}. */
  static KeyFile header(
      Ciphersuite suite,
      int validatorId,
      Point groupKey,
      Instant createdAt,
      Protection protection,
      byte[] nonce) {
    return header(Content.KEY_PACKAGE, suite, validatorId, groupKey, createdAt, protection, nonce);
  }

  /** A header for a new file of the given content. */
  static KeyFile header(
      Content content,
      Ciphersuite suite,
      int validatorId,
      Point groupKey,
      Instant createdAt,
      Protection protection,
      byte[] nonce) {
    if (nonce.length != NONCE_LENGTH) {
      throw new IllegalArgumentException("nonce must be " + NONCE_LENGTH + " bytes");
    }
    return new KeyFile(
        content,
        suite,
        validatorId,
        groupKey,
        Instant.ofEpochSecond(createdAt.getEpochSecond()),
        protection,
        nonce.clone(),
        null);
  }

  /** The same header with a ciphertext of the given length announced in the associated data. */
  KeyFile withCiphertext(byte[] ct) {
    return new KeyFile(
        content, suite, validatorId, groupKey, createdAt, protection, nonce, ct.clone());
  }

  byte[] nonce() {
    return nonce.clone();
  }

  byte[] ciphertext() {
    return ciphertext.clone();
  }

  /** The GCM associated data for a ciphertext of {@code ciphertextLength} bytes. */
  byte[] associatedData(int ciphertextLength) {
    return headerBytes(ciphertextLength);
  }

  private byte[] headerBytes(int ciphertextLength) {
    byte[] params = encodeProtection(protection);
    ByteBuffer b = ByteBuffer.allocate(4 + 1 + 1 + 1 + 4 + 33 + 8 + params.length + 12 + 4);
    b.put(content.magic);
    b.put((byte) VERSION);
    b.put((byte) protection.tag());
    b.put((byte) FrostCodec.ciphersuiteTag(suite));
    b.putInt(validatorId);
    b.put(groupKey.compressed());
    b.putLong(createdAt.getEpochSecond());
    b.put(params);
    b.put(nonce);
    b.putInt(ciphertextLength);
    return b.array();
  }

  /** The protection parameters as written after the fixed header fields (see the class comment). */
  static byte[] encodeProtection(Protection protection) {
    return switch (protection) {
      case Passphrase p -> {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 + 1 + SALT_LENGTH);
        b.putInt(p.kdf().memoryKiB());
        b.putInt(p.kdf().iterations());
        b.put((byte) p.kdf().parallelism());
        b.put(p.salt);
        yield b.array();
      }
      case TokenKey t -> {
        byte[] label = t.label().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[1 + label.length];
        out[0] = (byte) label.length;
        System.arraycopy(label, 0, out, 1, label.length);
        yield out;
      }
    };
  }

  byte[] encode() {
    byte[] header = headerBytes(ciphertext.length);
    byte[] out = Arrays.copyOf(header, header.length + ciphertext.length);
    System.arraycopy(ciphertext, 0, out, header.length, ciphertext.length);
    return out;
  }

  StoredKeyInfo info(java.nio.file.Path file) {
    return new StoredKeyInfo(
        file, VERSION, protection.kind(), validatorId, groupKey, suite, createdAt);
  }

  /**
   * Strictly decodes a key file. Only the structure is checked here; authenticity is checked by
   * decryption.
   *
   * @param source names the file in error messages
   * @throws KeyStoreException MALFORMED_FILE or UNSUPPORTED_VERSION
   */
  static KeyFile decode(byte[] data, String source) {
    return decode(data, source, Content.KEY_PACKAGE);
  }

  /** Strictly decodes a file that must hold {@code expected}. */
  static KeyFile decode(byte[] data, String source, Content expected) {
    Reader r = new Reader(data, source);
    byte[] magic = r.bytes(MAGIC.length, "magic");
    if (!Arrays.equals(magic, expected.magic)) {
      throw new KeyStoreException(MALFORMED_FILE, source + " is not " + expected.description);
    }
    int version = r.u8("version");
    if (version != VERSION) {
      throw new KeyStoreException(
          UNSUPPORTED_VERSION,
          source + " has format version " + version + ", this build reads version " + VERSION);
    }
    int protectionTag = r.u8("protection");
    int suiteTag = r.u8("ciphersuite");
    Ciphersuite suite =
        switch (suiteTag) {
          case 1 -> Ciphersuite.RFC9591;
          case 2 -> Ciphersuite.TAPROOT;
          default -> throw r.fail("ciphersuite", "unknown tag " + suiteTag);
        };
    long validatorId = r.u32("validator id");
    if (validatorId < 1 || validatorId > Integer.MAX_VALUE) {
      throw r.fail("validator id", "out of range: " + validatorId);
    }
    byte[] groupKeyBytes = r.bytes(33, "group key");
    Point groupKey;
    try {
      groupKey = Point.decode(groupKeyBytes);
    } catch (CryptoException e) {
      throw r.fail("group key", e.getMessage());
    }
    if (groupKeyBytes[0] != 2 && groupKeyBytes[0] != 3) {
      throw r.fail("group key", "not a compressed point");
    }
    long created = r.u64("created at");
    if (created < 0 || created > MAX_CREATED_AT) {
      throw r.fail("created at", "out of range: " + created);
    }
    Protection protection = decodeProtection(protectionTag, r);
    byte[] nonce = r.bytes(NONCE_LENGTH, "nonce");
    long length = r.u32("ciphertext length");
    if (length < TAG_LENGTH + 1 || length > expected.maxCiphertextLength) {
      throw r.fail(
          "ciphertext length", "must be " + (TAG_LENGTH + 1) + ".." + expected.maxCiphertextLength);
    }
    byte[] ct = r.bytes((int) length, "ciphertext");
    r.end();
    return new KeyFile(
        expected,
        suite,
        (int) validatorId,
        groupKey,
        Instant.ofEpochSecond(created),
        protection,
        nonce,
        ct);
  }

  /** Reads the protection parameters of the given tag (inverse of {@link #encodeProtection}). */
  static Protection decodeProtection(int protectionTag, Reader r) {
    return switch (protectionTag) {
      case 1 -> {
        long memory = r.u32("Argon2id memory");
        long iterations = r.u32("Argon2id iterations");
        int parallelism = r.u8("Argon2id parallelism");
        String problem = KdfParameters.problem(memory, iterations, parallelism);
        if (problem != null) {
          throw r.fail("Argon2id parameters", problem);
        }
        yield new Passphrase(
            new KdfParameters((int) memory, (int) iterations, parallelism),
            r.bytes(SALT_LENGTH, "salt"));
      }
      case 2 -> {
        int n = r.u8("token key label length");
        if (n < 1 || n > MAX_LABEL_LENGTH) {
          throw r.fail("token key label length", "must be 1.." + MAX_LABEL_LENGTH + ", got " + n);
        }
        byte[] label = r.bytes(n, "token key label");
        String s = new String(label, StandardCharsets.UTF_8);
        if (!Arrays.equals(s.getBytes(StandardCharsets.UTF_8), label)) {
          throw r.fail("token key label", "not valid UTF-8");
        }
        yield new TokenKey(s);
      }
      default -> throw r.fail("protection", "unknown tag " + protectionTag);
    };
  }

  static final class Reader {
    private final ByteBuffer buffer;
    private final String source;

    Reader(byte[] data, String source) {
      this.buffer = ByteBuffer.wrap(data);
      this.source = source;
    }

    byte[] bytes(int n, String field) {
      if (buffer.remaining() < n) {
        throw new KeyStoreException(
            MALFORMED_FILE, source + " is truncated (in field '" + field + "')");
      }
      byte[] out = new byte[n];
      buffer.get(out);
      return out;
    }

    int u8(String field) {
      return bytes(1, field)[0] & 0xFF;
    }

    long u32(String field) {
      return ByteBuffer.wrap(bytes(4, field)).getInt() & 0xFFFFFFFFL;
    }

    long u64(String field) {
      return ByteBuffer.wrap(bytes(8, field)).getLong();
    }

    void end() {
      if (buffer.hasRemaining()) {
        throw new KeyStoreException(
            MALFORMED_FILE,
            source + " has " + buffer.remaining() + " unexpected bytes after the ciphertext");
      }
    }

    KeyStoreException fail(String field, String problem) {
      return new KeyStoreException(MALFORMED_FILE, source + ": field '" + field + "': " + problem);
    }
  }
}
