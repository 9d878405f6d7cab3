package dev.frostgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.CheckFailedException;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The devnet's stand-ins for what an operator does on a validator's host ({@code systemctl
 * stop|start frostgate}) and for the protocol chain's spend requests, so that the runbook's
 * recovery procedures run as drills against real processes: {@code devnet stop|start --validator N}
 * and {@code devnet spend}.
 */
final class DevnetValidatorCommands {
  private static final Duration START_LIMIT = Duration.ofMinutes(5);
  private static final Duration SIGN_LIMIT = Duration.ofMinutes(5);

  private DevnetValidatorCommands() {}

  /** The {@code --validator N} option and its entry in the state file. */
  abstract static class OnValidator extends DevnetCommand.OnDevnet {
    @Option(names = "--validator", required = true, paramLabel = "N", description = "validator id")
    int validator;

    ObjectNode entry(JsonNode state) {
      for (JsonNode v : state.get("validators")) {
        if (v.path("id").asInt() == validator) {
          return (ObjectNode) v;
        }
      }
      throw new BadInputException(
          dir.dir.resolve(DevnetCommand.STATE) + ": no validator " + validator + " in this devnet");
    }
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description =
          "Stop one validator of the devnet in DIR (SIGTERM; SIGKILL after 60 s), as systemctl"
              + " stop frostgate would on its host.")
  static final class Stop extends OnValidator {
    @Override
    int on(JsonNode state) {
      long pid = entry(state).get("pid").asLong();
      boolean running = DevnetCommand.isAlive(pid);
      DevnetCommand.stop(pid);
      DevnetCommand.say(
          out(),
          running ? "validator %d (pid %d) stopped" : "validator %d (pid %d) was not running",
          validator,
          pid);
      return 0;
    }
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description =
          "Start one stopped validator of the devnet in DIR again (frostgate node run with its"
              + " config, the devnet's passphrase in its environment) and wait until it reports"
              + " ready; exit 1 with its output if it exits instead.")
  static final class Start extends OnValidator {
    @Override
    int on(JsonNode state) throws IOException {
      ObjectNode v = entry(state);
      long old = v.get("pid").asLong();
      if (DevnetCommand.isAlive(old)) {
        throw new BadInputException("validator " + validator + " is running (pid " + old + ")");
      }
      Path log = Path.of(v.get("log").asText());
      Path home = log.getParent();
      Path output = home.resolve("node.out");
      String passphrase =
          Files.readString(dir.dir.resolve("passphrase"), StandardCharsets.UTF_8).strip();
      long mark = Files.exists(output) ? Files.size(output) : 0;
      Process p =
          Devnet.spawn(
              Map.of(Devnet.PASSPHRASE_ENV, passphrase),
              output,
              "--log-level",
              "info",
              "--log-file",
              log.toString(),
              "node",
              "run",
              "--config",
              home.resolve("config.toml").toString());
      v.put("pid", p.pid());
      DevnetCommand.writeState(dir.dir, state);
      Devnet net = attach(state);
      long end = System.nanoTime() + START_LIMIT.toNanos();
      while (true) {
        if (!p.isAlive()) {
          throw new CheckFailedException(
              "validator "
                  + validator
                  + " exited with "
                  + p.exitValue()
                  + " while starting; it said:\n"
                  + outputSince(output, mark));
        }
        JsonNode s = net.status(validator);
        if (s != null && s.path("state").asText().equals("ready")) {
          break;
        }
        if (System.nanoTime() > end) {
          throw new CheckFailedException(
              "validator " + validator + " is not ready within " + START_LIMIT + "; see " + home);
        }
        sleep();
      }
      DevnetCommand.say(out(), "validator %d started (pid %d), ready", validator, p.pid());
      return 0;
    }

    private static String outputSince(Path output, long mark) throws IOException {
      byte[] all = Files.readAllBytes(output);
      int from = (int) Math.min(mark, all.length);
      return new String(all, from, all.length - from, StandardCharsets.UTF_8).strip();
    }
  }

  @Command(
      name = "spend",
      mixinStandardHelpOptions = true,
      description = {
        "Fund deposit address --deposit-index of the devnet in DIR with 0.5 BTC, post a spend of"
            + " it to every running validator, wait until it is signed and broadcast, mine a"
            + " block and check the confirmation (exit 1 otherwise).",
        "--expect-share-from N also checks that validator N sent a signature share since it"
            + " started (its frostgate_signing_shares_sent_total)."
      })
  static final class Spend extends DevnetCommand.OnDevnet {
    @Option(names = "--request", required = true, paramLabel = "ID", description = "request id")
    String request;

    @Option(
        names = "--deposit-index",
        required = true,
        paramLabel = "N",
        description = "deposit address to fund and spend (unused so far; the devnet used 0)")
    int depositIndex;

    @Option(
        names = "--no-wait",
        description =
            "only fund and post (to the validators running now); the request is kept in"
                + " DIR/requests for --resume")
    boolean noWait;

    @Option(
        names = "--resume",
        description =
            "post the request kept by an earlier --no-wait to every validator running now (a"
                + " validator that has it already answers so) and wait for it")
    boolean resume;

    @Option(
        names = "--expect-share-from",
        paramLabel = "N",
        description = "validator that must have sent a signature share")
    Integer expectShareFrom;

    @Override
    int on(JsonNode state) throws IOException {
      Devnet net = attach(state);
      List<Integer> running = new ArrayList<>();
      for (JsonNode v : state.get("validators")) {
        if (DevnetCommand.isAlive(v.get("pid").asLong())) {
          running.add(v.get("id").asInt());
        }
      }
      if (running.isEmpty()) {
        throw new CheckFailedException("no validator of the devnet in " + dir.dir + " is running");
      }
      int first = running.get(0);
      JsonNode status = net.status(first);
      if (status == null || !status.hasNonNull("xpub")) {
        throw new CheckFailedException("validator " + first + " reports no group xpub: " + status);
      }
      ThresholdXpub group = ThresholdXpub.parse(status.get("xpub").asText(), Network.REGTEST);
      try (BitcoinRpcClient rpc =
          Devnet.rpc(
              URI.create(state.get("rpc_url").asText()),
              Path.of(state.get("rpc_cookie").asText()))) {
        BitcoinRpcClient wallet = Devnet.fundingWallet(rpc);
        Path kept = dir.dir.resolve("requests").resolve(request + ".json");
        String body;
        if (resume) {
          if (!Files.isRegularFile(kept)) {
            throw new BadInputException(kept + ": no request kept by an earlier --no-wait");
          }
          body = Files.readString(kept);
        } else {
          body = Devnet.fundAndRequest(rpc, wallet, group, depositIndex, request);
          Files.createDirectories(kept.getParent());
          Files.writeString(kept, body);
        }
        for (int i : running) {
          HttpResponse<String> r = net.post(i, body);
          // 202: accepted; 200: already stored (a --resume reaches validators that have it).
          if (r.statusCode() != 202 && r.statusCode() != 200) {
            throw new CheckFailedException(
                "validator " + i + " answered " + r.statusCode() + ": " + r.body());
          }
        }
        DevnetCommand.say(
            out(),
            "posted        %s to validators %s (deposit %d)",
            request,
            running,
            depositIndex);
        if (noWait) {
          return 0;
        }
        String txid;
        try {
          txid = net.awaitSigned(request, first, SIGN_LIMIT);
        } catch (IllegalStateException e) {
          throw new CheckFailedException(e.getMessage());
        }
        rpc.generateToAddress(1, wallet.getNewAddress());
        long conf = Devnet.confirmations(rpc, txid);
        if (conf < 1) {
          throw new CheckFailedException("the spend " + txid + " is not confirmed");
        }
        DevnetCommand.say(out(), "signed        %s: transaction %s, confirmed", request, txid);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CheckFailedException("interrupted while waiting for " + request);
      }
      if (expectShareFrom != null) {
        double sent = sharesSent(net.metrics(expectShareFrom));
        if (sent < 1) {
          throw new CheckFailedException(
              "validator "
                  + expectShareFrom
                  + " sent no signature share since it started"
                  + " (frostgate_signing_shares_sent_total "
                  + sent
                  + ")");
        }
        DevnetCommand.say(
            out(),
            "validator %d   sent %.0f signature share(s) since it started",
            expectShareFrom,
            sent);
      }
      return 0;
    }
  }

  @Command(
      name = "wait-exclusion",
      mixinStandardHelpOptions = true,
      description =
          "Wait (5 minutes at most) until a running validator other than --of has excluded"
              + " validator --of with evidence (frostgate_exclusions_total with its peer label and"
              + " --reason); print the samples, exit 1 if none appears.")
  static final class WaitExclusion extends DevnetCommand.OnDevnet {
    @Option(names = "--of", required = true, paramLabel = "N", description = "excluded validator")
    int of;

    @Option(
        names = "--reason",
        defaultValue = "invalid_share",
        description = "exclusion reason (default: ${DEFAULT-VALUE})")
    String reason;

    @Override
    int on(JsonNode state) throws IOException {
      Devnet net = attach(state);
      String peer = "peer=\"" + of + "\"";
      String why = "reason=\"" + reason + "\"";
      long end = System.nanoTime() + SIGN_LIMIT.toNanos();
      while (System.nanoTime() < end) {
        List<String> seen = new ArrayList<>();
        for (JsonNode v : state.get("validators")) {
          int i = v.get("id").asInt();
          if (i != of && DevnetCommand.isAlive(v.get("pid").asLong())) {
            net.misbehaviourSamples(i).stream()
                .filter(l -> l.startsWith("frostgate_exclusions_total{"))
                .filter(l -> l.contains(peer) && l.contains(why))
                .forEach(l -> seen.add("validator " + i + "   saw " + l));
          }
        }
        if (!seen.isEmpty()) {
          seen.forEach(l -> DevnetCommand.say(out(), "%s", l));
          return 0;
        }
        sleep();
      }
      throw new CheckFailedException(
          "no running validator excluded validator "
              + of
              + " for "
              + reason
              + " within "
              + SIGN_LIMIT);
    }
  }

  /** The value of frostgate_signing_shares_sent_total in a Prometheus text page, 0 if absent. */
  static double sharesSent(String metrics) {
    return metrics
        .lines()
        .filter(l -> l.startsWith("frostgate_signing_shares_sent_total "))
        .map(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1).trim()))
        .findFirst()
        .orElse(0.0);
  }

  /** The running devnet's validators as its state file records them. */
  static Devnet attach(JsonNode state) throws IOException {
    JsonNode vs = state.get("validators");
    int n = vs.size();
    int[] api = new int[n + 1];
    int[] metrics = new int[n + 1];
    Path home = null;
    for (JsonNode v : vs) {
      int i = v.get("id").asInt();
      if (i < 1 || i > n || !v.has("metrics")) {
        throw new BadInputException(
            DevnetCommand.STATE + ": validator entry " + v + " has no id 1.." + n + " or metrics");
      }
      api[i] = v.get("api").asInt();
      metrics[i] = v.get("metrics").asInt();
      home = Path.of(v.get("log").asText()).getParent();
    }
    Path tokenFile = home.resolve("api-token");
    String token =
        Files.readString(tokenFile, StandardCharsets.UTF_8).lines().findFirst().orElse("").trim();
    return Devnet.attach(home.getParent(), api, metrics, token);
  }

  private static void sleep() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CheckFailedException("interrupted");
    }
  }
}
