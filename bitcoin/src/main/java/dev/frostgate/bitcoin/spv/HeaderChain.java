package dev.frostgate.bitcoin.spv;

import dev.frostgate.bitcoin.spv.SpvException.Reason;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.BlockHeader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An immutable chain of block headers, each linked to the previous by hash, starting from a trusted
 * checkpoint and keeping the most recent {@code capacity} headers.
 *
 * <p>Every header added is checked for:
 *
 * <ul>
 *   <li>linkage: its previous-block hash is the tip's hash ({@code DOES_NOT_CONNECT});
 *   <li>proof of work: nBits encodes a valid target not above the network's limit ({@code
 *       INVALID_TARGET}), and the header's hash is at or below it ({@code INSUFFICIENT_POW});
 *   <li>difficulty ({@code UNEXPECTED_DIFFICULTY}), per network: mainnet and signet require the
 *       parent's nBits inside a period and, at a retarget height, exactly Bitcoin Core's retarget
 *       when the period's first header is held, otherwise a target within Core's factor-4 bounds
 *       (its {@code PermittedDifficultyTransition}); testnet3/4 additionally follow the 20-minute
 *       minimum-difficulty rule inside a period when the headers needed are held (else only the
 *       limit is checked); regtest checks only the limit;
 *   <li>time ({@code TIME_TOO_OLD}): later than the median of the previous eleven headers when
 *       eleven are held; on testnet4 the BIP94 rule at period starts.
 * </ul>
 *
 * <p>Not checked: the future-time limit (needs a clock; the caller may check it), version bits, the
 * signet block solution (it lives in the coinbase, not the header), and anything about the block
 * body except through {@link MerkleProof}.
 */
public final class HeaderChain {

  /** Default number of headers kept: two difficulty periods. */
  public static final int DEFAULT_CAPACITY = 2 * PowParams.RETARGET_INTERVAL;

  /** A header in the chain with its height. */
  public record Entry(int height, BlockHeader header) {
    public Entry {
      Objects.requireNonNull(header, "header");
      if (height < 0) {
        throw new IllegalArgumentException("height must be >= 0: " + height);
      }
    }

    public BlockHash hash() {
      return header.hash;
    }
  }

  private final PowParams params;
  private final int capacity;
  private final List<Entry> entries; // ascending, contiguous heights
  private final Map<BlockHash, Integer> heights;

  private HeaderChain(PowParams params, int capacity, List<Entry> entries) {
    this.params = params;
    this.capacity = capacity;
    int drop = Math.max(0, entries.size() - capacity);
    this.entries = List.copyOf(entries.subList(drop, entries.size()));
    Map<BlockHash, Integer> m = new HashMap<>();
    for (Entry e : this.entries) {
      m.put(e.hash(), e.height());
    }
    this.heights = Map.copyOf(m);
  }

  /**
   * A chain holding only {@code checkpoint} at {@code height}. The checkpoint is trusted for its
   * position but its proof of work is still checked.
   */
  public static HeaderChain fromCheckpoint(PowParams params, int height, BlockHeader checkpoint) {
    return fromCheckpoint(params, height, checkpoint, DEFAULT_CAPACITY);
  }

  /** {@link #fromCheckpoint(PowParams, int, BlockHeader)} keeping {@code capacity} headers. */
  public static HeaderChain fromCheckpoint(
      PowParams params, int height, BlockHeader checkpoint, int capacity) {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(checkpoint, "checkpoint");
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    }
    Pow.check(checkpoint, params);
    return new HeaderChain(params, capacity, List.of(new Entry(height, checkpoint)));
  }

  public PowParams params() {
    return params;
  }

  public int capacity() {
    return capacity;
  }

  /** The held headers, oldest first. */
  public List<Entry> entries() {
    return entries;
  }

  public Entry tip() {
    return entries.get(entries.size() - 1);
  }

  public int tipHeight() {
    return tip().height();
  }

  /** Height of the oldest held header. */
  public int baseHeight() {
    return entries.get(0).height();
  }

  public boolean contains(BlockHash hash) {
    return heights.containsKey(hash);
  }

  public Optional<Entry> get(BlockHash hash) {
    Integer h = heights.get(hash);
    return h == null ? Optional.empty() : Optional.of(entries.get(h - baseHeight()));
  }

  public Optional<Entry> atHeight(int height) {
    int i = height - baseHeight();
    return i < 0 || i >= entries.size() ? Optional.empty() : Optional.of(entries.get(i));
  }

  /**
   * Confirmations of the block: 1 at the tip, tip height − height + 1 below; empty when the block
   * is not held (unknown, on another branch, or older than the window).
   */
  public OptionalInt confirmations(BlockHash hash) {
    Integer h = heights.get(hash);
    return h == null ? OptionalInt.empty() : OptionalInt.of(tipHeight() - h + 1);
  }

  /** Confirmations of the transactions a verified merkle proof matched. */
  public OptionalInt confirmations(MerkleProof.Verified proof) {
    return confirmations(proof.blockHash());
  }

  /** This chain extended by one header. */
  public HeaderChain append(BlockHeader header) {
    return appendAll(List.of(header));
  }

  /** This chain extended by headers, each connecting to the one before. All or nothing. */
  public HeaderChain appendAll(List<BlockHeader> headers) {
    Objects.requireNonNull(headers, "headers");
    List<Entry> work = new ArrayList<>(entries);
    for (BlockHeader h : headers) {
      work.add(validate(params, work, Objects.requireNonNull(h, "header")));
    }
    return new HeaderChain(params, capacity, work);
  }

  /**
   * Switches to a competing branch: {@code branch[0]} must connect to a held header, every header
   * is validated, and the branch must carry more work than the headers it replaces ({@code
   * INSUFFICIENT_WORK} otherwise). A branch that connects to the tip is a plain extension.
   */
  public HeaderChain reorganize(List<BlockHeader> branch) {
    Objects.requireNonNull(branch, "branch");
    if (branch.isEmpty()) {
      throw new IllegalArgumentException("empty branch");
    }
    BlockHash parent = branch.get(0).hashPreviousBlock;
    Integer forkHeight = heights.get(parent);
    if (forkHeight == null) {
      throw new SpvException(
          Reason.DOES_NOT_CONNECT,
          "branch parent " + parent + " is not among the held headers (" + describe() + ")");
    }
    List<Entry> work = new ArrayList<>(entries.subList(0, forkHeight - baseHeight() + 1));
    BigInteger newWork = BigInteger.ZERO;
    for (BlockHeader h : branch) {
      Entry e = validate(params, work, Objects.requireNonNull(h, "header"));
      work.add(e);
      newWork = newWork.add(Pow.work(h.bits));
    }
    BigInteger oldWork = BigInteger.ZERO;
    for (Entry e : entries.subList(forkHeight - baseHeight() + 1, entries.size())) {
      oldWork = oldWork.add(Pow.work(e.header().bits));
    }
    if (newWork.compareTo(oldWork) <= 0) {
      throw new SpvException(
          Reason.INSUFFICIENT_WORK,
          "branch from height "
              + (forkHeight + 1)
              + " has work "
              + newWork
              + ", not more than the replaced "
              + oldWork);
    }
    return new HeaderChain(params, capacity, work);
  }

  @Override
  public String toString() {
    return "HeaderChain[" + describe() + "]";
  }

  private String describe() {
    return params.name()
        + " heights "
        + baseHeight()
        + ".."
        + tipHeight()
        + ", tip "
        + tip().hash();
  }

  // ---------------------------------------------------------------- validation

  /** Validates {@code h} as the child of the last entry of {@code prev}; returns its entry. */
  static Entry validate(PowParams params, List<Entry> prev, BlockHeader h) {
    Entry parent = prev.get(prev.size() - 1);
    int height = parent.height() + 1;
    if (!h.hashPreviousBlock.equals(parent.hash())) {
      throw new SpvException(
          Reason.DOES_NOT_CONNECT,
          "header "
              + h.blockId
              + " has previous block "
              + h.hashPreviousBlock
              + ", expected "
              + parent.hash()
              + " (height "
              + parent.height()
              + ")");
    }
    Pow.check(h, params);
    checkDifficulty(params, prev, parent, h, height);
    checkTime(params, prev, parent, h, height);
    return new Entry(height, h);
  }

  private static void checkDifficulty(
      PowParams params, List<Entry> prev, Entry parent, BlockHeader h, int height) {
    if (params.noRetargeting()) {
      return;
    }
    long bits = h.bits;
    long parentBits = parent.header().bits;
    boolean retarget = height % PowParams.RETARGET_INTERVAL == 0;
    if (!retarget) {
      if (params.allowMinDifficultyBlocks()) {
        long limitBits = params.powLimitBits();
        if (h.time > parent.header().time + 2 * PowParams.TARGET_SPACING) {
          expect(bits == limitBits, h, height, limitBits, "minimum difficulty after 20 minutes");
          return;
        }
        // Walk back over minimum-difficulty blocks to the last real difficulty of the period.
        for (int i = prev.size() - 1; i >= 0; i--) {
          Entry e = prev.get(i);
          if (e.height() % PowParams.RETARGET_INTERVAL == 0 || e.header().bits != limitBits) {
            expect(bits == e.header().bits, h, height, e.header().bits, "the period's difficulty");
            return;
          }
        }
        return; // not enough history held: only the limit was checked
      }
      expect(bits == parentBits, h, height, parentBits, "the parent's difficulty");
      return;
    }
    int firstIdx = prev.size() - PowParams.RETARGET_INTERVAL;
    if (firstIdx >= 0) {
      BlockHeader first = prev.get(firstIdx).header();
      long expected = retarget(params, first, parent.header());
      expect(bits == expected, h, height, expected, "the retarget");
      return;
    }
    if (!params.allowMinDifficultyBlocks() && !permittedTransition(params, parentBits, bits)) {
      throw new SpvException(
          Reason.UNEXPECTED_DIFFICULTY,
          "header "
              + h.blockId
              + " at retarget height "
              + height
              + " changes nBits from "
              + Pow.hex(parentBits)
              + " to "
              + Pow.hex(bits)
              + ", beyond the factor-4 bound");
    }
  }

  /** Bitcoin Core's CalculateNextWorkRequired. */
  static long retarget(PowParams params, BlockHeader first, BlockHeader last) {
    long span = last.time - first.time;
    span = Math.max(span, PowParams.TARGET_TIMESPAN / 4);
    span = Math.min(span, PowParams.TARGET_TIMESPAN * 4);
    long baseBits = params.enforceBip94() ? first.bits : last.bits;
    BigInteger t =
        Pow.target(baseBits)
            .multiply(BigInteger.valueOf(span))
            .divide(BigInteger.valueOf(PowParams.TARGET_TIMESPAN));
    if (t.compareTo(params.powLimit()) > 0) {
      t = params.powLimit();
    }
    return Pow.compact(t);
  }

  /** Bitcoin Core's PermittedDifficultyTransition at a retarget height. */
  static boolean permittedTransition(PowParams params, long oldBits, long newBits) {
    BigInteger observed = Pow.target(newBits);
    BigInteger largest =
        Pow.target(oldBits)
            .multiply(BigInteger.valueOf(PowParams.TARGET_TIMESPAN * 4))
            .divide(BigInteger.valueOf(PowParams.TARGET_TIMESPAN));
    if (largest.compareTo(params.powLimit()) > 0) {
      largest = params.powLimit();
    }
    if (Pow.target(Pow.compact(largest)).compareTo(observed) < 0) {
      return false;
    }
    BigInteger smallest =
        Pow.target(oldBits)
            .multiply(BigInteger.valueOf(PowParams.TARGET_TIMESPAN / 4))
            .divide(BigInteger.valueOf(PowParams.TARGET_TIMESPAN));
    return Pow.target(Pow.compact(smallest)).compareTo(observed) <= 0;
  }

  private static void checkTime(
      PowParams params, List<Entry> prev, Entry parent, BlockHeader h, int height) {
    if (prev.size() >= 11) {
      long[] times = new long[11];
      for (int i = 0; i < 11; i++) {
        times[i] = prev.get(prev.size() - 1 - i).header().time;
      }
      Arrays.sort(times);
      long median = times[5];
      if (h.time <= median) {
        throw new SpvException(
            Reason.TIME_TOO_OLD,
            "header "
                + h.blockId
                + " time "
                + h.time
                + " is not after the median time past "
                + median);
      }
    }
    if (params.enforceBip94()
        && height % PowParams.RETARGET_INTERVAL == 0
        && h.time < parent.header().time - 600) {
      throw new SpvException(
          Reason.TIME_TOO_OLD,
          "header " + h.blockId + " breaks BIP94: more than 600 s before its parent");
    }
  }

  private static void expect(
      boolean ok, BlockHeader h, int height, long expectedBits, String rule) {
    if (!ok) {
      throw new SpvException(
          Reason.UNEXPECTED_DIFFICULTY,
          "header "
              + h.blockId
              + " at height "
              + height
              + " has nBits "
              + Pow.hex(h.bits)
              + ", "
              + rule
              + " requires "
              + Pow.hex(expectedBits));
    }
  }
}
