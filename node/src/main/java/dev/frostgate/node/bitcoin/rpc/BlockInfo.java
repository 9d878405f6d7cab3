package dev.frostgate.node.bitcoin.rpc;

import fr.acinq.bitcoin.TxId;
import java.util.List;

/** {@code getblock <hash> 1}: the header fields, sizes and the txids in block order. */
public record BlockInfo(
    BlockHeaderInfo header, long strippedsize, long size, long weight, List<TxId> tx) {

  static BlockInfo from(JsonView v) {
    v.object();
    BlockHeaderInfo header = BlockHeaderInfo.from(v);
    List<TxId> tx = v.get("tx").arrayOf(JsonView::txid);
    if (tx.size() != header.nTx()) {
      throw v.fail("nTx is " + header.nTx() + " but tx lists " + tx.size() + " transactions");
    }
    return new BlockInfo(
        header, v.nonNegative("strippedsize"), v.nonNegative("size"), v.nonNegative("weight"), tx);
  }
}
