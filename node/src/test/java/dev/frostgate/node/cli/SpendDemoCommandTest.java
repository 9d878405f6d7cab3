package dev.frostgate.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.bitcoin.rpc.RpcAuth;
import dev.frostgate.bitcoin.rpc.RpcClientConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SpendDemoCommandTest {
  @TempDir Path dir;

  @Test
  void spendDemoOnTheEmbeddedNodePrintsEveryStepAndExitsZero() {
    Cli.Run r = Cli.run("spend-demo");
    assertThat(r.exit()).as(r.err() + r.out()).isZero();
    assertThat(r.out())
        .contains("Bitcoin node: embedded regtest node at http://127.0.0.1:")
        .contains("1. Bitcoin node")
        .contains("2. DKG: 10-of-15")
        .contains("3. Loan addresses and the watch-only descriptor wallet")
        .contains("4. Funding wallet")
        .contains("5. Fund three loan addresses")
        .contains("6. Detect the deposits")
        .contains("7. Build one transaction spending the three deposits")
        .contains("8. Sign with one FROST session among 10 of 15 participants")
        .contains("9. testmempoolaccept, broadcast, mine, confirm")
        .contains("10. Second spend at a low fee rate, then a fee bump by replacement")
        .contains("11. Reorg: invalidate the block holding the deposits")
        .contains("mempool: replacement present, original evicted")
        .contains("disconnected DEPOSIT")
        .contains("spend-demo: all steps passed");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void unreachableEndpointExitsNonZeroWithAConnectionMessage() {
    Cli.Run r =
        Cli.run(
            "spend-demo",
            "--rpc-url",
            "http://127.0.0.1:1",
            "--rpc-user",
            "a",
            "--rpc-password",
            "b");
    assertThat(r.exit()).isEqualTo(Main.EXIT_CHECK_FAILED);
    assertThat(r.err())
        .contains("step 1 (Bitcoin node) failed")
        .contains("connection refused")
        .contains("http://127.0.0.1:1")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
  }

  @Test
  void badOptionCombinationsExitWithCodeTwo() {
    Cli.Run noAuth = Cli.run("spend-demo", "--rpc-url", "http://127.0.0.1:18443");
    assertThat(noAuth.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(noAuth.err()).contains("--rpc-cookie");
    Cli.Run authWithoutUrl = Cli.run("spend-demo", "--rpc-user", "a", "--rpc-password", "b");
    assertThat(authWithoutUrl.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(authWithoutUrl.err()).contains("need --rpc-url");
    Cli.Run missingCookie =
        Cli.run(
            "spend-demo",
            "--rpc-url",
            "http://127.0.0.1:18443",
            "--rpc-cookie",
            dir.resolve("nope").toString());
    assertThat(missingCookie.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(missingCookie.err()).contains("cannot read the cookie file");
    Cli.Run badThreshold = Cli.run("spend-demo", "--participants", "5", "--threshold", "6");
    assertThat(badThreshold.exit()).isEqualTo(Main.EXIT_BAD_INPUT);
  }

  @Test
  void regtestCommandServesRpcUntilInterrupted() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int[] exit = {-1};
    Thread t =
        new Thread(
            () -> {
              CommandLine cli = Main.commandLine();
              cli.setOut(new PrintWriter(out, true));
              cli.setErr(new PrintWriter(err, true));
              exit[0] =
                  cli.execute(
                      "regtest", "--port", "0", "--datadir", dir.toString(), "--feerate", "3");
            });
    t.start();
    Pattern url = Pattern.compile("regtest RPC url: (\\S+)");
    Matcher m = url.matcher(out.toString());
    boolean found = m.find();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!found && System.nanoTime() < deadline) {
      Thread.sleep(50);
      m = url.matcher(out.toString());
      found = m.find();
    }
    assertThat(found).as(out + err.toString()).isTrue();
    Path cookie = dir.resolve("regtest").resolve(".cookie");
    assertThat(out.toString()).contains("regtest cookie:  " + cookie);
    assertThat(Files.exists(cookie)).isTrue();
    try (BitcoinRpcClient rpc =
        BitcoinRpcClient.create(
            RpcClientConfig.of(URI.create(m.group(1)), RpcAuth.cookieFile(cookie))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)))) {
      assertThat(rpc.getBlockCount()).isZero();
      assertThat(rpc.estimateSmartFee(2).feerate()).isPresent();
    }
    t.interrupt();
    t.join(10_000);
    assertThat(t.isAlive()).isFalse();
    assertThat(exit[0]).isZero();
    assertThat(Files.exists(cookie)).as("cookie deleted on stop").isFalse();
  }
}
