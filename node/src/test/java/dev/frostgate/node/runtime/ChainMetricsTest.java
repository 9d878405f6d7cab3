package dev.frostgate.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.RetryPolicy;
import dev.frostgate.node.bitcoin.rpc.RpcAuth;
import dev.frostgate.node.bitcoin.rpc.RpcClientConfig;
import dev.frostgate.node.metrics.ValidatorMetrics;
import dev.frostgate.regtest.EmbeddedRegtestNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain height and lag gauges, read from the embedded regtest node over HTTP. */
class ChainMetricsTest {
  @TempDir Path dir;

  private static String sample(ValidatorMetrics m, String name) {
    return m.scrape()
        .lines()
        .filter(l -> l.startsWith(name + "{chain=\"bitcoin\"}"))
        .findFirst()
        .orElse("(none)");
  }

  @Test
  void heightAndLagFollowTheNodeOncePerIntervalAndAFailedReadKeepsTheLastValues() {
    ValidatorMetrics metrics = new ValidatorMetrics();
    EmbeddedRegtestNode n = EmbeddedRegtestNode.start(0, dir);
    try (n;
        BitcoinRpcClient rpc =
            BitcoinRpcClient.create(
                RpcClientConfig.of(n.url(), RpcAuth.cookieFile(n.cookieFile()))
                    .withRetry(RetryPolicy.none()))) {
      String miner = rpc.forWallet("default").getNewAddress();
      rpc.generateToAddress(12, miner);
      ChainMetrics chain = new ChainMetrics(rpc, metrics);

      chain.onTick(1_000_000);
      assertThat(sample(metrics, "frostgate_chain_height_blocks")).endsWith(" 12.0");
      assertThat(sample(metrics, "frostgate_chain_lag_blocks")).endsWith(" 0.0");

      rpc.generateToAddress(3, miner);
      chain.onTick(1_000_000 + ChainMetrics.INTERVAL_MS - 1);
      assertThat(sample(metrics, "frostgate_chain_height_blocks"))
          .as("not read again within the interval")
          .endsWith(" 12.0");
      chain.onTick(1_000_000 + ChainMetrics.INTERVAL_MS);
      assertThat(sample(metrics, "frostgate_chain_height_blocks")).endsWith(" 15.0");
      n.close();
      chain.onTick(1_000_000 + 2 * ChainMetrics.INTERVAL_MS);
      assertThat(sample(metrics, "frostgate_chain_height_blocks"))
          .as("the node is gone: the last reading stays, the loop goes on")
          .endsWith(" 15.0");
    }
  }
}
