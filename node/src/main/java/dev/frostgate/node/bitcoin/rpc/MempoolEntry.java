package dev.frostgate.node.bitcoin.rpc;

import fr.acinq.bitcoin.TxId;
import java.util.List;
import java.util.Optional;

/**
 * {@code getmempoolentry}. Fees in satoshis.
 *
 * <p>{@code vsize} is the BIP141 virtual size: Core 30 and later send it as {@code vsize_bip141}
 * (their {@code vsize} is deprecated and sigop-adjusted), older versions as {@code vsize}. {@code
 * bip125_replaceable} is empty from Core 29 on, which replaces any mempool transaction by fee (full
 * RBF) and no longer sends {@code bip125-replaceable}.
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
    Optional<Boolean> bip125_replaceable,
    Optional<Boolean> unbroadcast) {

  /** {@code fees}, in satoshis. */
  public record Fees(long base, long modified, long ancestor, long descendant) {
    static Fees from(JsonView v) {
      v.object();
      return new Fees(
          v.get("base").sats(),
          v.get("modified").sats(),
          v.get("ancestor").sats(),
          v.get("descendant").sats());
    }
  }

  static MempoolEntry from(JsonView v) {
    v.object();
    return new MempoolEntry(
        bip141Vsize(v),
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
        v.opt("bip125-replaceable").map(JsonView::bool),
        v.opt("unbroadcast").map(JsonView::bool));
  }

  /**
   * {@code vsize_bip141} where the node sends it (Core 30+), else {@code vsize}: shared with {@code
   * testmempoolaccept}.
   */
  static long bip141Vsize(JsonView v) {
    return v.opt("vsize_bip141").isPresent()
        ? v.nonNegative("vsize_bip141")
        : v.nonNegative("vsize");
  }
}
