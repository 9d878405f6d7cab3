package dev.frostgate.node.runtime;

import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.BlockchainInfo;
import dev.frostgate.node.metrics.ValidatorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this validator's Bitcoin node for the metrics the alerts need (tip height and lag behind
 * the best header, the fee estimate for the next blocks) at most once per interval, on the event
 * loop's ticks. A failed read is logged at debug and retried next interval: metrics never stop the
 * loop.
 */
final class ChainMetrics {
  private static final Logger log = LoggerFactory.getLogger(ChainMetrics.class);

  /** Blocks come every ten minutes on mainnet: ten seconds is fresh enough for any alert. */
  static final long INTERVAL_MS = 10_000;

  /** Fee estimate target, in blocks: what a spend signed now would need. */
  private static final int FEE_TARGET_BLOCKS = 2;

  private final BitcoinRpcClient rpc;
  private final ValidatorMetrics metrics;
  private long lastPoll = Long.MIN_VALUE / 2;

  ChainMetrics(BitcoinRpcClient rpc, ValidatorMetrics metrics) {
    this.rpc = rpc;
    this.metrics = metrics;
  }

  void onTick(long now) {
    if (now - lastPoll < INTERVAL_MS) {
      return;
    }
    lastPoll = now;
    try {
      BlockchainInfo info = rpc.getBlockchainInfo();
      metrics.bitcoinTip(info.blocks(), Math.max(0, info.headers() - info.blocks()));
      rpc.estimateSmartFee(FEE_TARGET_BLOCKS).feerate().ifPresent(metrics::mempoolFeeRate);
    } catch (RuntimeException e) {
      log.debug("chain metrics not read this time: {}", e.toString());
    }
  }
}
