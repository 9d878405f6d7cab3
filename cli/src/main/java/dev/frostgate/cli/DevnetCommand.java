package dev.frostgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.CheckFailedException;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.RpcAuth;
import dev.frostgate.node.bitcoin.rpc.RpcClientConfig;
import dev.frostgate.node.runtime.ByzantineMode;
import dev.frostgate.regtest.EmbeddedRegtestNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code frostgate devnet up|status|down}: the embedded regtest node and n validators, each its own
 * {@code frostgate node run} process on loopback, in a devnet directory with a state file ({@code
 * devnet.json}: pids, ports, log files).
 */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    description = "A devnet of validator processes on loopback.",
    subcommands = {
      DevnetCommand.Up.class,
      DevnetCommand.Status.class,
      DevnetCommand.Down.class,
      DevnetValidatorCommands.Stop.class,
      DevnetValidatorCommands.Start.class,
      DevnetValidatorCommands.Spend.class,
      DevnetValidatorCommands.WaitExclusion.class
    })
final class DevnetCommand {
  static final String STATE = "devnet.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LIMIT = Duration.ofMinutes(10);

  /** The devnet directory option, shared by the three subcommands. */
  static final class DirOption {
    @Option(
        names = "--dir",
        paramLabel = "DIR",
        defaultValue = "frostgate-devnet",
        description = "devnet directory (default: ${DEFAULT-VALUE})")
    Path dir;
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description =
          "Start the embedded regtest node (or --bitcoind) and the validators as separate"
              + " processes, run the DKG"
              + " over the network, fund a deposit address, and sign, broadcast and confirm a"
              + " spend; then stay up until Ctrl-C (--once: exit with the scenario's status).")
  static final class Up implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin DirOption dir;

    @Option(
        names = "--validators",
        defaultValue = "4",
        description = "n (default: ${DEFAULT-VALUE})")
    int validators;

    @Option(
        names = "--threshold",
        defaultValue = "3",
        description = "t (default: ${DEFAULT-VALUE})")
    int threshold;

    @Option(names = "--once", description = "run the scenario, stop everything and exit")
    boolean once;

    @Option(
        names = "--byzantine",
        paramLabel = "MODE",
        description =
            "devnet/testing only: one validator injects a fault (invalid-shares, equivocate,"
                + " withhold, wrong-leader); the others must exclude or blame it and still sign")
    String byzantine;

    @Option(
        names = "--bitcoind",
        paramLabel = "PATH",
        description =
            "run this Bitcoin Core bitcoind (regtest, cookie auth, data directory DIR/bitcoind)"
                + " instead of the embedded regtest node")
    Path bitcoind;

    @Option(
        names = "--byzantine-validator",
        paramLabel = "N",
        description = "which validator is Byzantine (default: the last)")
    Integer byzantineValidator;

    @Override
    public Integer call() throws Exception {
      if (validators < 2
          || validators > 50
          || threshold * 2 <= validators
          || threshold > validators) {
        throw new BadInputException(
            "--threshold must be more than half of --validators and at most it (2..50 validators),"
                + " got "
                + threshold
                + " of "
                + validators);
      }
      Optional<ByzantineMode> mode = NodeCommand.Run.byzantineMode(byzantine);
      int liar = byzantineValidator == null ? validators : byzantineValidator;
      if (liar < 1 || liar > validators) {
        throw new BadInputException(
            "--byzantine-validator must be between 1 and " + validators + ", got " + liar);
      }
      Path d = dir.dir.toAbsolutePath();
      if (Files.exists(d.resolve(STATE))) {
        throw new BadInputException(
            d.resolve(STATE) + ": a devnet already lives here; frostgate devnet down --dir " + d);
      }
      if (Files.exists(d.resolve("validator-1"))) {
        throw new BadInputException(
            d + ": holds an earlier devnet's validators; remove it or give another --dir");
      }
      PrintWriter out = spec.commandLine().getOut();
      SecureRandom random = new SecureRandom();
      ChainNode node = ChainNode.start(bitcoind, d);
      try (node;
          BitcoinRpcClient rpc =
              BitcoinRpcClient.create(
                  RpcClientConfig.of(node.url(), RpcAuth.cookieFile(node.cookie())))) {
        say(out, "%s %s (cookie %s)", node.describe(), node.url(), node.cookie());
        Devnet net =
            Devnet.create(
                d,
                validators,
                threshold,
                node.url(),
                node.cookie(),
                secret(random),
                secret(random));
        try (net) {
          for (int i = 1; i <= validators; i++) {
            Optional<ByzantineMode> faulty = i == liar ? mode : Optional.empty();
            Process p = net.start(i, faulty);
            say(
                out,
                "validator %d   pid %d, peers 127.0.0.1:%d, API http://127.0.0.1:%d, log %s%s",
                i,
                p.pid(),
                net.p2p[i],
                net.api[i],
                net.log(i),
                faulty.map(m -> " (BYZANTINE: " + m.cliName() + ")").orElse(""));
          }
          writeState(d, net, node);
          String xpub = null;
          for (int i = 1; i <= validators; i++) {
            xpub =
                net.awaitStatus(i, j -> j.path("state").asText().equals("ready"), LIMIT, "DKG")
                    .get("xpub")
                    .asText();
          }
          say(out, "DKG done      %d-of-%d, xpub %s", threshold, validators, xpub);
          ThresholdXpub group = ThresholdXpub.parse(xpub, Network.REGTEST);
          BitcoinRpcClient wallet = Devnet.fundingWallet(rpc);
          rpc.generateToAddress(101, wallet.getNewAddress());
          String request = Devnet.fundAndRequest(rpc, wallet, group, 0, "devnet-spend-1");
          say(out, "funded        deposit address 0 %s with 0.5 BTC", group.depositAddress(0));
          net.postToAll(request);
          String txid = net.awaitSigned("devnet-spend-1", 1, LIMIT);
          say(out, "signed        devnet-spend-1: transaction %s, broadcast", txid);
          rpc.generateToAddress(1, wallet.getNewAddress());
          long conf = Devnet.confirmations(rpc, txid);
          if (conf < 1) {
            throw new CheckFailedException("the spend " + txid + " is not confirmed");
          }
          say(out, "confirmed     %s (%d confirmation)", txid, conf);
          if (mode.isPresent()) {
            for (int i = 1; i <= validators; i++) {
              if (i != liar) {
                for (String sample : net.misbehaviourSamples(i)) {
                  say(out, "validator %d   saw %s", i, sample);
                }
              }
            }
          }
          if (!once) {
            say(out, "devnet up: Ctrl-C stops it (or frostgate devnet down --dir %s)", d);
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "devnet-stop"));
            stop.await();
          }
        } catch (IllegalStateException e) {
          throw new CheckFailedException(e.getMessage() + net.logTails());
        } finally {
          Files.deleteIfExists(d.resolve(STATE));
        }
      }
      say(out, "devnet stopped");
      return 0;
    }
  }

  /**
   * The devnet's Bitcoin node: the embedded regtest node, or a real bitcoind ({@code --bitcoind}).
   *
   * @param pid the bitcoind process, which {@code devnet down} stops too (none: in this JVM)
   */
  record ChainNode(
      String describe, java.net.URI url, Path cookie, Optional<Long> pid, AutoCloseable stop)
      implements AutoCloseable {
    static ChainNode start(Path bitcoind, Path devnet) throws IOException, InterruptedException {
      if (bitcoind == null) {
        EmbeddedRegtestNode node = EmbeddedRegtestNode.start(0, devnet.resolve("regtest"));
        return new ChainNode(
            "regtest node ", node.url(), node.cookieFile(), Optional.empty(), node);
      }
      DevnetBitcoind node = DevnetBitcoind.start(bitcoind, devnet.resolve("bitcoind"));
      return new ChainNode(
          "bitcoind      pid " + node.pid() + ",",
          node.url(),
          node.cookieFile(),
          Optional.of(node.pid()),
          node);
    }

    @Override
    public void close() throws Exception {
      stop.close();
    }
  }

  /** A command on the devnet whose state file is in DIR. */
  abstract static class OnDevnet implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin DirOption dir;

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    @Override
    public Integer call() throws IOException {
      return on(readState(dir.dir));
    }

    abstract int on(JsonNode state) throws IOException;
  }

  static final String STATUS = "List the devnet's processes in DIR: role, pid, ports, log file.";

  @Command(name = "status", mixinStandardHelpOptions = true, description = STATUS)
  static final class Status extends OnDevnet {
    @Override
    int on(JsonNode state) {
      PrintWriter out = out();
      long driver = state.get("driver_pid").asLong();
      say(out, "driver+regtest pid %d %s", driver, alive(driver));
      if (state.has("bitcoind_pid")) {
        long b = state.get("bitcoind_pid").asLong();
        say(out, "bitcoind pid %d %s, RPC %s", b, alive(b), state.path("rpc_url").asText());
      }
      for (JsonNode v : state.get("validators")) {
        long pid = v.get("pid").asLong();
        say(
            out,
            "validator %d pid %d %s, peers %d, API %d, log %s",
            v.get("id").asInt(),
            pid,
            alive(pid),
            v.get("p2p").asInt(),
            v.get("api").asInt(),
            v.get("log").asText());
      }
      return 0;
    }
  }

  static final String DOWN =
      "Stop every process of the devnet in DIR (SIGTERM; SIGKILL after 60 s).";

  @Command(name = "down", mixinStandardHelpOptions = true, description = DOWN)
  static final class Down extends OnDevnet {
    @Override
    int on(JsonNode state) throws IOException {
      for (JsonNode v : state.get("validators")) {
        stop(v.get("pid").asLong());
      }
      stop(state.get("driver_pid").asLong());
      if (state.has("bitcoind_pid")) {
        stop(state.get("bitcoind_pid").asLong()); // the driver stops it on exit; in case it died
      }
      Files.deleteIfExists(dir.dir.resolve(STATE));
      say(out(), "devnet in %s stopped", dir.dir);
      return 0;
    }
  }

  /** SIGTERM to a devnet process by pid (validator, bitcoind, driver); SIGKILL after 60 s. */
  static void stop(long pid) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isEmpty()) {
      return;
    }
    h.get().destroy();
    try {
      h.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      h.get().destroyForcibly();
    }
  }

  private static String alive(long pid) {
    return isAlive(pid) ? "running" : "gone";
  }

  static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void writeState(Path d, Devnet net, ChainNode chain) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("driver_pid", ProcessHandle.current().pid());
    chain.pid().ifPresent(pid -> o.put("bitcoind_pid", pid));
    // For frostgate load: the regtest node that funds deposits.
    o.put("rpc_url", chain.url().toString());
    o.put("rpc_cookie", chain.cookie().toString());
    ArrayNode vs = o.putArray("validators");
    for (int i = 1; i <= net.n; i++) {
      ObjectNode v = vs.addObject();
      v.put("id", i);
      v.put("pid", net.process(i).pid());
      v.put("p2p", net.p2p[i]);
      v.put("api", net.api[i]);
      v.put("metrics", net.metrics[i]);
      v.put("log", net.log(i).toString());
    }
    writeState(d, o);
  }

  static void writeState(Path d, JsonNode state) throws IOException {
    Files.writeString(d.resolve(STATE), state.toPrettyString());
  }

  static JsonNode readState(Path dir) throws IOException {
    Path f = dir.resolve(STATE);
    if (!Files.isRegularFile(f)) {
      throw new BadInputException(f + ": no devnet here (no state file)");
    }
    JsonNode n = JSON.readTree(f.toFile());
    if (n == null || !n.has("driver_pid") || !n.path("validators").isArray()) {
      throw new BadInputException(f + ": not a devnet state file");
    }
    return n;
  }

  private static String secret(SecureRandom random) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  static void say(PrintWriter out, String format, Object... args) {
    out.printf(format + "%n", args);
    out.flush();
  }
}
