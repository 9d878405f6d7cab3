package dev.frostgate.cli.dev;

import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.CheckFailedException;
import dev.frostgate.crypto.frost.Thresholds;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.RetryPolicy;
import dev.frostgate.node.bitcoin.rpc.RpcAuth;
import dev.frostgate.node.bitcoin.rpc.RpcClientConfig;
import dev.frostgate.node.bitcoin.rpc.RpcConnectionException;
import dev.frostgate.node.bitcoin.rpc.RpcFailure;
import dev.frostgate.regtest.EmbeddedRegtestNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The Bitcoin layer end to end ({@link SpendScenario}) against the embedded regtest node (default)
 * or any Bitcoin Core-compatible regtest endpoint.
 */
@Command(
    name = "spend-demo",
    mixinStandardHelpOptions = true,
    description = {
      "DKG, loan addresses, three deposits found by a watch-only descriptor wallet, one FROST-signed"
          + " transaction spending them (testmempoolaccept, broadcast, confirmed), a fee bump by"
          + " replacement, and a reorg report.",
      "Runs against an embedded regtest node in a temporary directory unless --rpc-url is given."
    })
public final class SpendDemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--rpc-url",
      paramLabel = "URL",
      description = "a Bitcoin Core-compatible regtest RPC endpoint, e.g. http://127.0.0.1:18443/")
  URI rpcUrl;

  @ArgGroup(exclusive = true)
  Auth auth;

  static final class Auth {
    @Option(names = "--rpc-cookie", paramLabel = "FILE", description = "cookie file (.cookie)")
    Path cookie;

    @ArgGroup(exclusive = false)
    UserPassword userPassword;
  }

  static final class UserPassword {
    @Option(names = "--rpc-user", required = true, description = "RPC user")
    String user;

    @Option(names = "--rpc-password", required = true, description = "RPC password")
    String password;
  }

  @Option(
      names = "--participants",
      defaultValue = "15",
      description = "n (default: ${DEFAULT-VALUE})")
  int participants;

  @Option(names = "--threshold", defaultValue = "10", description = "t (default: ${DEFAULT-VALUE})")
  int threshold;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Thresholds.check(threshold, participants);
    SpendScenario.Options options =
        new SpendScenario.Options(
            participants, threshold, SpendScenario.Options.defaults().lookahead());
    if (rpcUrl == null) {
      if (auth != null) {
        throw new BadInputException("--rpc-cookie, --rpc-user and --rpc-password need --rpc-url");
      }
      return runEmbedded(options, out);
    }
    if (auth == null) {
      throw new BadInputException(
          "--rpc-url needs --rpc-cookie FILE or --rpc-user and --rpc-password");
    }
    RpcAuth rpcAuth;
    if (auth.cookie != null) {
      if (!Files.isReadable(auth.cookie)) {
        throw new BadInputException("cannot read the cookie file " + auth.cookie);
      }
      rpcAuth = new RpcAuth.CookieFile(auth.cookie);
    } else {
      rpcAuth = new RpcAuth.UserPassword(auth.userPassword.user, auth.userPassword.password);
    }
    RpcClientConfig config;
    try {
      config = config(rpcUrl, rpcAuth);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    out.printf("Bitcoin node: %s%n", rpcUrl);
    return runAgainst(config, options, out);
  }

  private int runEmbedded(SpendScenario.Options options, PrintWriter out) {
    Path dir;
    try {
      dir = Files.createTempDirectory("frostgate-regtest");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
    try (EmbeddedRegtestNode node = EmbeddedRegtestNode.start(0, dir)) {
      out.printf("Bitcoin node: embedded regtest node at %s (data %s)%n", node.url(), dir);
      return runAgainst(
          config(node.url(), new RpcAuth.CookieFile(node.cookieFile())), options, out);
    } finally {
      deleteQuietly(dir);
    }
  }

  private int runAgainst(RpcClientConfig config, SpendScenario.Options options, PrintWriter out) {
    long t0 = System.nanoTime();
    try (BitcoinRpcClient rpc = BitcoinRpcClient.create(config)) {
      SpendScenario.run(rpc, options, out);
    } catch (SpendScenario.StepFailed e) {
      out.flush();
      String hint =
          e.getCause() instanceof RpcConnectionException || e.getCause() instanceof RpcFailure
              ? " (Bitcoin node at " + config.url() + ")"
              : "";
      throw new CheckFailedException(e.getMessage() + hint);
    }
    out.printf("done in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    out.flush();
    return 0;
  }

  private static RpcClientConfig config(URI url, RpcAuth auth) {
    // Few retries: a demo should say quickly that the node is not there.
    return RpcClientConfig.of(url, auth)
        .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(120))
        .withRetry(new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(1), 2.0));
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
