package dev.frostgate.node.bitcoin.rpc;

import dev.frostgate.bitcoin.fee.FeePolicy;
import dev.frostgate.bitcoin.fee.FeeQuote;
import dev.frostgate.bitcoin.fee.FeeRate;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks a fee rate: Core's {@code estimatesmartfee} for the configured target, the configured
 * fallback when Core has none, never below the node's minimum ({@code getmempoolinfo}: the larger
 * of {@code mempoolminfee} and {@code minrelaytxfee}), never above the cap. The decision itself is
 * the pure {@link #decide}; this class only gathers its inputs from the node.
 */
public final class FeeEstimator {
  private static final Logger LOG = LoggerFactory.getLogger(FeeEstimator.class);

  private final BitcoinRpcClient rpc;
  private final FeePolicy policy;

  public FeeEstimator(BitcoinRpcClient rpc, FeePolicy policy) {
    this.rpc = Objects.requireNonNull(rpc, "rpc");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** A quote under the configured cap. */
  public FeeQuote quote() {
    return quote(policy.cap());
  }

  /**
   * A quote under the lower of the configured cap and {@code requestCap}. Transport failures
   * propagate; an error answer from {@code estimatesmartfee} counts as "no estimate".
   */
  public FeeQuote quote(FeeRate requestCap) {
    Objects.requireNonNull(requestCap, "requestCap");
    Optional<FeeRate> estimate;
    try {
      estimate = rpc.estimateSmartFee(policy.confTarget(), policy.mode()).feerate();
    } catch (RpcException e) {
      LOG.warn("estimatesmartfee failed ({}); using the fallback rate", e.getMessage());
      estimate = Optional.empty();
    }
    MempoolInfo mempool = rpc.getMempoolInfo();
    FeeRate floor = FeeRate.max(mempool.mempoolminfee(), mempool.minrelaytxfee());
    return decide(estimate, floor, policy, requestCap);
  }

  /**
   * The fee decision. Base = {@code estimate} if present and positive, else the fallback; raised to
   * {@code floor}; lowered to min(policy cap, request cap). If the floor is above that cap the
   * answer is {@link FeeQuote.CapBelowFloor}.
   */
  public static FeeQuote decide(
      Optional<FeeRate> estimate, FeeRate floor, FeePolicy policy, FeeRate requestCap) {
    Objects.requireNonNull(estimate, "estimate");
    Objects.requireNonNull(floor, "floor");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(requestCap, "requestCap");
    FeeRate cap = FeeRate.min(policy.cap(), requestCap);
    if (floor.compareTo(cap) > 0) {
      return new FeeQuote.CapBelowFloor(floor, cap);
    }
    Optional<FeeRate> usable = estimate.filter(e -> e.satPerKvb() > 0);
    FeeQuote.Source source =
        usable.isPresent() ? FeeQuote.Source.ESTIMATE : FeeQuote.Source.FALLBACK;
    FeeRate base = usable.orElse(policy.fallback());
    boolean raised = base.compareTo(floor) < 0;
    FeeRate rate = raised ? floor : base;
    boolean capped = rate.compareTo(cap) > 0;
    if (capped) {
      rate = cap;
    }
    return new FeeQuote.Use(rate, source, raised, capped, floor);
  }
}
