package dev.frostgate.bitcoin.spv;

import dev.frostgate.bitcoin.spv.SpvException.Reason;
import dev.frostgate.crypto.hash.Hashes;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.BlockHeader;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.TxId;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A proof that transactions are in a block, in the format of Bitcoin Core's {@code gettxoutproof}
 * (a serialized {@code CMerkleBlock}): the 80-byte header, the total number of transactions (uint32
 * LE), a CompactSize count of 32-byte hashes (internal byte order, depth first), and a CompactSize
 * count of flag bytes (bits least significant first). The tree is BIP37's partial merkle tree.
 *
 * <p>{@link #parse} checks the encoding; {@link #verify} rebuilds the merkle root exactly as
 * Bitcoin Core's {@code CPartialMerkleTree::ExtractMatches} does, rejects everything it rejects,
 * and additionally rejects non-zero padding bits in the last flag byte (Core ignores them; Core
 * never writes them), then compares the root with the header's.
 *
 * @param header the block header the proof is about
 * @param totalTransactions the number of transactions in the block
 * @param hashes the partial tree's hashes, internal byte order, depth-first
 * @param flags the partial tree's flag bytes, as serialized
 */
public record MerkleProof(
    BlockHeader header, int totalTransactions, List<ByteVector32> hashes, ByteVector flags) {

  /** Bitcoin Core's limit: MAX_BLOCK_WEIGHT / MIN_TRANSACTION_WEIGHT = 4,000,000 / 240. */
  public static final int MAX_TRANSACTIONS = 4_000_000 / 240;

  private static final String WHAT = "merkle proof";

  /** A matched transaction and its position (0-based) in the block. */
  public record Match(TxId txid, int position) {
    public Match {
      Objects.requireNonNull(txid, "txid");
      if (position < 0) {
        throw new IllegalArgumentException("position must be >= 0: " + position);
      }
    }
  }

  /**
   * The result of a successful {@link #verify()}: the header (whose merkle root the proof hashes up
   * to) and the matched transactions in block order.
   */
  public record Verified(BlockHeader header, int totalTransactions, List<Match> matches) {
    public Verified {
      Objects.requireNonNull(header, "header");
      matches = List.copyOf(matches);
    }

    public BlockHash blockHash() {
      return header.hash;
    }

    /** The matched txids in block order. */
    public List<TxId> txids() {
      return matches.stream().map(Match::txid).toList();
    }

    public Optional<Match> find(TxId txid) {
      return matches.stream().filter(m -> m.txid().equals(txid)).findFirst();
    }

    public boolean contains(TxId txid) {
      return find(txid).isPresent();
    }
  }

  public MerkleProof {
    Objects.requireNonNull(header, "header");
    hashes = List.copyOf(hashes);
    Objects.requireNonNull(flags, "flags");
  }

  // ---------------------------------------------------------------- decoding and encoding

  /** Decodes a serialized proof; rejects truncated, over-long and out-of-range input. */
  public static MerkleProof parse(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    ByteReader in = new ByteReader(bytes, WHAT);
    BlockHeader header = readHeader(in.bytes(80, "block header"));
    long total = in.uint32("total transactions");
    checkTotal(total);
    long hashCount = in.compactSize("hash count");
    if (hashCount > total) {
      throw new SpvException(
          Reason.TOO_MANY_HASHES,
          WHAT + ": " + hashCount + " hashes for " + total + " transaction(s)");
    }
    List<ByteVector32> hashes = new ArrayList<>((int) hashCount);
    for (int i = 0; i < hashCount; i++) {
      hashes.add(new ByteVector32(in.bytes(32, "hash " + i)));
    }
    long flagCount = in.compactSize("flag byte count");
    if (flagCount > in.remaining()) {
      throw new SpvException(
          Reason.TRUNCATED,
          WHAT + ": " + flagCount + " flag byte(s) announced, " + in.remaining() + " present");
    }
    byte[] flags = in.bytes((int) flagCount, "flag bytes");
    in.end();
    if (flagCount * 8 < hashCount) {
      throw new SpvException(
          Reason.NOT_ENOUGH_BITS,
          WHAT + ": " + flagCount * 8 + " flag bits for " + hashCount + " hashes");
    }
    return new MerkleProof(header, (int) total, hashes, new ByteVector(flags));
  }

  /** {@link #parse(byte[])} of a hex string (as returned by the {@code gettxoutproof} RPC). */
  public static MerkleProof parseHex(String hex) {
    Objects.requireNonNull(hex, "hex");
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(hex.strip());
    } catch (IllegalArgumentException e) {
      throw new SpvException(Reason.TRUNCATED, WHAT + ": not a hex string: " + e.getMessage());
    }
    return parse(bytes);
  }

  /** The serialized proof (round-trips {@link #parse} byte for byte). */
  public byte[] serialize() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(80 + 4 + 3 + 32 * hashes.size() + 3);
    out.writeBytes(BlockHeader.write(header));
    ByteReader.writeUint32(out, totalTransactions & 0xffffffffL);
    ByteReader.writeCompactSize(out, hashes.size());
    for (ByteVector32 h : hashes) {
      out.writeBytes(h.toByteArray());
    }
    ByteReader.writeCompactSize(out, flags.size());
    out.writeBytes(flags.toByteArray());
    return out.toByteArray();
  }

  public String toHex() {
    return HexFormat.of().formatHex(serialize());
  }

  // ---------------------------------------------------------------- verification

  /**
   * Rebuilds the merkle root by the BIP37 traversal, checks every rule of Bitcoin Core's {@code
   * CPartialMerkleTree::ExtractMatches}, and compares the root with the header's.
   *
   * @return the matched transactions with their positions
   * @throws SpvException with the broken rule as its reason
   */
  public Verified verify() {
    checkTotal(totalTransactions & 0xffffffffL);
    if (hashes.size() > totalTransactions) {
      throw new SpvException(
          Reason.TOO_MANY_HASHES,
          WHAT + ": " + hashes.size() + " hashes for " + totalTransactions + " transaction(s)");
    }
    int bitCount = flags.size() * 8;
    if (bitCount < hashes.size()) {
      throw new SpvException(
          Reason.NOT_ENOUGH_BITS,
          WHAT + ": " + bitCount + " flag bits for " + hashes.size() + " hashes");
    }
    Traversal t = new Traversal(flags.toByteArray(), hashes, totalTransactions);
    byte[] root = t.extract(treeHeight(totalTransactions), 0);
    if ((t.bitsUsed + 7) / 8 != flags.size()) {
      throw new SpvException(
          Reason.UNUSED_BITS,
          WHAT
              + ": "
              + t.bitsUsed
              + " flag bit(s) used but "
              + flags.size()
              + " flag byte(s) sent");
    }
    for (int b = t.bitsUsed; b < bitCount; b++) {
      if (t.bit(b)) {
        throw new SpvException(
            Reason.UNUSED_BITS, WHAT + ": padding flag bit " + b + " is set (only zero allowed)");
      }
    }
    if (t.hashesUsed != hashes.size()) {
      throw new SpvException(
          Reason.UNUSED_HASHES,
          WHAT + ": " + t.hashesUsed + " of " + hashes.size() + " hashes used");
    }
    if (!Arrays.equals(root, header.hashMerkleRoot.toByteArray())) {
      throw new SpvException(
          Reason.MERKLE_ROOT_MISMATCH,
          WHAT
              + ": rebuilt root "
              + new ByteVector32(root).reversed().toHex()
              + " but block "
              + header.blockId
              + " commits to "
              + header.hashMerkleRoot.reversed().toHex());
    }
    return new Verified(header, totalTransactions, t.matches);
  }

  /** Depth-first extraction with Bitcoin Core's failure rules. */
  private static final class Traversal {
    private final byte[] flags;
    private final List<ByteVector32> hashes;
    private final int total;
    private final List<Match> matches = new ArrayList<>();
    int bitsUsed;
    int hashesUsed;

    Traversal(byte[] flags, List<ByteVector32> hashes, int total) {
      this.flags = flags;
      this.hashes = hashes;
      this.total = total;
    }

    boolean bit(int i) {
      return ((flags[i >>> 3] >>> (i & 7)) & 1) != 0;
    }

    byte[] extract(int height, int pos) {
      if (bitsUsed >= flags.length * 8) {
        throw new SpvException(
            Reason.NOT_ENOUGH_BITS, WHAT + ": ran out of flag bits after " + bitsUsed);
      }
      boolean parentOfMatch = bit(bitsUsed++);
      if (height == 0 || !parentOfMatch) {
        if (hashesUsed >= hashes.size()) {
          throw new SpvException(
              Reason.NOT_ENOUGH_HASHES, WHAT + ": ran out of hashes after " + hashesUsed);
        }
        byte[] hash = hashes.get(hashesUsed++).toByteArray();
        if (height == 0 && parentOfMatch) {
          matches.add(new Match(new TxId(new ByteVector32(hash).reversed()), pos));
        }
        return hash;
      }
      byte[] left = extract(height - 1, pos * 2);
      byte[] right;
      if (pos * 2 + 1 < treeWidth(total, height - 1)) {
        right = extract(height - 1, pos * 2 + 1);
        if (Arrays.equals(left, right)) {
          throw new SpvException(
              Reason.DUPLICATE_NODE,
              WHAT
                  + ": identical siblings at height "
                  + (height - 1)
                  + ", positions "
                  + pos * 2
                  + " and "
                  + (pos * 2 + 1)
                  + " (CVE-2012-2459 mutation)");
        }
      } else {
        right = left;
      }
      return Hashes.sha256d(left, right);
    }
  }

  // ---------------------------------------------------------------- building

  /**
   * Builds the {@code gettxoutproof} bytes proving {@code matches} in a block with transactions
   * {@code txids} (block order), as Bitcoin Core's {@code CMerkleBlock} constructor does.
   *
   * @throws IllegalArgumentException if the list is empty, too long, has duplicates, a match is not
   *     in it, or the txids do not hash to the header's merkle root
   */
  public static byte[] build(BlockHeader header, List<TxId> txids, Set<TxId> matches) {
    return create(header, txids, matches).serialize();
  }

  /** {@link #build(BlockHeader, List, Set)} with the header as its 80 serialized bytes. */
  public static byte[] build(byte[] header, List<TxId> txids, Set<TxId> matches) {
    Objects.requireNonNull(header, "header");
    if (header.length != 80) {
      throw new IllegalArgumentException("a block header is 80 bytes, got " + header.length);
    }
    return build(readHeader(header), txids, matches);
  }

  /** Like {@link #build(BlockHeader, List, Set)}, returning the proof object. */
  public static MerkleProof create(BlockHeader header, List<TxId> txids, Set<TxId> matches) {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(txids, "txids");
    Objects.requireNonNull(matches, "matches");
    if (txids.isEmpty()) {
      throw new IllegalArgumentException("a block has at least one transaction");
    }
    if (txids.size() > MAX_TRANSACTIONS) {
      throw new IllegalArgumentException(
          txids.size() + " transactions exceed the limit of " + MAX_TRANSACTIONS);
    }
    Set<TxId> seen = new HashSet<>();
    for (TxId t : txids) {
      if (!seen.add(Objects.requireNonNull(t, "txid"))) {
        throw new IllegalArgumentException("duplicate txid " + t);
      }
    }
    for (TxId m : matches) {
      if (!seen.contains(m)) {
        throw new IllegalArgumentException("match " + m + " is not in the block's txids");
      }
    }
    MerkleProof proof = createUnchecked(header, txids, matches);
    if (!Arrays.equals(
        proof.header.hashMerkleRoot.toByteArray(), merkleRootBytes(internal(txids)))) {
      throw new IllegalArgumentException(
          "the txids do not hash to the header's merkle root "
              + header.hashMerkleRoot.reversed().toHex());
    }
    return proof;
  }

  /** The builder without argument checks (tests use it to make mutated proofs). */
  static MerkleProof createUnchecked(BlockHeader header, List<TxId> txids, Set<TxId> matches) {
    int n = txids.size();
    byte[][] leaves = internal(txids);
    boolean[] match = new boolean[n];
    for (int i = 0; i < n; i++) {
      match[i] = matches.contains(txids.get(i));
    }
    List<byte[][]> levels = levels(leaves);
    List<ByteVector32> hashes = new ArrayList<>();
    List<Boolean> bits = new ArrayList<>();
    buildNode(levels.size() - 1, 0, n, levels, match, hashes, bits);
    byte[] flags = new byte[(bits.size() + 7) / 8];
    for (int i = 0; i < bits.size(); i++) {
      if (bits.get(i)) {
        flags[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    return new MerkleProof(header, n, hashes, new ByteVector(flags));
  }

  private static void buildNode(
      int height,
      int pos,
      int n,
      List<byte[][]> levels,
      boolean[] match,
      List<ByteVector32> hashes,
      List<Boolean> bits) {
    boolean parentOfMatch = false;
    for (long p = (long) pos << height; p < ((long) pos + 1) << height && p < n; p++) {
      parentOfMatch |= match[(int) p];
    }
    bits.add(parentOfMatch);
    if (height == 0 || !parentOfMatch) {
      hashes.add(new ByteVector32(levels.get(height)[pos]));
    } else {
      buildNode(height - 1, pos * 2, n, levels, match, hashes, bits);
      if (pos * 2 + 1 < treeWidth(n, height - 1)) {
        buildNode(height - 1, pos * 2 + 1, n, levels, match, hashes, bits);
      }
    }
  }

  // ---------------------------------------------------------------- merkle root

  /** The merkle root (internal byte order, as in the header) of a block's txids. */
  public static ByteVector32 merkleRoot(List<TxId> txids) {
    Objects.requireNonNull(txids, "txids");
    if (txids.isEmpty()) {
      throw new IllegalArgumentException("a block has at least one transaction");
    }
    return new ByteVector32(merkleRootBytes(internal(txids)));
  }

  static byte[] merkleRootBytes(byte[][] leaves) {
    List<byte[][]> levels = levels(leaves);
    return levels.get(levels.size() - 1)[0];
  }

  /** All tree levels, leaves first; an odd level pairs its last node with itself. */
  static List<byte[][]> levels(byte[][] leaves) {
    List<byte[][]> levels = new ArrayList<>();
    byte[][] level = leaves;
    levels.add(level);
    while (level.length > 1) {
      byte[][] next = new byte[(level.length + 1) / 2][];
      for (int i = 0; i < next.length; i++) {
        byte[] left = level[2 * i];
        byte[] right = 2 * i + 1 < level.length ? level[2 * i + 1] : left;
        next[i] = Hashes.sha256d(left, right);
      }
      levels.add(next);
      level = next;
    }
    return levels;
  }

  static byte[][] internal(List<TxId> txids) {
    byte[][] out = new byte[txids.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = txids.get(i).value.reversed().toByteArray();
    }
    return out;
  }

  static int treeWidth(int total, int height) {
    return (int) (((long) total + (1L << height) - 1) >>> height);
  }

  static int treeHeight(int total) {
    int h = 0;
    while (treeWidth(total, h) > 1) {
      h++;
    }
    return h;
  }

  // ---------------------------------------------------------------- helpers

  private static void checkTotal(long total) {
    if (total == 0) {
      throw new SpvException(Reason.NO_TRANSACTIONS, WHAT + ": zero transactions");
    }
    if (total > MAX_TRANSACTIONS || total < 0) {
      throw new SpvException(
          Reason.TOO_MANY_TRANSACTIONS,
          WHAT
              + ": "
              + Long.toUnsignedString(total)
              + " transactions exceed the limit of "
              + MAX_TRANSACTIONS);
    }
  }

  static BlockHeader readHeader(byte[] bytes) {
    if (bytes.length != 80) {
      throw new SpvException(
          Reason.INVALID_HEADER, "a block header is 80 bytes, got " + bytes.length);
    }
    try {
      return BlockHeader.read(bytes);
    } catch (RuntimeException e) {
      throw new SpvException(Reason.INVALID_HEADER, "cannot parse block header: " + e);
    }
  }
}
