package dev.frostgate.bitcoin.spv;

import java.util.Objects;

/** A merkle proof, header or reorg check failed; {@link #reason()} says which rule was broken. */
public final class SpvException extends RuntimeException {

  /** Every rule the SPV layer checks. */
  public enum Reason {
    // decoding
    /** The input ends before the structure it announces. */
    TRUNCATED,
    /** Bytes follow the end of the structure. */
    TRAILING_DATA,
    /** A CompactSize integer is not in its shortest form (Bitcoin Core rejects it). */
    NON_CANONICAL_VARINT,
    /** A block header is not 80 bytes or cannot be parsed. */
    INVALID_HEADER,
    // partial merkle tree (BIP37, Bitcoin Core CPartialMerkleTree::ExtractMatches)
    /** The proof claims a block with zero transactions. */
    NO_TRANSACTIONS,
    /** The proof claims more transactions than fit in a block (4,000,000 / 240 = 16,666). */
    TOO_MANY_TRANSACTIONS,
    /** More hashes than transactions. */
    TOO_MANY_HASHES,
    /** Fewer flag bits than hashes, or the traversal ran out of flag bits. */
    NOT_ENOUGH_BITS,
    /** The traversal ran out of hashes. */
    NOT_ENOUGH_HASHES,
    /** Hashes left over after the traversal. */
    UNUSED_HASHES,
    /** Flag bytes left over after the traversal, or a non-zero padding bit. */
    UNUSED_BITS,
    /** Two sibling nodes are equal (the CVE-2012-2459 duplicate-subtree mutation). */
    DUPLICATE_NODE,
    /** The merkle root rebuilt from the proof differs from the header's. */
    MERKLE_ROOT_MISMATCH,
    /** A branch proof whose index or length does not fit the tree. */
    INVALID_BRANCH,
    // header chain
    /**
     * The header's previous-block hash is not the hash of the chain's tip (or of a known block).
     */
    DOES_NOT_CONNECT,
    /** nBits is negative, zero, overflows, or is above the network's proof-of-work limit. */
    INVALID_TARGET,
    /** The header's hash is above the target its nBits encode. */
    INSUFFICIENT_POW,
    /** nBits is not what the difficulty rules require at this height. */
    UNEXPECTED_DIFFICULTY,
    /** The timestamp is not after the median of the previous eleven blocks (or breaks BIP94). */
    TIME_TOO_OLD,
    /** A competing branch does not carry more work than the part of the chain it would replace. */
    INSUFFICIENT_WORK,
    /** The block is not in the chain (or not in the remembered window). */
    UNKNOWN_BLOCK,
    // reorg tracking
    /** The fork point lies below the oldest remembered block: a rescan is needed. */
    REORG_TOO_DEEP,
    /** The header source returned nothing, or a header whose hash is not the one asked for. */
    HEADER_SOURCE_INCONSISTENT
  }

  private final Reason reason;

  public SpvException(Reason reason, String message) {
    super(Objects.requireNonNull(reason, "reason") + ": " + message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
