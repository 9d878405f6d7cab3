package dev.frostgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.cli.support.ExitCodes;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.RetryPolicy;
import dev.frostgate.node.bitcoin.rpc.RpcAuth;
import dev.frostgate.node.bitcoin.rpc.RpcClientConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code frostgate regtest} as a user meets it: start, a second start, a taken port, stop. */
class RegtestCommandTest {
  @TempDir Path dir;

  /** {@code frostgate regtest ...} running in a thread until it stops. */
  static final class Running {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final int[] exit = {-1};
    final Thread thread;
    URI url;

    Running(String... args) throws InterruptedException {
      thread =
          new Thread(
              () -> {
                CommandLine cli = Main.commandLine();
                cli.setOut(new PrintWriter(out, true));
                cli.setErr(new PrintWriter(err, true));
                exit[0] = cli.execute(args);
              });
      thread.start();
      Pattern p = Pattern.compile("regtest RPC url: (\\S+)");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      Matcher m = p.matcher(out.toString());
      while (!m.find() && thread.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
        m = p.matcher(out.toString());
      }
      assertThat(m.find(0)).as(out + err.toString()).isTrue();
      url = URI.create(m.group(1));
    }

    BitcoinRpcClient client(Path cookie) {
      return BitcoinRpcClient.create(
          RpcClientConfig.of(url, RpcAuth.cookieFile(cookie))
              .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))
              .withRetry(RetryPolicy.none()));
    }

    int awaitExit() throws InterruptedException {
      thread.join(10_000);
      assertThat(thread.isAlive()).as("the command has returned").isFalse();
      return exit[0];
    }
  }

  @Test
  void servesRpcUntilInterrupted() throws Exception {
    Running node =
        new Running("regtest", "--port", "0", "--datadir", dir.toString(), "--feerate", "3");
    Path cookie = dir.resolve("regtest").resolve(".cookie");
    assertThat(node.out.toString())
        .contains("regtest cookie:  " + cookie)
        .contains("regtest data:    " + dir);
    try (BitcoinRpcClient rpc = node.client(cookie)) {
      assertThat(rpc.getBlockCount()).isZero();
      assertThat(rpc.estimateSmartFee(2).feerate()).isPresent();
    }
    node.thread.interrupt();
    assertThat(node.awaitExit()).isZero();
    assertThat(cookie).as("cookie deleted on stop").doesNotExist();
  }

  @Test
  void aSecondNodeOnTheSameDataDirFailsWithoutTouchingTheFirstOnesCookie() throws Exception {
    Running first = new Running("regtest", "--port", "0", "--datadir", dir.toString());
    Path cookie = dir.resolve("regtest").resolve(".cookie");
    String before = Files.readString(cookie);

    Cli.Run second =
        Cli.run(
            "regtest", "--port", String.valueOf(first.url.getPort()), "--datadir", dir.toString());
    assertThat(second.exit()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(second.err())
        .contains("cannot obtain a lock on the data directory " + dir.resolve("regtest"))
        .contains("already running")
        .contains("--datadir")
        .doesNotContain("Exception");
    assertThat(Files.readString(cookie)).isEqualTo(before);

    // The first node's clients still authenticate; stop answers as Core, then the node exits.
    try (BitcoinRpcClient rpc = first.client(cookie)) {
      assertThat(rpc.getBlockCount()).isZero();
      assertThat(rpc.call("stop", List.of()).textValue()).isEqualTo("Bitcoin Core stopping");
    }
    assertThat(first.awaitExit()).isZero();
    assertThat(cookie).doesNotExist();
  }

  @Test
  void aTakenPortIsNamedAndNoCookieIsLeftBehind() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Cli.Run r = Cli.run("regtest", "--port", String.valueOf(port), "--datadir", dir.toString());
      assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(r.err())
          .contains("cannot listen on 127.0.0.1:" + port)
          .contains("--port")
          .doesNotContain("Exception");
    }
    assertThat(dir.resolve("regtest").resolve(".cookie")).doesNotExist();
  }

  @Test
  void helpNamesTheDefaultDataDirectoryOutsideTheCheckout() {
    Cli.Run r = Cli.run("regtest", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out().replaceAll("\\s+", " "))
        .contains("~/.local/share/frostgate/regtest-node")
        .doesNotContain("regtest-data");
  }
}
