package dev.frostgate.bitcoin.spv;

import dev.frostgate.bitcoin.spv.SpvException.Reason;
import dev.frostgate.crypto.hash.Hashes;
import fr.acinq.bitcoin.BlockHeader;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.TxId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A simple merkle branch (Electrum style): the transaction's position in the block and the sibling
 * of each node on its path to the root, leaves first, in internal byte order. At level k, bit k of
 * the index says whether the running hash is the right child: h = SHA256d(sibling ‖ h) if set,
 * SHA256d(h ‖ sibling) if not.
 *
 * <p>A branch alone does not say how many transactions the block has, so {@link #verify(TxId,
 * BlockHeader, int)} should be preferred where the count is known: it also checks the branch length
 * and that a node is paired with itself only where the level is odd and it is the last node
 * (CVE-2012-2459).
 */
public record MerkleBranch(int index, List<ByteVector32> siblings) {

  /** A block of at most {@link MerkleProof#MAX_TRANSACTIONS} has a tree at most this high. */
  public static final int MAX_DEPTH = MerkleProof.treeHeight(MerkleProof.MAX_TRANSACTIONS);

  public MerkleBranch {
    siblings = List.copyOf(siblings);
    if (index < 0) {
      throw new SpvException(Reason.INVALID_BRANCH, "branch index is negative: " + index);
    }
    if (siblings.size() > MAX_DEPTH) {
      throw new SpvException(
          Reason.INVALID_BRANCH,
          "branch has " + siblings.size() + " levels, at most " + MAX_DEPTH + " possible");
    }
    if ((long) index >>> siblings.size() != 0) {
      throw new SpvException(
          Reason.INVALID_BRANCH,
          "index " + index + " does not fit a branch of " + siblings.size() + " levels");
    }
  }

  /** The branch for the transaction at {@code index} of a block with these txids. */
  public static MerkleBranch of(List<TxId> txids, int index) {
    Objects.requireNonNull(txids, "txids");
    if (index < 0 || index >= txids.size()) {
      throw new IllegalArgumentException("index " + index + " outside 0.." + (txids.size() - 1));
    }
    List<byte[][]> levels = MerkleProof.levels(MerkleProof.internal(txids));
    List<ByteVector32> siblings = new ArrayList<>();
    int pos = index;
    for (int h = 0; h < levels.size() - 1; h++) {
      byte[][] level = levels.get(h);
      int sib = pos ^ 1;
      siblings.add(new ByteVector32(sib < level.length ? level[sib] : level[pos]));
      pos >>>= 1;
    }
    return new MerkleBranch(index, siblings);
  }

  /** The root this branch yields for {@code txid} (internal byte order). */
  public ByteVector32 rootFor(TxId txid) {
    Objects.requireNonNull(txid, "txid");
    byte[] h = txid.value.reversed().toByteArray();
    int pos = index;
    for (ByteVector32 s : siblings) {
      h = (pos & 1) != 0 ? Hashes.sha256d(s.toByteArray(), h) : Hashes.sha256d(h, s.toByteArray());
      pos >>>= 1;
    }
    return new ByteVector32(h);
  }

  /** Checks that the branch hashes {@code txid} up to {@code root} (internal byte order). */
  public void verify(TxId txid, ByteVector32 root) {
    Objects.requireNonNull(root, "root");
    ByteVector32 got = rootFor(txid);
    if (!Arrays.equals(got.toByteArray(), root.toByteArray())) {
      throw new SpvException(
          Reason.MERKLE_ROOT_MISMATCH,
          "branch for "
              + txid
              + " at index "
              + index
              + " yields root "
              + got.reversed().toHex()
              + ", expected "
              + root.reversed().toHex());
    }
  }

  /** Checks that the branch hashes {@code txid} up to the header's merkle root. */
  public void verify(TxId txid, BlockHeader header) {
    verify(txid, header.hashMerkleRoot);
  }

  /**
   * Like {@link #verify(TxId, BlockHeader)}, also checking the shape against the block's
   * transaction count: index in range, branch length equal to the tree height, and self-paired
   * nodes only at the end of odd levels.
   */
  public void verify(TxId txid, BlockHeader header, int totalTransactions) {
    if (totalTransactions < 1 || totalTransactions > MerkleProof.MAX_TRANSACTIONS) {
      throw new SpvException(
          Reason.INVALID_BRANCH, "impossible transaction count " + totalTransactions);
    }
    if (index >= totalTransactions) {
      throw new SpvException(
          Reason.INVALID_BRANCH,
          "index " + index + " outside a block of " + totalTransactions + " transactions");
    }
    int height = MerkleProof.treeHeight(totalTransactions);
    if (siblings.size() != height) {
      throw new SpvException(
          Reason.INVALID_BRANCH,
          "branch has "
              + siblings.size()
              + " levels, a block of "
              + totalTransactions
              + " transactions has "
              + height);
    }
    byte[] h = txid.value.reversed().toByteArray();
    int pos = index;
    for (int level = 0; level < height; level++) {
      byte[] s = siblings.get(level).toByteArray();
      boolean selfPaired = (pos ^ 1) >= MerkleProof.treeWidth(totalTransactions, level);
      if (selfPaired != Arrays.equals(s, h)) {
        throw new SpvException(
            selfPaired ? Reason.INVALID_BRANCH : Reason.DUPLICATE_NODE,
            selfPaired
                ? "level " + level + ": the last node of an odd level must pair with itself"
                : "level " + level + ": node equals its sibling (CVE-2012-2459 mutation)");
      }
      h = (pos & 1) != 0 ? Hashes.sha256d(s, h) : Hashes.sha256d(h, s);
      pos >>>= 1;
    }
    verify(txid, header);
  }
}
