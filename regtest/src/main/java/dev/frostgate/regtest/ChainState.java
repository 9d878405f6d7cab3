package dev.frostgate.regtest;

import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.BlockHeader;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.MerkleTree;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The block tree, the active chain, the UTXO set and a transaction index. Every block is fully
 * validated when connected (proof of work, merkle root, witness commitment, BIP34, coinbase amount,
 * maturity, amounts, scripts through bitcoin-kmp's interpreter). Not thread-safe: the node
 * serializes access.
 */
final class ChainState {

  /** One block in the tree. */
  static final class BlockIndex {
    final Block block;
    final BlockIndex prev;
    final int height;
    final long sequence;
    final String hash;
    boolean invalid;

    /** Spent coins, per non-coinbase transaction and input, while the block is connected. */
    List<List<Coin>> undo;

    BlockIndex(Block block, BlockIndex prev, long sequence) {
      this.block = block;
      this.prev = prev;
      this.height = prev == null ? 0 : prev.height + 1;
      this.sequence = sequence;
      this.hash = block.blockId.toString();
    }

    BlockHeader header() {
      return block.header;
    }

    /** Core's chainwork: 2 per block at regtest difficulty. */
    BigInteger chainWork() {
      return BigInteger.valueOf(2L * (height + 1));
    }
  }

  /** Where a confirmed transaction is. */
  record TxLocation(BlockIndex block, int position) {}

  private final Map<String, BlockIndex> index = new HashMap<>();
  private final List<BlockIndex> active = new ArrayList<>();
  private final Map<OutPoint, Coin> utxo = new HashMap<>();
  private final Map<TxId, TxLocation> txIndex = new HashMap<>();
  private long sequence;

  ChainState() {
    Block genesis = Block.RegtestGenesisBlock;
    BlockIndex g = new BlockIndex(genesis, null, sequence++);
    g.undo = List.of();
    index.put(g.hash, g);
    active.add(g);
    // Like Core, the genesis coinbase is not added to the UTXO set; it is indexed.
    txIndex.put(genesis.tx.get(0).txid, new TxLocation(g, 0));
  }

  BlockIndex tip() {
    return active.get(active.size() - 1);
  }

  int height() {
    return tip().height;
  }

  List<BlockIndex> activeChain() {
    return Collections.unmodifiableList(active);
  }

  Optional<BlockIndex> byHash(String hash) {
    return Optional.ofNullable(index.get(hash));
  }

  Optional<BlockIndex> atHeight(int height) {
    return height < 0 || height >= active.size()
        ? Optional.empty()
        : Optional.of(active.get(height));
  }

  boolean isActive(BlockIndex b) {
    return b.height < active.size() && active.get(b.height) == b;
  }

  Optional<BlockIndex> next(BlockIndex b) {
    return isActive(b) && b.height + 1 < active.size()
        ? Optional.of(active.get(b.height + 1))
        : Optional.empty();
  }

  int confirmations(BlockIndex b) {
    return isActive(b) ? height() - b.height + 1 : -1;
  }

  Optional<Coin> coin(OutPoint op) {
    return Optional.ofNullable(utxo.get(op));
  }

  Map<OutPoint, Coin> utxoView() {
    return Collections.unmodifiableMap(utxo);
  }

  Optional<TxLocation> findTx(TxId txid) {
    return Optional.ofNullable(txIndex.get(txid));
  }

  Iterable<BlockIndex> allBlocks() {
    return index.values();
  }

  /** Median of the last 11 block times ending at {@code b}. */
  static long medianTimePast(BlockIndex b) {
    long[] times = new long[11];
    int n = 0;
    for (BlockIndex p = b; p != null && n < 11; p = p.prev) {
      times[n++] = p.header().time;
    }
    long[] sorted = Arrays.copyOf(times, n);
    Arrays.sort(sorted);
    return sorted[n / 2];
  }

  /** Result of submitting a block. */
  record Submitted(BlockIndex index, Optional<Reject> rejected, List<Transaction> disconnected) {}

  /**
   * Adds a block to the tree (after context-free checks) and activates the best chain. Returns the
   * transactions of blocks that left the active chain (for the mempool).
   */
  Submitted submit(Block block) {
    String hash = block.blockId.toString();
    BlockIndex existing = index.get(hash);
    if (existing != null) {
      return new Submitted(existing, Optional.of(Reject.consensus("duplicate")), List.of());
    }
    BlockIndex prev = index.get(block.header.hashPreviousBlock.value.reversed().toHex());
    if (prev == null) {
      return new Submitted(null, Optional.of(Reject.consensus("prev-blk-not-found")), List.of());
    }
    Optional<Reject> bad = checkBlock(block);
    if (bad.isEmpty() && block.header.time <= medianTimePast(prev)) {
      bad = Optional.of(Reject.consensus("time-too-old", "block's timestamp is too early"));
    }
    if (bad.isPresent()) {
      return new Submitted(null, bad, List.of());
    }
    BlockIndex bi = new BlockIndex(block, prev, sequence++);
    bi.invalid = prev.invalid;
    index.put(hash, bi);
    List<Transaction> disconnected = new ArrayList<>();
    Optional<Reject> connectError = activateBestChain(disconnected);
    Optional<Reject> result =
        bi.invalid
            ? connectError.or(() -> Optional.of(Reject.consensus("bad-prevblk")))
            : Optional.empty();
    return new Submitted(bi, result, disconnected);
  }

  /** Marks a block and its descendants invalid and reorganizes. */
  List<Transaction> invalidate(BlockIndex b) {
    markInvalid(b, true);
    List<Transaction> disconnected = new ArrayList<>();
    // Disconnect first, even if no better chain exists, as Core does.
    while (isActive(b) && tip().height >= b.height) {
      disconnected.addAll(0, disconnectTip());
    }
    activateBestChain(disconnected);
    return disconnected;
  }

  /** Clears the invalid mark of a block, its ancestors and descendants, and reorganizes. */
  List<Transaction> reconsider(BlockIndex b) {
    for (BlockIndex p = b; p != null; p = p.prev) {
      p.invalid = false;
    }
    markInvalid(b, false);
    List<Transaction> disconnected = new ArrayList<>();
    activateBestChain(disconnected);
    return disconnected;
  }

  private void markInvalid(BlockIndex b, boolean invalid) {
    b.invalid = invalid;
    for (BlockIndex other : index.values()) {
      for (BlockIndex p = other; p != null && p.height >= b.height; p = p.prev) {
        if (p == b) {
          other.invalid = invalid;
          break;
        }
      }
    }
  }

  private Optional<Reject> activateBestChain(List<Transaction> disconnected) {
    Optional<Reject> lastError = Optional.empty();
    while (true) {
      BlockIndex best = tip();
      for (BlockIndex c : index.values()) {
        if (!c.invalid
            && (c.height > best.height
                || c.height == best.height && c.sequence < best.sequence && best != tip())) {
          best = c;
        }
      }
      if (best == tip()) {
        return lastError;
      }
      BlockIndex fork = best;
      while (!isActive(fork)) {
        fork = fork.prev;
      }
      while (tip() != fork) {
        List<Transaction> txs = disconnectTip();
        disconnected.addAll(0, txs);
      }
      List<BlockIndex> path = new ArrayList<>();
      for (BlockIndex p = best; p != fork; p = p.prev) {
        path.add(0, p);
      }
      for (BlockIndex p : path) {
        Optional<Reject> err = connect(p);
        if (err.isPresent()) {
          markInvalid(p, true);
          lastError = err;
          break;
        }
      }
    }
  }

  private List<Transaction> disconnectTip() {
    BlockIndex b = tip();
    List<Transaction> txs = b.block.tx;
    for (int i = txs.size() - 1; i >= 0; i--) {
      Transaction tx = txs.get(i);
      for (int o = 0; o < tx.txOut.size(); o++) {
        utxo.remove(new OutPoint(tx, o));
      }
      if (!tx.isCoinbase()) {
        List<Coin> spent = b.undo.get(i - 1);
        for (int k = 0; k < tx.txIn.size(); k++) {
          utxo.put(tx.txIn.get(k).outPoint, spent.get(k));
        }
      }
      TxLocation loc = txIndex.get(tx.txid);
      if (loc != null && loc.block() == b) {
        txIndex.remove(tx.txid);
      }
    }
    b.undo = null;
    active.remove(active.size() - 1);
    List<Transaction> out = new ArrayList<>(txs);
    return out;
  }

  /** Context-free block checks (Core's {@code CheckBlock}). */
  static Optional<Reject> checkBlock(Block block) {
    if (!BlockHeader.checkProofOfWork(block.header)
        || block.header.bits != Consensus.REGTEST_BITS) {
      return Optional.of(Reject.consensus("high-hash", "proof of work failed"));
    }
    List<Transaction> txs = block.tx;
    if (txs.isEmpty()) {
      return Optional.of(Reject.consensus("bad-blk-length", "size limits failed"));
    }
    List<ByteVector32> leaves = new ArrayList<>(txs.size());
    Set<TxId> ids = new HashSet<>();
    for (Transaction tx : txs) {
      leaves.add(tx.hash.value);
      if (!ids.add(tx.txid)) {
        return Optional.of(Reject.consensus("bad-txns-duplicate", "duplicate transaction"));
      }
    }
    if (!MerkleTree.computeRoot(leaves).equals(block.header.hashMerkleRoot)) {
      return Optional.of(Reject.consensus("bad-txnmrklroot", "hashMerkleRoot mismatch"));
    }
    if (!txs.get(0).isCoinbase()) {
      return Optional.of(Reject.consensus("bad-cb-missing", "first tx is not coinbase"));
    }
    long weight = 0;
    for (int i = 0; i < txs.size(); i++) {
      Transaction tx = txs.get(i);
      if (i > 0 && tx.isCoinbase()) {
        return Optional.of(Reject.consensus("bad-cb-multiple", "more than one coinbase"));
      }
      Optional<Reject> r = Consensus.checkTransaction(tx);
      if (r.isPresent()) {
        return Optional.of(
            Reject.consensus(
                r.get().reason(), "Transaction check failed (tx hash " + tx.txid + ")"));
      }
      weight += tx.weight();
    }
    if (weight > Consensus.MAX_BLOCK_WEIGHT) {
      return Optional.of(Reject.consensus("bad-blk-weight", "weight limit failed"));
    }
    // Witness commitment (BIP141).
    Transaction cb = txs.get(0);
    int ci = Consensus.commitmentIndex(cb);
    boolean anyWitness = txs.stream().skip(1).anyMatch(Transaction::getHasWitness);
    if (ci >= 0) {
      List<fr.acinq.bitcoin.ByteVector> w = cb.txIn.get(0).witness.stack;
      if (w.size() != 1 || w.get(0).size() != 32) {
        return Optional.of(
            Reject.consensus("bad-witness-nonce-size", "invalid witness reserved value size"));
      }
      byte[] expected = witnessCommitment(txs, w.get(0).toByteArray());
      byte[] got = cb.txOut.get(ci).publicKeyScript.toByteArray();
      if (!Arrays.equals(Arrays.copyOf(got, 38), expected)) {
        return Optional.of(
            Reject.consensus("bad-witness-merkle-match", "witness merkle commitment mismatch"));
      }
    } else if (anyWitness || cb.getHasWitness()) {
      return Optional.of(Reject.consensus("unexpected-witness", "unexpected witness data found"));
    }
    return Optional.empty();
  }

  private static byte[] witnessCommitment(List<Transaction> txs, byte[] nonce) {
    List<ByteVector32> leaves = new ArrayList<>();
    leaves.add(ByteVector32.Zeroes);
    for (int i = 1; i < txs.size(); i++) {
      leaves.add(new ByteVector32(Consensus.wtxidInternal(txs.get(i))));
    }
    byte[] root = MerkleTree.computeRoot(leaves).toByteArray();
    byte[] c = dev.frostgate.crypto.hash.Hashes.sha256d(root, nonce);
    byte[] out = new byte[38];
    System.arraycopy(Consensus.WITNESS_COMMITMENT_HEADER, 0, out, 0, 6);
    System.arraycopy(c, 0, out, 6, 32);
    return out;
  }

  /** Connects {@code b} on top of the tip with full contextual validation. */
  private Optional<Reject> connect(BlockIndex b) {
    if (b.prev != tip()) {
      throw new IllegalStateException("connect must extend the tip");
    }
    Block block = b.block;
    int height = b.height;
    long mtp = medianTimePast(b.prev);
    // BIP34
    byte[] expect = Consensus.heightPush(height);
    byte[] sig = block.tx.get(0).txIn.get(0).signatureScript.toByteArray();
    if (sig.length < expect.length || !Arrays.equals(Arrays.copyOf(sig, expect.length), expect)) {
      return Optional.of(Reject.consensus("bad-cb-height", "block height mismatch in coinbase"));
    }
    Map<OutPoint, Coin> created = new LinkedHashMap<>();
    Set<OutPoint> spent = new HashSet<>();
    List<List<Coin>> undo = new ArrayList<>();
    long fees = 0;
    for (int i = 0; i < block.tx.size(); i++) {
      Transaction tx = block.tx.get(i);
      if (!Consensus.isFinal(tx, height, mtp)) {
        return Optional.of(Reject.consensus("bad-txns-nonfinal", "non-final transaction"));
      }
      if (i > 0) {
        List<Coin> coins = new ArrayList<>(tx.txIn.size());
        Map<OutPoint, TxOut> prevouts = new HashMap<>();
        for (TxIn in : tx.txIn) {
          Coin c =
              spent.contains(in.outPoint)
                  ? null
                  : created.containsKey(in.outPoint)
                      ? created.get(in.outPoint)
                      : utxo.get(in.outPoint);
          if (c == null) {
            return Optional.of(
                Reject.consensus(
                    "bad-txns-inputs-missingorspent", "CheckTxInputs: inputs missing/spent"));
          }
          coins.add(c);
          prevouts.put(in.outPoint, c.out());
        }
        Object r = Consensus.checkTxInputs(tx, coins, height);
        if (r instanceof Reject reject) {
          return Optional.of(reject);
        }
        Optional<Reject> seq = SequenceLocks.check(tx, coins, b.prev, this);
        if (seq.isPresent()) {
          return Optional.of(
              Reject.consensus("bad-txns-nonfinal", "contains a non-BIP68-final transaction"));
        }
        fees += (Long) r;
        Optional<Reject> scripts = Consensus.verifyScripts(tx, prevouts, false);
        if (scripts.isPresent()) {
          return scripts;
        }
        for (TxIn in : tx.txIn) {
          spent.add(in.outPoint);
        }
        undo.add(coins);
      }
      for (int o = 0; o < tx.txOut.size(); o++) {
        TxOut out = tx.txOut.get(o);
        if (!ScriptInfo.isUnspendable(out.publicKeyScript.toByteArray())) {
          created.put(new OutPoint(tx, o), new Coin(out, height, i == 0));
        }
      }
    }
    long cbOut = Consensus.valueOut(block.tx.get(0));
    long limit = fees + Consensus.subsidy(height);
    if (cbOut > limit) {
      return Optional.of(
          Reject.consensus(
              "bad-cb-amount",
              "coinbase pays too much (actual=" + cbOut + " vs limit=" + limit + ")"));
    }
    // Commit.
    for (OutPoint op : spent) {
      if (created.remove(op) == null) {
        utxo.remove(op);
      }
    }
    utxo.putAll(created);
    b.undo = undo;
    for (int i = 0; i < block.tx.size(); i++) {
      txIndex.put(block.tx.get(i).txid, new TxLocation(b, i));
    }
    active.add(b);
    return Optional.empty();
  }

  /** Ancestor of {@code b} at {@code height}. */
  static BlockIndex ancestor(BlockIndex b, int height) {
    BlockIndex p = b;
    while (p != null && p.height > height) {
      p = p.prev;
    }
    return p;
  }

  static BlockHash hashOf(String displayHex) {
    return new BlockHash(new ByteVector32(displayHex).reversed());
  }
}
