package dev.frostgate.crypto.hd;

import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.hash.Hashes;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * A BIP341 pay-to-taproot output for key-path spending. The TapTweak is always applied: with no
 * script tree, t = hash_TapTweak(x(P)); with one, t = hash_TapTweak(x(P) ‖ merkleRoot). Q = P + t·G
 * where P is the internal key lifted to even y.
 */
public final class TaprootOutput {
  private final Point internalKey; // even y
  private final byte[] merkleRoot; // empty when there is no script tree
  private final Scalar tweak;
  private final Point outputKey;

  private TaprootOutput(Point internalKey, byte[] merkleRoot, Scalar tweak, Point outputKey) {
    this.internalKey = internalKey;
    this.merkleRoot = merkleRoot;
    this.tweak = tweak;
    this.outputKey = outputKey;
  }

  /** Key-path-only output (no script tree). Either parity of {@code internalKey} is accepted. */
  public static TaprootOutput of(Point internalKey) {
    return build(internalKey, new byte[0]);
  }

  /**
   * Output committing to a script tree with the given 32-byte merkle root.
   *
   * @throws IllegalArgumentException if the merkle root is not 32 bytes
   */
  public static TaprootOutput of(Point internalKey, byte[] merkleRoot) {
    if (merkleRoot.length != 32) {
      throw new IllegalArgumentException(
          "taproot merkle root must be 32 bytes, got " + merkleRoot.length);
    }
    return build(internalKey, merkleRoot.clone());
  }

  private static TaprootOutput build(Point internalKey, byte[] merkleRoot) {
    Point p = internalKey.withEvenY();
    byte[] t = Hashes.taggedHash("TapTweak", p.xOnly(), merkleRoot);
    Scalar tweak;
    try {
      tweak = Scalar.fromBytes(t);
    } catch (CryptoException e) {
      throw new CryptoException("TapTweak is not below the group order; output is unusable");
    }
    Point q;
    try {
      q = p.addMulGenerator(tweak);
    } catch (CryptoException e) {
      throw new CryptoException("tweaked taproot key is the point at infinity");
    }
    return new TaprootOutput(p, merkleRoot, tweak, q);
  }

  /** hash_TapLeaf(leafVersion ‖ compact_size(len(script)) ‖ script). */
  public static byte[] tapLeafHash(int leafVersion, byte[] script) {
    if (leafVersion < 0 || leafVersion > 0xfe || (leafVersion & 1) != 0) {
      throw new IllegalArgumentException("bad tapscript leaf version " + leafVersion);
    }
    ByteArrayOutputStream b = new ByteArrayOutputStream(script.length + 10);
    b.write(leafVersion);
    writeCompactSize(b, script.length);
    b.writeBytes(script);
    return Hashes.taggedHash("TapLeaf", b.toByteArray());
  }

  /** hash_TapBranch of two child hashes, sorted lexicographically. */
  public static byte[] tapBranchHash(byte[] a, byte[] b) {
    if (a.length != 32 || b.length != 32) {
      throw new IllegalArgumentException("tap branch children must be 32 bytes");
    }
    return Arrays.compareUnsigned(a, b) <= 0
        ? Hashes.taggedHash("TapBranch", a, b)
        : Hashes.taggedHash("TapBranch", b, a);
  }

  private static void writeCompactSize(ByteArrayOutputStream b, int n) {
    if (n < 0xfd) {
      b.write(n);
    } else if (n <= 0xffff) {
      b.write(0xfd);
      b.write(n);
      b.write(n >>> 8);
    } else {
      b.write(0xfe);
      b.write(n);
      b.write(n >>> 8);
      b.write(n >>> 16);
      b.write(n >>> 24);
    }
  }

  /** The internal key, lifted to even y. */
  public Point internalPoint() {
    return internalKey;
  }

  /** x(P), the 32-byte x-only internal key. */
  public byte[] internalKey() {
    return internalKey.xOnly();
  }

  /** The script tree's merkle root, if one was committed to. */
  public Optional<byte[]> merkleRoot() {
    return merkleRoot.length == 0 ? Optional.empty() : Optional.of(merkleRoot.clone());
  }

  /** t, so that Q = P_even + t·G and a key-path secret is d_even + t. */
  public Scalar tweak() {
    return tweak;
  }

  /** Q as a full point (its parity is {@link #outputKeyOddY()}). */
  public Point outputPoint() {
    return outputKey;
  }

  /** x(Q), the 32-byte x-only output key. */
  public byte[] outputKey() {
    return outputKey.xOnly();
  }

  /** The parity of Q's y (the low bit of a script-path control block's first byte). */
  public boolean outputKeyOddY() {
    return !outputKey.hasEvenY();
  }

  /** OP_1 0x20 x(Q). */
  public byte[] scriptPubKey() {
    byte[] out = new byte[34];
    out[0] = 0x51;
    out[1] = 0x20;
    System.arraycopy(outputKey.xOnly(), 0, out, 2, 32);
    return out;
  }

  /** The bech32m witness-v1 address on {@code network}. */
  public String address(Network network) {
    return SegwitAddress.of(network, 1, outputKey.xOnly()).encode();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TaprootOutput t
        && t.internalKey.equals(internalKey)
        && Arrays.equals(t.merkleRoot, merkleRoot);
  }

  @Override
  public int hashCode() {
    return internalKey.hashCode() * 31 + Arrays.hashCode(merkleRoot);
  }

  @Override
  public String toString() {
    return "TaprootOutput[" + java.util.HexFormat.of().formatHex(outputKey()) + "]";
  }
}
