package dev.frostgate.crypto.hd;

import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.hash.Hash160;
import dev.frostgate.crypto.hash.Hashes;
import java.util.Arrays;

/**
 * A BIP32 extended public key (xpub/tpub). Immutable; derives non-hardened children and exposes the
 * additive tweak IL of each step, so that a threshold key can be derived by adding the tweak to
 * every share.
 */
public final class ExtendedPublicKey {
  private final Network network;
  private final int depth;
  private final int parentFingerprint;
  private final int childNumber;
  private final byte[] chainCode;
  private final Point key;
  private volatile byte[] identifier; // lazily computed HASH160 of the key

  private ExtendedPublicKey(
      Network network,
      int depth,
      int parentFingerprint,
      int childNumber,
      byte[] chainCode,
      Point key) {
    this.network = network;
    this.depth = depth;
    this.parentFingerprint = parentFingerprint;
    this.childNumber = childNumber;
    this.chainCode = chainCode;
    this.key = key;
  }

  /**
   * A child of a derivation step together with the step's additive tweak: child = parent + IL·G.
   */
  public record Child(ExtendedPublicKey key, Scalar tweak) {}

  /**
   * Builds an extended public key from its fields.
   *
   * @param childNumber the raw 32-bit index (hardened indices have the top bit set)
   * @throws IllegalArgumentException for a depth outside 0..255, a chain code that is not 32 bytes,
   *     or a depth-0 key with a non-zero parent fingerprint or child number
   */
  public static ExtendedPublicKey of(
      Network network,
      int depth,
      int parentFingerprint,
      int childNumber,
      byte[] chainCode,
      Point key) {
    Bip32.checkFields(depth, parentFingerprint, childNumber, chainCode);
    return new ExtendedPublicKey(
        network, depth, parentFingerprint, childNumber, chainCode.clone(), key);
  }

  /** A root (depth 0) extended public key. */
  public static ExtendedPublicKey root(Network network, Point key, byte[] chainCode) {
    return of(network, 0, 0, 0, chainCode, key);
  }

  /**
   * Parses a Base58Check xpub/tpub. A tpub is reported as {@link Network#TESTNET} (signet and
   * regtest share its version; use {@link #parse(String, Network)} to pick one).
   *
   * @throws CryptoException naming the problem: checksum, length, version (including an extended
   *     private key), depth-0 rules, key prefix, or a point not on the curve
   */
  public static ExtendedPublicKey parse(String text) {
    byte[] keyData = new byte[33];
    Bip32.Header h = Bip32.decode(text, keyData);
    Network network;
    if (h.version() == Network.MAINNET.xpubVersion()) {
      network = Network.MAINNET;
    } else if (h.version() == Network.TESTNET.xpubVersion()) {
      network = Network.TESTNET;
    } else if (h.version() == Network.MAINNET.xprvVersion()
        || h.version() == Network.TESTNET.xprvVersion()) {
      Arrays.fill(keyData, (byte) 0);
      throw new CryptoException(
          "extended key has a private-key version 0x"
              + String.format("%08x", h.version())
              + " (xprv/tprv); expected an extended public key");
    } else {
      throw new CryptoException(Bip32.unknownVersion(h.version()));
    }
    return fromHeader(network, h, keyData);
  }

  /**
   * Parses an extended public key that must carry {@code network}'s xpub version.
   *
   * @throws CryptoException as {@link #parse(String)}, or if the version belongs to another network
   */
  public static ExtendedPublicKey parse(String text, Network network) {
    ExtendedPublicKey k = parse(text);
    if (k.network.xpubVersion() != network.xpubVersion()) {
      throw new CryptoException(
          "extended public key is for " + k.network + ", expected " + network);
    }
    return new ExtendedPublicKey(
        network, k.depth, k.parentFingerprint, k.childNumber, k.chainCode, k.key);
  }

  private static ExtendedPublicKey fromHeader(Network network, Bip32.Header h, byte[] keyData) {
    if (keyData[0] != 2 && keyData[0] != 3) {
      throw new CryptoException(
          "public key data must start with 0x02 or 0x03, got "
              + String.format("0x%02x", keyData[0] & 0xff)
              + (keyData[0] == 0 ? " (private key data under a public version)" : ""));
    }
    Point key;
    try {
      key = Point.decode(keyData);
    } catch (CryptoException e) {
      throw new CryptoException(
          "invalid public key "
              + java.util.HexFormat.of().formatHex(keyData)
              + ": not a point on secp256k1");
    }
    return new ExtendedPublicKey(
        network, h.depth(), h.parentFingerprint(), h.childNumber(), h.chainCode(), key);
  }

  /** The 78-byte BIP32 serialization. */
  public byte[] toBytes() {
    byte[] out =
        Bip32.encodeHeader(network.xpubVersion(), depth, parentFingerprint, childNumber, chainCode);
    System.arraycopy(key.compressed(), 0, out, 45, 33);
    return out;
  }

  /** Base58Check xpub/tpub string. */
  public String serialize() {
    return Base58.encodeCheck(toBytes());
  }

  /**
   * Derives the non-hardened child {@code index} (CKDpub).
   *
   * @throws IllegalArgumentException if {@code index} is hardened (negative as a Java int, i.e. ≥
   *     2^31) or this key is at depth 255
   * @throws CryptoException in the ~2^-127 case where BIP32 declares the index invalid
   */
  public ExtendedPublicKey deriveChild(int index) {
    return deriveChildWithTweak(index).key();
  }

  /** As {@link #deriveChild(int)}, also returning the tweak IL with child = this + IL·G. */
  public Child deriveChildWithTweak(int index) {
    if (index < 0) {
      throw new IllegalArgumentException(
          "cannot derive hardened child "
              + Bip32.indexToString(index)
              + " from an extended public key; only indices 0..2^31-1");
    }
    if (depth == 255) {
      throw new IllegalArgumentException("extended key at depth 255 cannot have children");
    }
    byte[] i = Bip32.hmacSha512(chainCode, key.compressed(), Bip32.ser32(index));
    Scalar il;
    try {
      il = Scalar.fromBytes(Arrays.copyOf(i, 32));
    } catch (CryptoException e) {
      throw new CryptoException(
          "BIP32 child " + index + " is invalid (IL ≥ n); use the next index");
    }
    Point childKey;
    try {
      childKey = key.addMulGenerator(il);
    } catch (CryptoException e) {
      throw new CryptoException(
          "BIP32 child " + index + " is invalid (key is infinity); use the next index");
    }
    ExtendedPublicKey child =
        new ExtendedPublicKey(
            network, depth + 1, fingerprint(), index, Arrays.copyOfRange(i, 32, 64), childKey);
    return new Child(child, il);
  }

  /** HASH160 of the compressed key (the BIP32 key identifier). */
  public byte[] identifier() {
    byte[] id = identifier;
    if (id == null) {
      id = Hash160.of(key.compressed());
      identifier = id;
    }
    return id.clone();
  }

  /** The first 32 bits of the identifier, big-endian. */
  public int fingerprint() {
    byte[] id = identifier;
    if (id == null) {
      id = Hash160.of(key.compressed());
      identifier = id;
    }
    return Bip32.readInt(id, 0);
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

  /** The raw 32-bit child number (hardened indices have the top bit set). */
  public int childNumber() {
    return childNumber;
  }

  public byte[] chainCode() {
    return chainCode.clone();
  }

  public Point key() {
    return key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExtendedPublicKey k
        && k.network == network
        && k.depth == depth
        && k.parentFingerprint == parentFingerprint
        && k.childNumber == childNumber
        && Arrays.equals(k.chainCode, chainCode)
        && k.key.equals(key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(Hashes.concat(chainCode, key.compressed()));
  }

  @Override
  public String toString() {
    return serialize();
  }
}
