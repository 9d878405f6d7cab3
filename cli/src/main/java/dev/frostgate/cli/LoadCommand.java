package dev.frostgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.CheckFailedException;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code frostgate load}: signing load against a running devnet ({@code devnet up}, its state in
 * {@code DIR/devnet.json}). Funds one deposit per request from the regtest wallet, then runs {@link
 * LoadRun} and reports latency percentiles, throughput, failures, and each validator process's CPU
 * time over the run and peak RSS.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description =
        "Send signing requests to a running devnet and report latency p50/p95/p99, throughput,"
            + " failures, and each validator's CPU time and peak RSS. Exit 1 if any request"
            + " failed.")
final class LoadCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SAT_PER_REQUEST = 50_000_000 + 100_000;

  @Spec CommandSpec spec;

  @Option(names = "--devnet", required = true, paramLabel = "DIR", description = "devnet directory")
  Path devnet;

  @Option(names = "--requests", defaultValue = "100", description = "N (default: ${DEFAULT-VALUE})")
  int requests;

  @Option(
      names = "--concurrency",
      defaultValue = "10",
      description = "most requests unsigned at once (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(
      names = "--rate",
      defaultValue = "10",
      description = "requests started per second (default: ${DEFAULT-VALUE})")
  double rate;

  @Option(
      names = "--timeout",
      defaultValue = "300",
      paramLabel = "SECONDS",
      description = "bound on the signing phase (default: ${DEFAULT-VALUE})")
  int timeout;

  @Option(names = "--json", description = "print the result as JSON")
  boolean json;

  @Override
  public Integer call() throws Exception {
    require(requests >= 1 && requests <= 100_000, "--requests", "1..100000", requests);
    require(concurrency >= 1 && concurrency <= 1000, "--concurrency", "1..1000", concurrency);
    require(rate > 0 && rate <= 10_000, "--rate", "more than 0 and at most 10000", rate);
    require(timeout >= 1 && timeout <= 86_400, "--timeout", "1..86400 seconds", timeout);
    Path dir = devnet.toAbsolutePath();
    JsonNode state = DevnetCommand.readState(dir);
    if (!state.hasNonNull("rpc_url") || !state.hasNonNull("rpc_cookie")) {
      throw new BadInputException(
          dir.resolve(DevnetCommand.STATE)
              + ": no rpc_url/rpc_cookie (a devnet of an older build)");
    }
    List<Long> pids = new ArrayList<>();
    int[] api = new int[state.get("validators").size() + 1];
    for (JsonNode v : state.get("validators")) {
      api[v.get("id").asInt()] = v.get("api").asInt();
      pids.add(v.get("pid").asLong());
    }
    Devnet net = Devnet.attach(dir, api, token(dir));
    JsonNode first = net.status(1);
    if (first == null || !first.path("state").asText().equals("ready")) {
      throw new BadInputException(dir + ": validator 1 is not ready (status " + first + ")");
    }
    ThresholdXpub group = ThresholdXpub.parse(first.get("xpub").asText(), Network.REGTEST);
    Map<String, String> bodies = new LinkedHashMap<>();
    try (BitcoinRpcClient rpc =
        Devnet.rpc(
            URI.create(state.get("rpc_url").asText()), Path.of(state.get("rpc_cookie").asText()))) {
      BitcoinRpcClient wallet = Devnet.fundingWallet(rpc);
      for (int round = 0;
          round < 20 && wallet.getBalance().getSat() < SAT_PER_REQUEST * requests;
          round++) {
        rpc.generateToAddress(100, wallet.getNewAddress());
      }
      String run = "load-" + System.currentTimeMillis() + "-";
      List<Devnet.Deposit> deposits =
          Devnet.fundDeposits(
              rpc, wallet, group, IntStream.rangeClosed(1, requests).boxed().toList());
      for (Devnet.Deposit d : deposits) {
        bodies.put(
            run + d.index(), Devnet.spendRequest(d, wallet.getNewAddress(), run + d.index()));
      }
    }
    List<ProcessUsage> before = pids.stream().map(ProcessUsage::of).toList();
    LoadRun.Result r =
        new LoadRun(
                net,
                new LoadRun.Settings(
                    concurrency, rate, Duration.ofSeconds(timeout), Duration.ofMillis(10)))
            .run(bodies);
    List<ProcessUsage> after = pids.stream().map(ProcessUsage::of).toList();
    ObjectNode report = report(r, before, after);
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? report.toPrettyString() : table(report));
    out.flush();
    if (!r.failures().isEmpty()) {
      throw new CheckFailedException(
          r.failures().size()
              + " of "
              + requests
              + " requests failed, first: "
              + r.failures().get(0));
    }
    return 0;
  }

  private ObjectNode report(LoadRun.Result r, List<ProcessUsage> before, List<ProcessUsage> after) {
    long[] lat = r.sortedLatencies();
    double seconds = r.elapsedNanos() / 1e9;
    ObjectNode o = JSON.createObjectNode();
    o.put("requests", requests);
    o.put("concurrency", concurrency);
    o.put("rate_per_s", rate);
    o.put("validators", after.size());
    o.put("signed", lat.length);
    o.put("failed", r.failures().size());
    o.put("elapsed_s", Math.round(seconds * 1000) / 1000.0);
    o.put("throughput_per_s", Math.round(lat.length / seconds * 100) / 100.0);
    ObjectNode l = o.putObject("latency_ms");
    String[] names = {"p50", "p95", "p99", "max"};
    double[] quantiles = {0.50, 0.95, 0.99, 1.0};
    for (int q = 0; q < names.length; q++) {
      l.put(names[q], Math.round(LoadRun.percentile(lat, quantiles[q]) / 1e5) / 10.0);
    }
    var vs = o.putArray("validator_processes");
    long total = 0;
    for (int i = 0; i < after.size(); i++) {
      long cpu = after.get(i).cpuMillis() - before.get(i).cpuMillis();
      total += cpu;
      vs.addObject()
          .put("id", i + 1)
          .put("pid", after.get(i).pid())
          .put("cpu_ms", cpu)
          .put("peak_rss_mb", Math.round(after.get(i).peakRssKb() / 102.4) / 10.0);
    }
    o.put("cpu_ms_per_signed_request", lat.length == 0 ? 0 : total / (double) lat.length);
    var f = o.putArray("failures");
    r.failures().stream().limit(20).forEach(x -> f.add(x.id() + ": " + x.failure()));
    return o;
  }

  private static String table(ObjectNode o) {
    JsonNode l = o.get("latency_ms");
    StringBuilder sb = new StringBuilder();
    sb.append(
        "load: %d requests to %d validators, concurrency %d, rate %s/s%n"
            .formatted(
                o.get("requests").asInt(),
                o.get("validators").asInt(),
                o.get("concurrency").asInt(),
                o.get("rate_per_s").asText()));
    sb.append(
        "signed %d, failed %d in %s s: %s signed/s%n"
            .formatted(
                o.get("signed").asInt(),
                o.get("failed").asInt(),
                o.get("elapsed_s").asText(),
                o.get("throughput_per_s").asText()));
    sb.append(
        "latency accepted -> signed (ms): p50 %s  p95 %s  p99 %s  max %s%n"
            .formatted(l.get("p50"), l.get("p95"), l.get("p99"), l.get("max")));
    sb.append("%-10s %8s %10s %14s%n".formatted("validator", "pid", "cpu ms", "peak RSS MB"));
    for (JsonNode v : o.get("validator_processes")) {
      sb.append(
          "%-10d %8d %10d %14s%n"
              .formatted(
                  v.get("id").asInt(),
                  v.get("pid").asLong(),
                  v.get("cpu_ms").asLong(),
                  v.get("peak_rss_mb").asText()));
    }
    sb.append(
        "cpu per signed request, all validators: %.1f ms"
            .formatted(o.get("cpu_ms_per_signed_request").asDouble()));
    o.get("failures").forEach(f -> sb.append("\nFAILED ").append(f.asText()));
    return sb.toString();
  }

  private static String token(Path dir) throws IOException {
    Path f = dir.resolve("validator-1").resolve("api-token");
    if (!Files.isRegularFile(f)) {
      throw new BadInputException(f + ": no API token file");
    }
    return Files.readString(f).trim();
  }

  private static void require(boolean ok, String option, String range, Object got) {
    if (!ok) {
      throw new BadInputException(option + " must be " + range + ", got " + got);
    }
  }
}
