package dev.frostgate.node.bitcoin.rpc;

import fr.acinq.bitcoin.BlockHash;

/** {@code gettxout}: an unspent output. {@code value} is in satoshis. */
public record TxOutInfo(
    BlockHash bestblock,
    long confirmations,
    long value,
    ScriptPubKey scriptPubKey,
    boolean coinbase) {

  static TxOutInfo from(JsonView v) {
    v.object();
    long value = v.get("value").sats();
    if (value < 0) {
      throw v.get("value").fail("must not be negative");
    }
    return new TxOutInfo(
        v.get("bestblock").blockHash(),
        v.nonNegative("confirmations"),
        value,
        ScriptPubKey.from(v.get("scriptPubKey")),
        v.get("coinbase").bool());
  }
}
