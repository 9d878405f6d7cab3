package dev.frostgate.testkit.crypto;

import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.crypto.hd.Base58;
import dev.frostgate.crypto.hd.Bip32;
import dev.frostgate.crypto.hd.ExtendedPublicKey;
import dev.frostgate.crypto.hd.Network;
import java.util.Arrays;

/**
 * A BIP32 extended private key (xprv/tprv). The key is a {@link SecretScalar}: all arithmetic on it
 * runs in libsecp256k1. Mostly for tests and single-key tooling; threshold keys never exist as one
 * private key and are derived with {@link ExtendedPublicKey} tweaks instead. {@link #toString()}
 * never prints the key.
 */
public final class ExtendedPrivateKey {
  /** Add to an index to make it hardened. */
  public static final int HARDENED = Bip32.HARDENED;

  private static final byte[] SEED_KEY = Hashes.ascii("Bitcoin seed");

  private final Network network;
  private final int depth;
  private final int parentFingerprint;
  private final int childNumber;
  private final byte[] chainCode;
  private final SecretScalar key;
  private volatile ExtendedPublicKey neutered;

  private ExtendedPrivateKey(
      Network network,
      int depth,
      int parentFingerprint,
      int childNumber,
      byte[] chainCode,
      SecretScalar key) {
    this.network = network;
    this.depth = depth;
    this.parentFingerprint = parentFingerprint;
    this.childNumber = childNumber;
    this.chainCode = chainCode;
    this.key = key;
  }

  /**
   * The master key of a seed: I = HMAC-SHA512("Bitcoin seed", seed).
   *
   * @throws IllegalArgumentException if the seed is not 16..64 bytes
   * @throws CryptoException if IL is 0 or ≥ n (BIP32: the seed is unusable)
   */
  public static ExtendedPrivateKey fromSeed(byte[] seed, Network network) {
    if (seed.length < 16 || seed.length > 64) {
      throw new IllegalArgumentException("BIP32 seed must be 16..64 bytes, got " + seed.length);
    }
    byte[] i = Bip32.hmacSha512(SEED_KEY, seed);
    try {
      SecretScalar k = secretFromIl(i, "master key");
      return new ExtendedPrivateKey(network, 0, 0, 0, Arrays.copyOfRange(i, 32, 64), k);
    } finally {
      Arrays.fill(i, (byte) 0);
    }
  }

  /** Index i hardened: i + 2^31. */
  public static int hardened(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("index " + Bip32.indexToString(index) + " is hardened");
    }
    return index | HARDENED;
  }

  /**
   * Parses a Base58Check xprv/tprv (tprv is reported as {@link Network#TESTNET}).
   *
   * @throws CryptoException naming the problem: checksum, length, version (including an extended
   *     public key), depth-0 rules, key prefix, or a key that is 0 or ≥ n
   */
  public static ExtendedPrivateKey parse(String text) {
    byte[] keyData = new byte[33];
    try {
      Bip32.Header h = Bip32.decode(text, keyData);
      Network network;
      if (h.version() == Network.MAINNET.xprvVersion()) {
        network = Network.MAINNET;
      } else if (h.version() == Network.TESTNET.xprvVersion()) {
        network = Network.TESTNET;
      } else if (h.version() == Network.MAINNET.xpubVersion()
          || h.version() == Network.TESTNET.xpubVersion()) {
        throw new CryptoException(
            "extended key has a public-key version 0x"
                + String.format("%08x", h.version())
                + " (xpub/tpub); expected an extended private key");
      } else {
        throw new CryptoException(Bip32.unknownVersion(h.version()));
      }
      if (keyData[0] != 0) {
        throw new CryptoException(
            "private key data must start with 0x00, got "
                + String.format("0x%02x", keyData[0] & 0xff));
      }
      byte[] secret = Arrays.copyOfRange(keyData, 1, 33);
      SecretScalar k;
      try {
        k = SecretScalar.fromBytes(secret);
      } catch (CryptoException e) {
        throw new CryptoException("private key is not in 1..n-1");
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
      return new ExtendedPrivateKey(
          network, h.depth(), h.parentFingerprint(), h.childNumber(), h.chainCode(), k);
    } finally {
      Arrays.fill(keyData, (byte) 0);
    }
  }

  /** Parses a key that must carry {@code network}'s xprv version. */
  public static ExtendedPrivateKey parse(String text, Network network) {
    ExtendedPrivateKey k = parse(text);
    if (k.network.xprvVersion() != network.xprvVersion()) {
      throw new CryptoException(
          "extended private key is for " + k.network + ", expected " + network);
    }
    return new ExtendedPrivateKey(
        network, k.depth, k.parentFingerprint, k.childNumber, k.chainCode, k.key);
  }

  /**
   * Derives child {@code index} (CKDpriv). Indices with the top bit set ({@code hardened(i)}) are
   * hardened.
   *
   * @throws IllegalArgumentException if this key is at depth 255
   * @throws CryptoException in the ~2^-127 case where BIP32 declares the index invalid
   */
  public ExtendedPrivateKey deriveChild(int index) {
    if (depth == 255) {
      throw new IllegalArgumentException("extended key at depth 255 cannot have children");
    }
    byte[] i;
    if (index < 0) {
      byte[] k = key.toBytes();
      try {
        i = Bip32.hmacSha512(chainCode, new byte[] {0}, k, Bip32.ser32(index));
      } finally {
        Arrays.fill(k, (byte) 0);
      }
    } else {
      i = Bip32.hmacSha512(chainCode, publicKey().compressed(), Bip32.ser32(index));
    }
    try {
      SecretScalar il = secretFromIl(i, "child " + Bip32.indexToString(index));
      SecretScalar child;
      try {
        child = key.add(il);
      } catch (CryptoException e) {
        throw new CryptoException(
            "BIP32 child "
                + Bip32.indexToString(index)
                + " is invalid (key 0); use the next index");
      } finally {
        il.destroy();
      }
      return new ExtendedPrivateKey(
          network, depth + 1, fingerprint(), index, Arrays.copyOfRange(i, 32, 64), child);
    } finally {
      Arrays.fill(i, (byte) 0);
    }
  }

  /**
   * Derives along a path such as {@code m/0'/1/2h} (hardened with ' or h), relative to this key.
   *
   * @throws IllegalArgumentException for a malformed path or an index ≥ 2^31
   */
  public ExtendedPrivateKey derivePath(String path) {
    ExtendedPrivateKey k = this;
    for (int index : parsePath(path)) {
      k = k.deriveChild(index);
    }
    return k;
  }

  /** Parses "m/a/b'/c" into raw indices. */
  public static int[] parsePath(String path) {
    String[] parts = path.split("/", -1);
    if (!parts[0].equals("m")) {
      throw new IllegalArgumentException("derivation path must start with 'm': " + path);
    }
    int[] out = new int[parts.length - 1];
    for (int j = 1; j < parts.length; j++) {
      String p = parts[j];
      boolean hard = p.endsWith("'") || p.endsWith("h");
      String digits = hard ? p.substring(0, p.length() - 1) : p;
      if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new IllegalArgumentException("bad path element '" + p + "' in " + path);
      }
      long v = digits.length() > 10 ? Long.MAX_VALUE : Long.parseLong(digits);
      if (v >= 1L << 31) {
        throw new IllegalArgumentException("path index " + digits + " is ≥ 2^31 in " + path);
      }
      out[j - 1] = hard ? (int) v | HARDENED : (int) v;
    }
    return out;
  }

  /** The matching extended public key. */
  public ExtendedPublicKey neuter() {
    ExtendedPublicKey n = neutered;
    if (n == null) {
      n =
          ExtendedPublicKey.of(
              network, depth, parentFingerprint, childNumber, chainCode, key.publicPoint());
      neutered = n;
    }
    return n;
  }

  public Point publicKey() {
    return neuter().key();
  }

  public int fingerprint() {
    return neuter().fingerprint();
  }

  /** The 78-byte serialization; contains the secret, wipe it after use. */
  public byte[] toBytes() {
    byte[] out =
        Bip32.encodeHeader(network.xprvVersion(), depth, parentFingerprint, childNumber, chainCode);
    byte[] k = key.toBytes();
    System.arraycopy(k, 0, out, 46, 32);
    Arrays.fill(k, (byte) 0);
    return out;
  }

  /** Base58Check xprv/tprv string; it reveals the key. */
  public String serialize() {
    byte[] raw = toBytes();
    try {
      return Base58.encodeCheck(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** A copy of the private key; the caller should {@link SecretScalar#destroy()} it. */
  public SecretScalar privateKey() {
    byte[] k = key.toBytes();
    try {
      return SecretScalar.fromBytes(k);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  /** Wipes the private key; the object is unusable afterwards. */
  public void destroy() {
    key.destroy();
    Arrays.fill(chainCode, (byte) 0);
  }

  public Network network() {
    return network;
  }

  public int depth() {
    return depth;
  }

  public int parentFingerprint() {
    return parentFingerprint;
  }

  public int childNumber() {
    return childNumber;
  }

  public byte[] chainCode() {
    return chainCode.clone();
  }

  private static SecretScalar secretFromIl(byte[] i, String what) {
    byte[] il = Arrays.copyOf(i, 32);
    try {
      return SecretScalar.fromBytes(il);
    } catch (CryptoException e) {
      throw new CryptoException(
          "BIP32 " + what + " is invalid (IL is 0 or ≥ n); use the next index or seed");
    } finally {
      Arrays.fill(il, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "ExtendedPrivateKey[" + network + ", depth " + depth + ", key redacted]";
  }
}
