package dev.frostgate.regtest;

import dev.frostgate.crypto.hash.Hashes;
import fr.acinq.bitcoin.BlockHeader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * BIP37 merkle block ({@code CMerkleBlock}): an 80-byte header followed by Core's partial merkle
 * tree (total transaction count, hashes, flag bits). Hashes are in internal byte order.
 */
final class MerkleProof {
  private static final int MAX_TRANSACTIONS = 4_000_000 / 60;

  private MerkleProof() {}

  /** The result of checking a proof: the header, the merkle root it computes, and the matches. */
  record Extracted(BlockHeader header, byte[] root, List<byte[]> matches) {}

  /** Serializes a merkle block proving {@code match[i]} for the transactions {@code txids}. */
  static byte[] build(BlockHeader header, List<byte[]> txids, boolean[] match) {
    int n = txids.size();
    List<Boolean> bits = new ArrayList<>();
    List<byte[]> hashes = new ArrayList<>();
    int height = 0;
    while (width(n, height) > 1) {
      height++;
    }
    traverseAndBuild(n, height, 0, txids, match, bits, hashes);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(BlockHeader.write(header));
    out.writeBytes(le32(n));
    writeCompactSize(out, hashes.size());
    hashes.forEach(out::writeBytes);
    byte[] flags = new byte[(bits.size() + 7) / 8];
    for (int p = 0; p < bits.size(); p++) {
      if (bits.get(p)) {
        flags[p / 8] |= (byte) (1 << (p % 8));
      }
    }
    writeCompactSize(out, flags.length);
    out.writeBytes(flags);
    return out.toByteArray();
  }

  /**
   * Parses and checks a merkle block as Core's {@code CPartialMerkleTree::ExtractMatches}.
   *
   * @throws IllegalArgumentException if it is malformed or the tree is inconsistent
   */
  static Extracted extract(byte[] proof) {
    ByteBuffer in = ByteBuffer.wrap(proof).order(ByteOrder.LITTLE_ENDIAN);
    if (proof.length < 84) {
      throw new IllegalArgumentException("merkle block too short");
    }
    byte[] headerBytes = new byte[80];
    in.get(headerBytes);
    BlockHeader header = BlockHeader.read(headerBytes);
    long n = in.getInt() & 0xffffffffL;
    long hashCount = readCompactSize(in);
    if (hashCount > (in.remaining()) / 32) {
      throw new IllegalArgumentException("merkle block truncated");
    }
    List<byte[]> hashes = new ArrayList<>();
    for (long i = 0; i < hashCount; i++) {
      byte[] h = new byte[32];
      in.get(h);
      hashes.add(h);
    }
    long flagLen = readCompactSize(in);
    if (flagLen > in.remaining()) {
      throw new IllegalArgumentException("merkle block truncated");
    }
    byte[] flags = new byte[(int) flagLen];
    in.get(flags);
    if (in.hasRemaining()) {
      throw new IllegalArgumentException("trailing bytes after merkle block");
    }
    boolean[] bits = new boolean[flags.length * 8];
    for (int p = 0; p < bits.length; p++) {
      bits[p] = (flags[p / 8] & (1 << (p % 8))) != 0;
    }
    if (n == 0 || n > MAX_TRANSACTIONS || hashes.size() > n || bits.length < hashes.size()) {
      throw new IllegalArgumentException("invalid partial merkle tree sizes");
    }
    int height = 0;
    while (width((int) n, height) > 1) {
      height++;
    }
    int[] used = new int[2]; // bits, hashes
    List<byte[]> matches = new ArrayList<>();
    byte[] root = traverseAndExtract((int) n, height, 0, bits, hashes, used, matches);
    if ((used[0] + 7) / 8 != (bits.length + 7) / 8 || used[1] != hashes.size()) {
      throw new IllegalArgumentException("partial merkle tree has unused bits or hashes");
    }
    return new Extracted(header, root, matches);
  }

  private static int width(int n, int height) {
    return (int) (((long) n + (1L << height) - 1) >> height);
  }

  private static byte[] calcHash(int n, int height, int pos, List<byte[]> txids) {
    if (height == 0) {
      return txids.get(pos);
    }
    byte[] left = calcHash(n, height - 1, pos * 2, txids);
    byte[] right =
        pos * 2 + 1 < width(n, height - 1) ? calcHash(n, height - 1, pos * 2 + 1, txids) : left;
    return Hashes.sha256d(left, right);
  }

  private static void traverseAndBuild(
      int n,
      int height,
      int pos,
      List<byte[]> txids,
      boolean[] match,
      List<Boolean> bits,
      List<byte[]> hashes) {
    boolean parentOfMatch = false;
    for (long p = (long) pos << height; p < ((long) (pos + 1) << height) && p < n; p++) {
      parentOfMatch |= match[(int) p];
    }
    bits.add(parentOfMatch);
    if (height == 0 || !parentOfMatch) {
      hashes.add(calcHash(n, height, pos, txids));
    } else {
      traverseAndBuild(n, height - 1, pos * 2, txids, match, bits, hashes);
      if (pos * 2 + 1 < width(n, height - 1)) {
        traverseAndBuild(n, height - 1, pos * 2 + 1, txids, match, bits, hashes);
      }
    }
  }

  private static byte[] traverseAndExtract(
      int n,
      int height,
      int pos,
      boolean[] bits,
      List<byte[]> hashes,
      int[] used,
      List<byte[]> matches) {
    if (used[0] >= bits.length) {
      throw new IllegalArgumentException("partial merkle tree overflows its flag bits");
    }
    boolean parentOfMatch = bits[used[0]++];
    if (height == 0 || !parentOfMatch) {
      if (used[1] >= hashes.size()) {
        throw new IllegalArgumentException("partial merkle tree overflows its hashes");
      }
      byte[] h = hashes.get(used[1]++);
      if (height == 0 && parentOfMatch) {
        matches.add(h);
      }
      return h;
    }
    byte[] left = traverseAndExtract(n, height - 1, pos * 2, bits, hashes, used, matches);
    byte[] right;
    if (pos * 2 + 1 < width(n, height - 1)) {
      right = traverseAndExtract(n, height - 1, pos * 2 + 1, bits, hashes, used, matches);
      if (Arrays.equals(left, right)) {
        throw new IllegalArgumentException("partial merkle tree has identical siblings");
      }
    } else {
      right = left;
    }
    return Hashes.sha256d(left, right);
  }

  private static byte[] le32(long v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array();
  }

  static void writeCompactSize(ByteArrayOutputStream out, long v) {
    if (v < 0xfd) {
      out.write((int) v);
    } else if (v <= 0xffff) {
      out.write(0xfd);
      out.write((int) v & 0xff);
      out.write((int) (v >> 8) & 0xff);
    } else {
      out.write(0xfe);
      out.writeBytes(le32(v));
    }
  }

  private static long readCompactSize(ByteBuffer in) {
    if (!in.hasRemaining()) {
      throw new IllegalArgumentException("merkle block truncated");
    }
    int first = in.get() & 0xff;
    try {
      if (first < 0xfd) {
        return first;
      } else if (first == 0xfd) {
        return in.getShort() & 0xffff;
      } else if (first == 0xfe) {
        return in.getInt() & 0xffffffffL;
      }
      long v = in.getLong();
      if (v < 0) {
        throw new IllegalArgumentException("compact size too large");
      }
      return v;
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("merkle block truncated");
    }
  }
}
