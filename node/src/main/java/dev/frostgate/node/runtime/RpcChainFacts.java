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
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The engine's view of Bitcoin, from this validator's own node over JSON-RPC ({@code gettxout}): a
 * coin is the group's if it is unspent in the node's chain and pays the key that the request's
 * claimed derivation (branch, index) gives under the group's xpub. A claim that does not match the
 * chain (another script, another amount, spent, unknown) gives no coin, so the policy refuses the
 * spend. The spend-lock lifecycle's chain view (depth of a transaction, the spender of a coin, the
 * tip) reads the same node. Called on the event loop thread.
 */
record RpcChainFacts(BitcoinRpcClient rpc, RequestSource requests, ThresholdXpub xpub)
    implements ChainFacts {

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

  @Override
  public int confirmations(TxId tx) {
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

  @Override
  public Optional<Spender> spender(OutPoint outpoint) {
    long tip = rpc.getBlockCount();
    for (long h = tip; h >= 0 && h > tip - SPENDER_SCAN_DEPTH; h--) {
      Block block = rpc.getBlockRaw(rpc.getBlockHash(h));
      for (Transaction t : block.tx) {
        for (TxIn in : t.txIn) {
          if (in.outPoint.equals(outpoint)) {
            return Optional.of(new Spender(t.txid, Math.toIntExact(tip - h + 1)));
          }
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public long tipHeight() {
    return rpc.getBlockCount();
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
