package dev.frostgate.node.bitcoin;

import dev.frostgate.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.bitcoin.rpc.RpcAuth;
import dev.frostgate.bitcoin.rpc.RpcClientConfig;
import dev.frostgate.bitcoin.rpc.RpcFailure;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same scenario against a real {@code bitcoind -regtest} on loopback; skipped (with the reason)
 * when {@code bitcoind} is not on the PATH.
 */
class BitcoindSpendScenarioTest {
  @TempDir Path dir;

  @Test
  void depositsSpendFeeBumpAndReorgOnBitcoind() throws Exception {
    Optional<Path> bitcoind = onPath("bitcoind");
    Assumptions.assumeTrue(
        bitcoind.isPresent(),
        "bitcoind is not on the PATH: the scenario against a real bitcoind -regtest is skipped");
    int rpcPort = freePort();
    Process p =
        new ProcessBuilder(
                bitcoind.get().toString(),
                "-regtest",
                "-datadir=" + dir,
                "-rpcport=" + rpcPort,
                "-rpcbind=127.0.0.1",
                "-rpcallowip=127.0.0.1",
                "-listen=0",
                "-dnsseed=0",
                "-fixedseeds=0",
                "-server=1",
                "-fallbackfee=0.0002",
                "-printtoconsole=0")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("bitcoind.out").toFile())
            .start();
    Path cookie = dir.resolve("regtest").resolve(".cookie");
    RpcClientConfig config =
        RpcClientConfig.of(
                URI.create("http://127.0.0.1:" + rpcPort + "/"), RpcAuth.cookieFile(cookie))
            .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(120));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(cookie)) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError(
              "bitcoind did not start: " + Files.readString(dir.resolve("bitcoind.out")));
        }
        Thread.sleep(100);
      }
      try (BitcoinRpcClient rpc = BitcoinRpcClient.create(config)) {
        waitUntilReady(rpc, deadline);
        StringWriter text = new StringWriter();
        SpendScenario.Result r =
            SpendScenario.run(rpc, SpendScenario.Options.defaults(), new PrintWriter(text));
        SpendScenarioTest.assertResult(r, text.toString());
        rpc.call("stop", List.of());
      }
    } finally {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** bitcoind answers -28 (warming up) for a while after writing the cookie. */
  private static void waitUntilReady(BitcoinRpcClient rpc, long deadline) throws Exception {
    while (true) {
      try {
        rpc.getBlockCount();
        return;
      } catch (RpcFailure e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(File.pathSeparator))
        .map(d -> Path.of(d, name))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
