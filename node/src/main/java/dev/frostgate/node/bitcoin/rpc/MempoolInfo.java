package dev.frostgate.node.bitcoin.rpc;

import dev.frostgate.bitcoin.fee.FeeRate;
import fr.acinq.bitcoin.Satoshi;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code getmempoolinfo}. {@code mempoolminfee} is the rate a transaction needs to enter the
 * mempool now (at least {@code minrelaytxfee}, higher when the mempool is full).
 */
public record MempoolInfo(
    boolean loaded,
    long size,
    long bytes,
    long usage,
    Optional<Satoshi> total_fee,
    long maxmempool,
    FeeRate mempoolminfee,
    FeeRate minrelaytxfee,
    Optional<FeeRate> incrementalrelayfee,
    OptionalLong unbroadcastcount,
    Optional<Boolean> fullrbf) {

  static MempoolInfo from(JsonView v) {
    v.object();
    return new MempoolInfo(
        v.get("loaded").bool(),
        v.nonNegative("size"),
        v.nonNegative("bytes"),
        v.nonNegative("usage"),
        v.optSats("total_fee"),
        v.nonNegative("maxmempool"),
        v.get("mempoolminfee").feeRate(),
        v.get("minrelaytxfee").feeRate(),
        v.opt("incrementalrelayfee").map(JsonView::feeRate),
        v.optInt64("unbroadcastcount"),
        v.opt("fullrbf").map(JsonView::bool));
  }
}
