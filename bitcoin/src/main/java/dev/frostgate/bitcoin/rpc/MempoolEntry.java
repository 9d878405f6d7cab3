package dev.frostgate.bitcoin.rpc;

import fr.acinq.bitcoin.TxId;
import java.util.List;
import java.util.Optional;

/**
 * {@code getmempoolentry}. Fees in satoshis; {@code bip125-replaceable} becomes {@code
 * bip125_replaceable}.
 */
public record MempoolEntry(
    long vsize,
    long weight,
    long time,
    long height,
    long descendantcount,
    long descendantsize,
    long ancestorcount,
    long ancestorsize,
    String wtxid,
    Fees fees,
    List<TxId> depends,
    List<TxId> spentby,
    boolean bip125_replaceable,
    Optional<Boolean> unbroadcast) {

  /** {@code fees}, in satoshis. */
  public record Fees(long base, long modified, long ancestor, long descendant) {
    static Fees from(JsonView v) {
      v.object();
      return new Fees(v.sats("base"), v.sats("modified"), v.sats("ancestor"), v.sats("descendant"));
    }
  }

  static MempoolEntry from(JsonView v) {
    v.object();
    return new MempoolEntry(
        v.nonNegative("vsize"),
        v.nonNegative("weight"),
        v.int64("time"),
        v.nonNegative("height"),
        v.nonNegative("descendantcount"),
        v.nonNegative("descendantsize"),
        v.nonNegative("ancestorcount"),
        v.nonNegative("ancestorsize"),
        v.get("wtxid").txid().toString(),
        Fees.from(v.get("fees")),
        v.get("depends").arrayOf(JsonView::txid),
        v.get("spentby").arrayOf(JsonView::txid),
        v.bool("bip125-replaceable"),
        v.optBool("unbroadcast"));
  }
}
