package dev.frostgate.node.bitcoin.rpc;

import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code getrawtransaction <txid> 1}. Inputs and outputs are read from {@code transaction}, parsed
 * from {@code hex} (and checked to have {@code txid}). {@code hash} is the wtxid. The block fields
 * are present once the transaction is in a block.
 */
public record RawTransactionInfo(
    Transaction transaction,
    String hex,
    TxId txid,
    String hash,
    long size,
    long vsize,
    long weight,
    Optional<BlockHash> blockhash,
    OptionalLong confirmations,
    OptionalLong blocktime,
    OptionalLong time,
    Optional<Boolean> in_active_chain) {

  static RawTransactionInfo from(JsonView v) {
    v.object();
    JsonView hexView = v.get("hex");
    Transaction tx = hexView.decode("transaction", Transaction::read);
    TxId txid = v.get("txid").txid();
    if (!tx.txid.equals(txid)) {
      throw v.fail("txid " + txid + " does not match the transaction in hex (" + tx.txid + ")");
    }
    return new RawTransactionInfo(
        tx,
        hexView.string(),
        txid,
        v.get("hash").txid().toString(),
        v.nonNegative("size"),
        v.nonNegative("vsize"),
        v.nonNegative("weight"),
        v.opt("blockhash").map(JsonView::blockHash),
        v.optInt64("confirmations"),
        v.optInt64("blocktime"),
        v.optInt64("time"),
        v.opt("in_active_chain").map(JsonView::bool));
  }
}
