package dev.frostgate.node.runtime;

import dev.frostgate.node.api.ApiView;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.BlockchainInfo;
import dev.frostgate.node.metrics.ValidatorMetrics;
import java.util.Optional;
import java.util.OptionalLong;
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

  /** The last read for the API's health (written by the loop, read by HTTP threads). */
  private volatile Reading last = new Reading(Optional.empty(), 0, Optional.of("not read yet"));

  /** A read of the node: its info when it succeeded, else why it failed. */
  record Reading(Optional<BlockchainInfo> info, long atMs, Optional<String> failure) {}

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
      last = new Reading(Optional.of(info), now, Optional.empty());
      metrics.bitcoinTip(info.blocks(), Math.max(0, info.headers() - info.blocks()));
      rpc.estimateSmartFee(FEE_TARGET_BLOCKS).feerate().ifPresent(metrics::mempoolFeeRate);
    } catch (RuntimeException e) {
      log.debug("chain metrics not read this time: {}", e.toString());
      last = new Reading(last.info(), last.atMs(), Optional.of(e.getClass().getSimpleName()));
    }
  }

  /** The node's info as last read, while that read succeeded (no I/O: the loop's ticks read it). */
  Optional<BlockchainInfo> lastInfo() {
    Reading r = last;
    return r.failure().isPresent() ? Optional.empty() : r.info();
  }

  /** Whether the node is synced as last read, at {@code now}. */
  ApiView.ChainSync sync(long now) {
    return sync(last, now);
  }

  /**
   * Synced: read within three intervals, out of initial block download and at most one block behind
   * its best header. Unknown (empty) when never read, or when the last good read is stale.
   */
  static ApiView.ChainSync sync(Reading r, long now) {
    if (r.info().isEmpty()) {
      return new ApiView.ChainSync(
          Optional.empty(),
          "Bitcoin node " + r.failure().orElse("not read yet"),
          OptionalLong.empty(),
          OptionalLong.empty());
    }
    BlockchainInfo info = r.info().get();
    OptionalLong height = OptionalLong.of(info.blocks());
    long lag = Math.max(0, info.headers() - info.blocks());
    if (now - r.atMs() > 3 * INTERVAL_MS) {
      return new ApiView.ChainSync(
          Optional.empty(),
          "last good read "
              + (now - r.atMs()) / 1000
              + " s ago"
              + r.failure().map(f -> " (then " + f + ")").orElse(""),
          height,
          OptionalLong.of(lag));
    }
    if (info.initialblockdownload()) {
      return new ApiView.ChainSync(
          Optional.of(false), "initial block download", height, OptionalLong.of(lag));
    }
    return new ApiView.ChainSync(
        Optional.of(lag <= 1),
        lag <= 1 ? "at height " + info.blocks() : lag + " blocks behind its best header",
        height,
        OptionalLong.of(lag));
  }
}
