package dev.frostgate.node.runtime;

import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.engine.ChainFacts;
import dev.frostgate.engine.RequestSource;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.RawTransactionInfo;
import dev.frostgate.node.bitcoin.rpc.RpcException;
import dev.frostgate.node.bitcoin.rpc.TxOutInfo;
import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The engine's view of Bitcoin, from this validator's own node over JSON-RPC ({@code gettxout}): a
 * coin is the group's if it is unspent in the node's chain and pays the key that the request's
 * claimed derivation (branch, index) gives under the group's xpub. A claim that does not match the
 * chain (another script, another amount, spent, unknown) gives no coin, so the policy refuses the
 * spend. The spend-lock lifecycle's chain view (depth of a transaction, the spender of a coin, the
 * tip) reads the same node. Called on the event loop thread.
 */
final class RpcChainFacts implements ChainFacts {
  private final BitcoinRpcClient rpc;
  private final RequestSource requests;
  private final ThresholdXpub xpub;

  /** Who spent what in the last {@link #SPENDER_SCAN_DEPTH} blocks below {@link #indexedTip}. */
  private BlockHash indexedTip;

  private Map<OutPoint, Spend> spends = Map.of();

  /**
   * How long a read of the tip is reused. The lifecycle runs after every completion and asks about
   * every locked coin; reading the tip (two RPCs) for each question cost more CPU than signing
   * under load. Decisions that wait for blocks may start up to this much after the block.
   */
  static final long TIP_TTL_MS = 1000;

  private final LongSupplier clockMs;
  private long tipReadAt = Long.MIN_VALUE / 2;
  private long tip;
  private BlockHash tipHash;

  /** Confirmations asked at {@link #confirmationsTip}: a pure function of the tip block. */
  private final Map<TxId, Integer> confirmationsAtTip = new HashMap<>();

  private BlockHash confirmationsTip;

  /** A confirmed spend of a coin: the spending transaction and the height of its block. */
  private record Spend(TxId tx, long height) {}

  RpcChainFacts(BitcoinRpcClient rpc, RequestSource requests, ThresholdXpub xpub) {
    this(rpc, requests, xpub, System::currentTimeMillis);
  }

  RpcChainFacts(
      BitcoinRpcClient rpc, RequestSource requests, ThresholdXpub xpub, LongSupplier clockMs) {
    this.clockMs = clockMs;
    this.rpc = rpc;
    this.requests = requests;
    this.xpub = xpub;
  }

  @Override
  public Optional<OwnedCoin> coin(OutPoint outpoint) {
    Optional<SpendInput> claim = claimed(outpoint);
    if (claim.isEmpty()) {
      return Optional.empty();
    }
    SpendInput in = claim.get();
    Optional<TxOutInfo> out = rpc.getTxOut(outpoint.txid, Math.toIntExact(outpoint.index), false);
    if (out.isEmpty()) {
      return Optional.empty();
    }
    byte[] script = HexFormat.of().parseHex(out.get().scriptPubKey().hex());
    byte[] expected = in.branch().output(xpub, in.index()).scriptPubKey();
    if (!Arrays.equals(script, expected)) {
      return Optional.empty();
    }
    return Optional.of(
        new OwnedCoin(
            outpoint,
            new fr.acinq.bitcoin.Satoshi(out.get().value()),
            in.branch(),
            in.index(),
            Math.toIntExact(Math.min(Integer.MAX_VALUE, out.get().confirmations()))));
  }

  /**
   * Blocks below the tip searched for a coin's spender. Bitcoin Core has no index from an outpoint
   * to its spender, so the lifecycle's burial checks read recent blocks; a spend buried deeper than
   * this is past any burial depth a validator configures (default 6).
   */
  static final int SPENDER_SCAN_DEPTH = 64;

  /**
   * A transaction's depth, asked once per tip block: until the tip changes the answer cannot change
   * (a transaction in no block has 0 whether it is in the mempool or not).
   */
  @Override
  public int confirmations(TxId tx) {
    readTip();
    if (!tipHash.equals(confirmationsTip)) {
      confirmationsAtTip.clear();
      confirmationsTip = tipHash;
    }
    return confirmationsAtTip.computeIfAbsent(tx, t -> confirmationsOf(rpc, t));
  }

  /** The depth of {@code tx} in {@code rpc}'s chain: 0 if it is in no block. */
  static int confirmationsOf(BitcoinRpcClient rpc, TxId tx) {
    try {
      RawTransactionInfo info = rpc.getRawTransactionVerbose(tx, Optional.empty());
      return (int) Math.min(Integer.MAX_VALUE, info.confirmations().orElse(0));
    } catch (RpcException e) {
      if (e.code() == RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY.code()) {
        return 0; // in no block and not in the mempool
      }
      throw e;
    }
  }

  /**
   * The lifecycle asks this for every locked coin of every open request; the recent blocks are read
   * once per tip into an index, not once per question.
   */
  @Override
  public Optional<Spender> spender(OutPoint outpoint) {
    readTip();
    if (!tipHash.equals(indexedTip)) {
      spends = recentSpends(tip, tipHash);
      indexedTip = tipHash;
    }
    Spend s = spends.get(outpoint);
    return s == null
        ? Optional.empty()
        : Optional.of(new Spender(s.tx(), Math.toIntExact(tip - s.height() + 1)));
  }

  private Map<OutPoint, Spend> recentSpends(long tip, BlockHash tipHash) {
    Map<OutPoint, Spend> index = new HashMap<>();
    for (long h = tip; h >= 0 && h > tip - SPENDER_SCAN_DEPTH; h--) {
      Block block = rpc.getBlockRaw(h == tip ? tipHash : rpc.getBlockHash(h));
      for (Transaction t : block.tx) {
        for (TxIn in : t.txIn) {
          index.put(in.outPoint, new Spend(t.txid, h));
        }
      }
    }
    return index;
  }

  @Override
  public long tipHeight() {
    readTip();
    return tip;
  }

  /** Reads the tip (height and hash) unless the last read is younger than {@link #TIP_TTL_MS}. */
  private void readTip() {
    long now = clockMs.getAsLong();
    if (tipHash == null || now - tipReadAt >= TIP_TTL_MS) {
      long height = rpc.getBlockCount();
      tipHash = rpc.getBlockHash(height);
      tip = height;
      tipReadAt = now;
    }
  }

  private Optional<SpendInput> claimed(OutPoint outpoint) {
    for (SpendRequest r : requests.visible(Long.MAX_VALUE)) {
      for (SpendInput in : r.recipe().inputs()) {
        if (in.outpoint().equals(outpoint)) {
          return Optional.of(in);
        }
      }
    }
    return Optional.empty();
  }
}
