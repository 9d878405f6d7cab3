package dev.frostgate.crypto.hd;

import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import java.util.Arrays;

/**
 * The root extended public key of a FROST group: the group key and a chain code, on a network.
 * Receive (deposit) keys are {@code /0/n} and change keys {@code /1/n}, both non-hardened, so any
 * node derives them from public data and the signers derive the matching key package by adding the
 * {@link Derivation#tweak()} to their shares.
 *
 * <p>The {@code /0} and {@code /1} nodes are derived once at construction, so each deposit or
 * change key costs one BIP32 step (one HMAC-SHA512 and one P + IL·G).
 */
public final class ThresholdXpub {
  /** Largest deposit or change index: non-hardened indices are 0..2^31-1. */
  public static final long MAX_INDEX = (1L << 31) - 1;

  private final Point groupKey;
  private final byte[] chainCode;
  private final Network network;
  private final ExtendedPublicKey root;
  private final ExtendedPublicKey.Child receive;
  private final ExtendedPublicKey.Child change;

  private ThresholdXpub(Point groupKey, byte[] chainCode, Network network) {
    this.groupKey = groupKey;
    this.chainCode = chainCode;
    this.network = network;
    this.root = ExtendedPublicKey.root(network, groupKey, chainCode);
    this.receive = root.deriveChildWithTweak(0);
    this.change = root.deriveChildWithTweak(1);
  }

  /**
   * @throws IllegalArgumentException if the chain code is not 32 bytes
   */
  public static ThresholdXpub of(Point groupKey, byte[] chainCode, Network network) {
    if (chainCode.length != 32) {
      throw new IllegalArgumentException("chain code must be 32 bytes, got " + chainCode.length);
    }
    return new ThresholdXpub(groupKey, chainCode.clone(), network);
  }

  /**
   * Parses a root xpub/tpub (a tpub is taken as {@link Network#TESTNET}).
   *
   * @throws CryptoException if the string is not a valid extended public key or not a root (depth
   *     0)
   */
  public static ThresholdXpub parse(String xpub) {
    return fromRoot(ExtendedPublicKey.parse(xpub));
  }

  /** Parses a root extended public key that must carry {@code network}'s version. */
  public static ThresholdXpub parse(String xpub, Network network) {
    return fromRoot(ExtendedPublicKey.parse(xpub, network));
  }

  private static ThresholdXpub fromRoot(ExtendedPublicKey k) {
    if (k.depth() != 0) {
      throw new CryptoException(
          "threshold xpub must be a root key (depth 0), got depth " + k.depth());
    }
    return new ThresholdXpub(k.key(), k.chainCode(), k.network());
  }

  /** The depth-0 extended public key (parent fingerprint 0, child number 0). */
  public ExtendedPublicKey xpub() {
    return root;
  }

  /** Base58Check serialization of {@link #xpub()}. */
  public String serialize() {
    return root.serialize();
  }

  /** Derivation of the receive key {@code /0/n}. */
  public Derivation deposit(long n) {
    return derive(receive, n, "deposit");
  }

  /** Derivation of the change key {@code /1/n}. */
  public Derivation change(long n) {
    return derive(change, n, "change");
  }

  /** The taproot output of {@code /0/n}. */
  public TaprootOutput depositOutput(long n) {
    return TaprootOutput.of(deposit(n).childKey());
  }

  /** The taproot output of {@code /1/n}. */
  public TaprootOutput changeOutput(long n) {
    return TaprootOutput.of(change(n).childKey());
  }

  /** The bech32m P2TR address of {@code /0/n} on this network. */
  public String depositAddress(long n) {
    return depositOutput(n).address(network);
  }

  /** The bech32m P2TR address of {@code /1/n} on this network. */
  public String changeAddress(long n) {
    return changeOutput(n).address(network);
  }

  private static Derivation derive(ExtendedPublicKey.Child branch, long n, String what) {
    if (n < 0 || n > MAX_INDEX) {
      throw new IllegalArgumentException(
          what + " index must be 0.." + MAX_INDEX + " (non-hardened), got " + n);
    }
    ExtendedPublicKey.Child leaf = branch.key().deriveChildWithTweak((int) n);
    Scalar tweak = branch.tweak().add(leaf.tweak());
    return new Derivation(leaf.key().key(), tweak);
  }

  public Point groupKey() {
    return groupKey;
  }

  public byte[] chainCode() {
    return chainCode.clone();
  }

  public Network network() {
    return network;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ThresholdXpub t
        && t.groupKey.equals(groupKey)
        && Arrays.equals(t.chainCode, chainCode)
        && t.network == network;
  }

  @Override
  public int hashCode() {
    return (groupKey.hashCode() * 31 + Arrays.hashCode(chainCode)) * 31 + network.hashCode();
  }

  @Override
  public String toString() {
    return "ThresholdXpub[" + network + ", " + root.serialize() + "]";
  }
}
