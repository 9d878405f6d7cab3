package dev.frostgate.regtest;

import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.money.Amounts;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Transactions waiting for a block, accepted with current Core's checks in Core's order (consensus
 * checks, standardness, finality, inputs, BIP68, amounts and maturity, ephemeral dust, relay fee,
 * cluster limits, replacement, scripts through bitcoin-kmp's interpreter). As Core 28+ it replaces
 * any conflicting transaction that pays enough (full RBF: no BIP125 signal needed), with the rules
 * of Core's cluster mempool (v31): pay at least the fees replaced plus the incremental relay fee
 * for the new size, and improve the feerate diagram. Insertion order is a topological order.
 */
final class Mempool {
  /** Core's {@code -limitclustercount} and {@code -limitclustersize} (vB) defaults. */
  static final int CLUSTER_COUNT_LIMIT = 64;

  static final int CLUSTER_SIZE_LIMIT = 101_000;
  static final int MAX_REPLACEMENT_CANDIDATES = 100;

  /** A transaction in the mempool. */
  record Entry(
      Transaction tx,
      TxId txid,
      String wtxid,
      long fee,
      int vsize,
      int weight,
      long time,
      int height,
      List<Coin> coins,
      Set<TxId> parents) {}

  /** The outcome of an acceptance attempt. */
  record Result(Transaction tx, Optional<Reject> reject, long fee, int vsize, List<TxId> replaced) {
    boolean accepted() {
      return reject.isEmpty();
    }

    static Result rejected(Transaction tx, Reject r) {
      return new Result(tx, Optional.of(r), 0, Consensus.vsize(tx), List.of());
    }
  }

  private final Map<TxId, Entry> entries = new LinkedHashMap<>();
  private final Map<OutPoint, TxId> spentBy = new HashMap<>();
  final long minRelayFee; // sat/kvB
  final long incrementalRelayFee; // sat/kvB

  Mempool(long minRelayFee, long incrementalRelayFee) {
    this.minRelayFee = minRelayFee;
    this.incrementalRelayFee = incrementalRelayFee;
  }

  Optional<Entry> get(TxId txid) {
    return Optional.ofNullable(entries.get(txid));
  }

  Collection<Entry> entries() {
    return entries.values();
  }

  int size() {
    return entries.size();
  }

  Optional<TxId> spender(OutPoint op) {
    return Optional.ofNullable(spentBy.get(op));
  }

  void clear() {
    entries.clear();
    spentBy.clear();
  }

  /** Mempool coin: an output of a mempool transaction. */
  Optional<Coin> coin(OutPoint op) {
    Entry e = entries.get(op.txid);
    if (e == null || op.index >= e.tx().txOut.size()) {
      return Optional.empty();
    }
    return Optional.of(new Coin(e.tx().txOut.get((int) op.index), Coin.MEMPOOL_HEIGHT, false));
  }

  Set<TxId> children(TxId txid) {
    Set<TxId> out = new LinkedHashSet<>();
    Entry e = entries.get(txid);
    if (e == null) {
      return out;
    }
    for (int o = 0; o < e.tx().txOut.size(); o++) {
      TxId c = spentBy.get(new OutPoint(e.tx(), o));
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  /** Transitive descendants, not including {@code txid}. */
  Set<TxId> descendants(TxId txid) {
    Set<TxId> out = new LinkedHashSet<>();
    Deque<TxId> todo = new ArrayDeque<>(children(txid));
    while (!todo.isEmpty()) {
      TxId t = todo.pop();
      if (out.add(t)) {
        todo.addAll(children(t));
      }
    }
    return out;
  }

  /** Transitive ancestors, not including {@code txid}. */
  Set<TxId> ancestors(Set<TxId> parents) {
    Set<TxId> out = new LinkedHashSet<>();
    Deque<TxId> todo = new ArrayDeque<>(parents);
    while (!todo.isEmpty()) {
      TxId t = todo.pop();
      Entry e = entries.get(t);
      if (e != null && out.add(t)) {
        todo.addAll(e.parents());
      }
    }
    return out;
  }

  /** Fee and weight of a chunk of a cluster. */
  record Chunk(long fee, long weight) {}

  /** The summed virtual size and fee of a transaction with some of its relatives. */
  record Totals(long vsize, long fee) {}

  /**
   * {@code e} together with {@code relatives} (its ancestors or its descendants, all in the
   * mempool): Core's ancestor and descendant size and fee statistics.
   */
  Totals totals(Entry e, Set<TxId> relatives) {
    long vsize = e.vsize();
    long fee = e.fee();
    for (TxId t : relatives) {
      Entry x = entries.get(t);
      vsize += x.vsize();
      fee += x.fee();
    }
    return new Totals(vsize, fee);
  }

  /**
   * The chunk holding {@code e} when its cluster (everything connected to it through parents and
   * children) is linearized in mempool order and chunked as Core does ({@link FeerateDiagram}).
   */
  Chunk chunkOf(Entry e) {
    Set<TxId> cluster = new LinkedHashSet<>();
    Deque<TxId> todo = new ArrayDeque<>(List.of(e.txid()));
    while (!todo.isEmpty()) {
      TxId t = todo.pop();
      if (entries.containsKey(t) && cluster.add(t)) {
        todo.addAll(entries.get(t).parents());
        todo.addAll(children(t));
      }
    }
    List<Entry> order = entries.values().stream().filter(x -> cluster.contains(x.txid())).toList();
    List<FeerateDiagram.Chunk> linearization =
        order.stream().map(x -> new FeerateDiagram.Chunk(x.fee(), x.vsize())).toList();
    int position = order.indexOf(e);
    for (int[] r : FeerateDiagram.chunkRanges(linearization)) {
      if (position >= r[0] && position < r[1]) {
        long fee = 0;
        long weight = 0;
        for (Entry x : order.subList(r[0], r[1])) {
          fee += x.fee();
          weight += x.weight();
        }
        return new Chunk(fee, weight);
      }
    }
    throw new IllegalStateException("transaction " + e.txid() + " is in no chunk of its cluster");
  }

  void remove(TxId txid) {
    Entry e = entries.remove(txid);
    if (e != null) {
      for (TxIn in : e.tx().txIn) {
        spentBy.remove(in.outPoint);
      }
    }
  }

  /**
   * Core's {@code AcceptToMemoryPool}. With {@code testOnly} nothing changes; with {@code
   * bypassLimits} (re-adding transactions of disconnected blocks) the relay-fee check is skipped.
   */
  Result accept(
      Transaction tx, ChainState chain, boolean testOnly, boolean bypassLimits, long time) {
    Optional<Reject> r = Consensus.checkTransaction(tx);
    if (r.isPresent()) {
      return Result.rejected(tx, r.get());
    }
    if (tx.isCoinbase()) {
      return Result.rejected(tx, Reject.consensus("coinbase"));
    }
    r = Consensus.checkStandard(tx);
    if (r.isPresent()) {
      return Result.rejected(tx, r.get());
    }
    boolean oneDustOutput = Consensus.dustOutputs(tx) == 1;
    if (tx.baseSize() < 65) {
      return Result.rejected(tx, Reject.policy("tx-size-small"));
    }
    ChainState.BlockIndex tip = chain.tip();
    int spendHeight = tip.height + 1;
    if (!Consensus.isFinal(tx, spendHeight, ChainState.medianTimePast(tip))) {
      return Result.rejected(tx, Reject.policy("non-final"));
    }
    Entry existing = entries.get(tx.txid);
    if (existing != null) {
      String reason =
          existing.wtxid().equals(Consensus.wtxid(tx))
              ? "txn-already-in-mempool"
              : "txn-same-nonwitness-data-in-mempool";
      return Result.rejected(tx, new Reject(Reject.Kind.ALREADY_KNOWN, reason, ""));
    }
    Set<TxId> conflicts = new LinkedHashSet<>();
    for (TxIn in : tx.txIn) {
      TxId c = spentBy.get(in.outPoint);
      if (c != null) {
        conflicts.add(c); // full RBF: any conflict may be replaced if the replacement pays
      }
    }
    List<Coin> coins = new ArrayList<>();
    Map<OutPoint, TxOut> prevouts = new HashMap<>();
    Set<TxId> parents = new LinkedHashSet<>();
    for (TxIn in : tx.txIn) {
      Optional<Coin> c = coin(in.outPoint);
      if (c.isPresent()) {
        parents.add(in.outPoint.txid);
      } else {
        c = chain.coin(in.outPoint);
      }
      if (c.isEmpty()) {
        for (int o = 0; o < tx.txOut.size(); o++) {
          if (chain.coin(new OutPoint(tx, o)).isPresent()) {
            return Result.rejected(
                tx, new Reject(Reject.Kind.ALREADY_KNOWN, "txn-already-known", ""));
          }
        }
        return Result.rejected(
            tx, new Reject(Reject.Kind.MISSING_INPUTS, "bad-txns-inputs-missingorspent", ""));
      }
      coins.add(c.get());
      prevouts.put(in.outPoint, c.get().out());
    }
    r = SequenceLocks.check(tx, coins, tip, chain);
    if (r.isPresent()) {
      return Result.rejected(tx, r.get());
    }
    Object checked = Consensus.checkTxInputs(tx, coins, spendHeight);
    if (checked instanceof Reject reject) {
      return Result.rejected(tx, reject);
    }
    long fee = (Long) checked;
    int vsize = Consensus.vsize(tx);
    if (oneDustOutput && fee != 0) {
      // Core 29+ ephemeral dust: a dust output must be spent in the same package, so its
      // transaction may not pay to be mined alone.
      return Result.rejected(tx, Reject.policy("dust", "tx with dust output must be 0-fee"));
    }
    if (!bypassLimits) {
      long minFee = FeeRate.ofSatPerKvb(minRelayFee).feeFor(vsize);
      if (fee < minFee) {
        return Result.rejected(tx, Reject.policy("min relay fee not met", fee + " < " + minFee));
      }
    }
    Set<TxId> ancestors = ancestors(parents);
    Set<TxId> allConflicting = new LinkedHashSet<>();
    for (TxId c : conflicts) {
      allConflicting.add(c);
      allConflicting.addAll(descendants(c));
    }
    if (!bypassLimits && clusterTooLarge(parents, allConflicting, vsize)) {
      return Result.rejected(tx, Reject.policy("too-large-cluster"));
    }
    for (TxId a : ancestors) {
      if (allConflicting.contains(a)) {
        return Result.rejected(
            tx,
            Reject.consensus(
                "bad-txns-spends-conflicting-tx",
                tx.txid + " spends conflicting transaction " + a));
      }
    }
    if (!conflicts.isEmpty()) {
      r = replacementChecks(tx, fee, vsize, allConflicting);
      if (r.isPresent()) {
        return Result.rejected(tx, r.get());
      }
    }
    r = Consensus.verifyScripts(tx, prevouts, true);
    if (r.isPresent()) {
      return Result.rejected(tx, r.get());
    }
    if (!testOnly) {
      for (TxId c : allConflicting) {
        remove(c);
      }
      Entry e =
          new Entry(
              tx,
              tx.txid,
              Consensus.wtxid(tx),
              fee,
              vsize,
              tx.weight(),
              time,
              tip.height,
              List.copyOf(coins),
              parents);
      entries.put(tx.txid, e);
      for (TxIn in : tx.txIn) {
        spentBy.put(in.outPoint, tx.txid);
      }
    }
    return new Result(tx, Optional.empty(), fee, vsize, List.copyOf(allConflicting));
  }

  /**
   * Whether the cluster the transaction would join (its parents' clusters, less what it replaces,
   * plus itself) exceeds Core's cluster limits.
   */
  private boolean clusterTooLarge(Set<TxId> parents, Set<TxId> replaced, int vsize) {
    Set<TxId> cluster = new LinkedHashSet<>();
    Deque<TxId> todo = new ArrayDeque<>(parents);
    while (!todo.isEmpty()) {
      TxId t = todo.pop();
      if (replaced.contains(t) || !entries.containsKey(t) || !cluster.add(t)) {
        continue;
      }
      todo.addAll(entries.get(t).parents());
      todo.addAll(children(t));
    }
    long size = vsize;
    for (TxId t : cluster) {
      size += entries.get(t).vsize();
    }
    return cluster.size() + 1 > CLUSTER_COUNT_LIMIT || size > CLUSTER_SIZE_LIMIT;
  }

  /**
   * Core's replacement checks since the cluster mempool (v31), in its order: at most 100
   * transactions replaced, at least their fees plus the incremental relay fee for the new size
   * ({@code PaysForRBF}), and a better feerate diagram ({@code ImprovesFeerateDiagram}).
   */
  private Optional<Reject> replacementChecks(
      Transaction tx, long fee, int vsize, Set<TxId> allConflicting) {
    if (allConflicting.size() > MAX_REPLACEMENT_CANDIDATES) {
      return Optional.of(
          Reject.policy(
              "too many potential replacements",
              "rejecting replacement "
                  + tx.txid
                  + "; too many potential replacements ("
                  + allConflicting.size()
                  + " > "
                  + MAX_REPLACEMENT_CANDIDATES
                  + ")"));
    }
    long originalFees = 0;
    for (TxId c : allConflicting) {
      originalFees += entries.get(c).fee();
    }
    if (fee < originalFees) {
      return Optional.of(
          Reject.policy(
              "insufficient fee",
              "rejecting replacement "
                  + tx.txid
                  + ", less fees than conflicting txs; "
                  + Amounts.formatMoney(fee)
                  + " < "
                  + Amounts.formatMoney(originalFees)));
    }
    long additional = fee - originalFees;
    long relay = FeeRate.ofSatPerKvb(incrementalRelayFee).feeFor(vsize);
    if (additional < relay) {
      return Optional.of(
          Reject.policy(
              "insufficient fee",
              "rejecting replacement "
                  + tx.txid
                  + ", not enough additional fees to relay; "
                  + Amounts.formatMoney(additional)
                  + " < "
                  + Amounts.formatMoney(relay)));
    }
    List<FeerateDiagram.Chunk> removed = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (allConflicting.contains(e.txid())) {
        removed.add(new FeerateDiagram.Chunk(e.fee(), e.vsize()));
      }
    }
    if (!FeerateDiagram.improves(
        FeerateDiagram.of(removed),
        FeerateDiagram.of(List.of(new FeerateDiagram.Chunk(fee, vsize))))) {
      return Optional.of(
          Reject.policy(
              "replacement-failed", "insufficient feerate: does not improve feerate diagram"));
    }
    return Optional.empty();
  }
}
