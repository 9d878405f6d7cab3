package dev.frostgate.node.runtime;

import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.engine.ChainFacts;
import dev.frostgate.engine.RequestSource;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.TxOutInfo;
import fr.acinq.bitcoin.OutPoint;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The engine's view of Bitcoin, from this validator's own node over JSON-RPC ({@code gettxout}): a
 * coin is the group's if it is unspent in the node's chain and pays the key that the request's
 * claimed derivation (branch, index) gives under the group's xpub. A claim that does not match the
 * chain (another script, another amount, spent, unknown) gives no coin, so the policy refuses the
 * spend. Called on the event loop thread.
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
