package dev.frostgate.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.cli.Main;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.testkit.node.bitcoind.BitcoindBinary;
import dev.frostgate.testkit.node.bitcoind.RegtestBitcoind;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;
import picocli.CommandLine;

/**
 * The scenario, and {@code frostgate spend-demo} as a user runs it, against a real {@code bitcoind
 * -regtest} (both on one node, as a user would run the demo twice): Bitcoin Core accepts and mines
 * the FROST-signed spends, the fee bump replaces, the reorg is reported. Skipped, saying where it
 * looked, when no bitcoind is found ({@code ../shared/bitcoin-core/bin/bitcoind} by default).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BitcoindSpendScenarioTest {
  private RegtestBitcoind node;

  /** The node, started by the first test; a skip (counted per test) when there is no bitcoind. */
  RegtestBitcoind node() {
    if (node == null) {
      node = RegtestBitcoind.start(BitcoindBinary.find().orSkip(TestAbortedException::new));
    }
    return node;
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void depositsSpendFeeBumpAndReorgOnBitcoind() {
    StringWriter text = new StringWriter();
    SpendScenario.Result r;
    try (BitcoinRpcClient rpc = BitcoinRpcClient.create(node().clientConfig())) {
      r = SpendScenario.run(rpc, SpendScenario.Options.defaults(), new PrintWriter(text));
    }
    SpendScenarioTest.assertResult(r, text.toString());
  }

  @Test
  void spendDemoCommandPassesAgainstBitcoind() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit =
        cli.execute(
            "spend-demo",
            "--rpc-url",
            node().url().toString(),
            "--rpc-cookie",
            node().cookieFile().toString());
    assertThat(exit).as(err + out.toString()).isZero();
    assertThat(out.toString())
        .contains("Bitcoin node: " + node.url())
        .contains("/Satoshi:")
        .contains("9. testmempoolaccept, broadcast, mine, confirm")
        .contains("10. Second spend at a low fee rate, then a fee bump by replacement")
        .contains("mempool: replacement present, original evicted")
        .contains("11. Reorg: invalidate the block holding the deposits")
        .contains("disconnected DEPOSIT")
        .contains("spend-demo: all steps passed");
    assertThat(err.toString()).isEmpty();
  }
}
