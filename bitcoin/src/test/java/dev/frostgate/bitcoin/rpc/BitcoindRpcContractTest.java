package dev.frostgate.bitcoin.rpc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The client contract against a real {@code bitcoind -regtest} on loopback (random ports, a
 * temporary data directory, cookie authentication, {@code -fallbackfee=0.0002}), stopped after the
 * class. Skipped, with a message, when no {@code bitcoind} is on the PATH.
 */
@EnabledIf(
    value = "bitcoindOnPath",
    disabledReason =
        "bitcoind is not on the PATH: the client contract against real Bitcoin Core is skipped"
            + " (install Bitcoin Core 27+ to run it)")
class BitcoindRpcContractTest extends RpcClientContract {
  static boolean bitcoindOnPath() {
    return onPath("bitcoind").isPresent();
  }

  @Override
  Server startServer() throws Exception {
    Optional<Path> bitcoind = onPath("bitcoind");
    assumeTrue(
        bitcoind.isPresent(),
        "bitcoind is not on the PATH: skipping the client contract against real Bitcoin Core"
            + " (install Bitcoin Core 27+ to run it)");
    Path dir = Files.createTempDirectory("frostgate-bitcoind-");
    int rpcPort = freePort();
    int p2pPort = freePort();
    Process process =
        new ProcessBuilder(
                List.of(
                    bitcoind.get().toString(),
                    "-regtest",
                    "-datadir=" + dir,
                    "-server=1",
                    "-listen=0",
                    "-port=" + p2pPort,
                    "-bind=127.0.0.1",
                    "-rpcbind=127.0.0.1",
                    "-rpcallowip=127.0.0.1",
                    "-rpcport=" + rpcPort,
                    "-txindex=1",
                    "-fallbackfee=0.0002",
                    "-printtoconsole=0",
                    "-dnsseed=0",
                    "-fixedseeds=0",
                    "-discover=0"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("stdout.log").toFile())
            .start();
    Path cookie = dir.resolve("regtest").resolve(".cookie");
    URI url = URI.create("http://127.0.0.1:" + rpcPort + "/");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(cookie)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "bitcoind exited with " + process.exitValue() + ": " + tail(dir.resolve("stdout.log")));
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("bitcoind did not write its cookie within 60 s");
      }
      Thread.sleep(100);
    }
    // The client retries RPC_IN_WARMUP and refused connections; one call waits for readiness.
    try (BitcoinRpcClient probe =
        BitcoinRpcClient.create(
            RpcClientConfig.of(url, RpcAuth.cookieFile(cookie))
                .withRetry(
                    new RetryPolicy(40, Duration.ofMillis(250), Duration.ofSeconds(1), 1.5)))) {
      probe.getBlockCount();
    }
    return new Server() {
      @Override
      public URI url() {
        return url;
      }

      @Override
      public Path cookieFile() {
        return cookie;
      }

      @Override
      public void close() {
        try (BitcoinRpcClient c =
            BitcoinRpcClient.create(RpcClientConfig.of(url, RpcAuth.cookieFile(cookie)))) {
          c.call("stop", List.of());
        } catch (RuntimeException e) {
          // fall through to destroy
        }
        try {
          if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          process.destroyForcibly();
          Thread.currentThread().interrupt();
        }
        TempDirs.deleteQuietly(dir);
      }
    };
  }

  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String d : path.split(File.pathSeparator)) {
      Path p = Path.of(d).resolve(name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static String tail(Path log) {
    try {
      String s = Files.readString(log);
      return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
