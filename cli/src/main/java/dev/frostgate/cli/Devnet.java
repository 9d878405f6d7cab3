package dev.frostgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.RawTransactionInfo;
import dev.frostgate.node.bitcoin.rpc.RpcAuth;
import dev.frostgate.node.bitcoin.rpc.RpcClientConfig;
import dev.frostgate.node.keystore.AtomicFiles;
import dev.frostgate.node.runtime.ByzantineMode;
import dev.frostgate.node.transport.CertificateFingerprint;
import dev.frostgate.node.transport.TlsCredentials;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import picocli.CommandLine;

/**
 * A devnet: validators as separate OS processes on loopback. Per validator a directory with its
 * identity and TLS files (made by {@code frostgate identity new}), config.toml, API token, state
 * database and log file, on free ports; each process is {@code frostgate node run}. Used by {@code
 * frostgate devnet} and by the end-to-end tests.
 */
public final class Devnet implements AutoCloseable {
  public static final String PASSPHRASE_ENV = "FROSTGATE_KEY_PASSPHRASE";
  static final String FUNDING_WALLET = "frostgate-devnet";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public final Path dir;
  public final int n;
  public final int t;
  public final int[] p2p;
  public final int[] api;
  public final int[] metrics;
  private final Process[] processes;
  private final String passphrase;
  private final String token;

  private Devnet(Path dir, int n, int t, String passphrase, String token) {
    this.dir = dir;
    this.n = n;
    this.t = t;
    this.passphrase = passphrase;
    this.token = token;
    this.p2p = new int[n + 1];
    this.api = new int[n + 1];
    this.metrics = new int[n + 1];
    this.processes = new Process[n + 1];
  }

  /**
   * Makes identities, TLS files, API tokens and configs for n validators (t of n) that use the
   * Bitcoin node at rpcUrl with its cookie file. The key stores' passphrase is written to {@code
   * dir/passphrase} (mode 0600) for {@code identity new}, and handed to the processes in their
   * environment.
   */
  public static Devnet create(
      Path dir, int n, int t, URI rpcUrl, Path cookie, String passphrase, String token)
      throws IOException {
    Devnet v = new Devnet(dir, n, t, passphrase, token);
    Files.createDirectories(dir);
    Path pass = dir.resolve("passphrase");
    AtomicFiles.writeNew(pass, passphrase.getBytes(StandardCharsets.UTF_8));
    List<String> peers = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      Path d = v.home(i);
      Files.createDirectories(d);
      int code =
          run(
              "identity",
              "new",
              "--id",
              "" + i,
              "--out",
              d.resolve("identity.json").toString(),
              "--public-out",
              d.resolve("identity-public.json").toString(),
              "--passphrase-file",
              pass.toString(),
              "--insecure-test-kdf");
      if (code != 0) {
        throw new IllegalStateException("identity new for validator " + i + " exited with " + code);
      }
      AtomicFiles.writeNew(d.resolve("api-token"), (token + "\n").getBytes(StandardCharsets.UTF_8));
      v.p2p[i] = freePort();
      v.api[i] = freePort();
      v.metrics[i] = freePort();
      String key =
          JSON.readTree(d.resolve("identity-public.json").toFile()).get("public_key").asText();
      CertificateFingerprint pin =
          CertificateFingerprint.of(TlsCredentials.loadCertificate(d.resolve("identity.tls.crt")));
      peers.add(
          "[[peers]]\nid = %d\naddress = \"127.0.0.1:%d\"\nidentity_key = \"%s\"\ntls_certificate = \"%s\"\n"
              .formatted(i, v.p2p[i], key, pin));
    }
    for (int i = 1; i <= n; i++) {
      String config =
          """
          [validator]
          id = %d
          network = "regtest"
          data_dir = "."

          [threshold]
          total_validators = %d
          threshold = %d

          [key_storage]
          type = "file"
          passphrase_env = "%s"

          [bitcoin]
          rpc_url = "%s"
          rpc_cookie = "%s"
          confirmations_required = 1

          [network]
          listen = "127.0.0.1:%d"

          [timeouts]
          round_ms = 1000
          session_ms = 20000
          leader_ms = 8000

          [policy]
          fee_cap_sat = 100000
          max_fee_rate_sat_vb = 100

          [monitoring]
          metrics_port = %d

          [api]
          listen = "127.0.0.1:%d"

          """
              .formatted(i, n, t, PASSPHRASE_ENV, rpcUrl, cookie, v.p2p[i], v.metrics[i], v.api[i]);
      Files.writeString(v.config(i), config + String.join("\n", peers));
    }
    return v;
  }

  /**
   * A running devnet's validators (started elsewhere, e.g. by {@code devnet up}): their API ports
   * and token, for posting requests and reading status. Processes are not owned: {@link #close()}
   * stops nothing.
   */
  public static Devnet attach(Path dir, int[] api, String token) {
    return attach(dir, api, new int[api.length], token);
  }

  /** As {@link #attach(Path, int[], String)}, with their metrics ports. */
  public static Devnet attach(Path dir, int[] api, int[] metrics, String token) {
    Devnet v = new Devnet(dir, api.length - 1, 0, null, token);
    System.arraycopy(api, 0, v.api, 0, api.length);
    System.arraycopy(metrics, 0, v.metrics, 0, metrics.length);
    return v;
  }

  public Path home(int i) {
    return dir.resolve("validator-" + i);
  }

  public Path config(int i) {
    return home(i).resolve("config.toml");
  }

  public Path log(int i) {
    return home(i).resolve("node.log");
  }

  /**
   * The validator processes' JVM options, chosen by measurement (docs/benchmarks.md, issue 12): C1
   * only, because on two shared cores the C2 compiler threads used more CPU than the validator
   * itself over a load run, and C1 code is fast enough for glue around native crypto and SQLite;
   * the serial collector and a 128 MB heap (the live set is far smaller), capped code cache and
   * metaspace, and smaller thread stacks keep the resident size under 300 MB.
   */
  public static final List<String> VALIDATOR_JVM_OPTIONS =
      List.of(
          "-Xmx128m",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-Xss512k",
          "-XX:ReservedCodeCacheSize=64m",
          "-XX:MaxMetaspaceSize=128m");

  /** Environment variable with extra JVM options for the validator processes. */
  public static final String JVM_OPTS_ENV = "FROSTGATE_VALIDATOR_JVM_OPTS";

  /** Starts validator i's process (its output appended to node.out beside the log). */
  public Process start(int i) throws IOException {
    return start(i, Optional.empty());
  }

  /** As {@link #start(int)}; with a mode, validator i is Byzantine (devnet testing only). */
  public Process start(int i, Optional<ByzantineMode> byzantine) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--log-level",
                "info",
                "--log-file",
                log(i).toString(),
                "node",
                "run",
                "--config",
                config(i).toString()));
    byzantine.ifPresent(m -> args.addAll(List.of("--byzantine", m.cliName())));
    processes[i] =
        spawn(
            Map.of(PASSPHRASE_ENV, passphrase),
            home(i).resolve("node.out"),
            args.toArray(String[]::new));
    return processes[i];
  }

  /** What a validator process printed before it exited, and its exit code. */
  public record Exit(int code, String output) {}

  /**
   * Runs validator i with this environment (and extra {@code node run} options) until it exits
   * (bounded) and returns what it said.
   */
  public Exit runToExit(int i, Map<String, String> env, String... options)
      throws IOException, InterruptedException {
    Path out = home(i).resolve("startup-" + System.nanoTime() + ".out");
    List<String> args = new ArrayList<>(List.of("node", "run", "--config", config(i).toString()));
    args.addAll(List.of(options));
    Process p = spawn(env, out, args.toArray(String[]::new));
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(60, TimeUnit.SECONDS);
      throw new IllegalStateException("validator " + i + " did not exit; see " + out);
    }
    return new Exit(p.exitValue(), Files.readString(out));
  }

  public Process process(int i) {
    return processes[i];
  }

  /** {@code frostgate ARGS} as a child JVM with the test classpath and extra environment. */
  static Process spawn(Map<String, String> env, Path output, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(VALIDATOR_JVM_OPTIONS);
    // Extra JVM options for every validator process (profiling, flag experiments), e.g.
    // FROSTGATE_VALIDATOR_JVM_OPTS="-XX:StartFlightRecording=filename=v.jfr".
    String extra = System.getenv(JVM_OPTS_ENV);
    if (extra != null && !extra.isBlank()) {
      cmd.addAll(List.of(extra.trim().split("\\s+")));
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder b =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    b.environment().putAll(env);
    return b.start();
  }

  /** GET /api/v1/status of validator i, or null while it is not answering. */
  public JsonNode status(int i) {
    try {
      String body = get(api[i], "/api/v1/status");
      return body == null ? null : JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** GET /metrics of validator i (Prometheus text), or "" while it is not answering. */
  public String metrics(int i) {
    String body = get(metrics[i], "/metrics");
    return body == null ? "" : body;
  }

  /** The body of GET path on the loopback port, or null unless it answered 200. */
  private static String get(int port, String path) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * The samples of validator i's /metrics that record a peer's misbehaviour (invalid messages,
   * exclusions with evidence, security incidents, unanswered sign requests), those above zero.
   */
  public List<String> misbehaviourSamples(int i) {
    return metrics(i)
        .lines()
        .filter(
            l ->
                l.startsWith("frostgate_peer_invalid_messages_total{")
                    || l.startsWith("frostgate_exclusions_total{")
                    || l.startsWith("frostgate_security_incidents_total{")
                    || l.startsWith("frostgate_peer_timeouts_total{"))
        .filter(l -> !l.endsWith(" 0.0") && !l.endsWith(" 0"))
        .toList();
  }

  public HttpResponse<String> post(int i, String body) throws IOException, InterruptedException {
    return post(i, body, token);
  }

  /** POST a signing request to validator i with the given token (none if null). */
  public HttpResponse<String> post(int i, String body, String token)
      throws IOException, InterruptedException {
    return HTTP.send(signingRequest(i, body, token), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest signingRequest(int i, String body, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api[i] + "/api/v1/signing/request"))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b.build();
  }

  /**
   * GET /api/v1/action/status/{id} of validator i: the parsed body if it answered 200, else null
   * (unknown there, or not answering).
   */
  public JsonNode actionStatus(int i, String requestId) {
    String path =
        "/api/v1/action/status/"
            + URLEncoder.encode(requestId, StandardCharsets.UTF_8).replace("+", "%20");
    try {
      String body = get(api[i], path);
      return body == null ? null : JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** Waits (bounded) until validator i's status satisfies the condition. */
  public JsonNode awaitStatus(int i, Predicate<JsonNode> ok, Duration limit, String what)
      throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (processes[i] != null && !processes[i].isAlive()) {
        throw new IllegalStateException(
            "validator "
                + i
                + " exited with "
                + processes[i].exitValue()
                + " while waiting for "
                + what
                + "; see "
                + home(i));
      }
      JsonNode s = status(i);
      if (s != null && ok.test(s)) {
        return s;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "validator "
            + i
            + ": no "
            + what
            + " within "
            + limit
            + "; last status "
            + status(i)
            + logTails());
  }

  /** The end of every validator's log, for a failure message. */
  public String logTails() {
    StringBuilder sb = new StringBuilder();
    for (int k = 1; k <= n; k++) {
      sb.append("\n--- validator ").append(k).append(" log ---\n");
      for (Path f : List.of(log(k), home(k).resolve("node.out"))) {
        try {
          List<String> lines = Files.readAllLines(f);
          sb.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
          sb.append('\n');
        } catch (IOException e) {
          sb.append("(no ").append(f.getFileName()).append(")\n");
        }
      }
    }
    return sb.toString();
  }

  /** SIGKILL: the process gets no chance to clean up. */
  public void kill(int i) throws InterruptedException {
    processes[i].destroyForcibly();
    if (!processes[i].waitFor(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("validator " + i + " survived SIGKILL for 60 s");
    }
  }

  /** Runs {@code frostgate ARGS} in this JVM, its output discarded. */
  static int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** SIGTERM to every process, then SIGKILL to any still there; none is left. */
  @Override
  public void close() throws InterruptedException {
    stopAll();
  }

  /** As {@link #close()}. */
  public void stopAll() throws InterruptedException {
    for (int i = 1; i <= n; i++) {
      if (processes[i] != null && processes[i].isAlive()) {
        processes[i].destroy();
      }
    }
    for (int i = 1; i <= n; i++) {
      if (processes[i] != null && !processes[i].waitFor(60, TimeUnit.SECONDS)) {
        processes[i].destroyForcibly();
        processes[i].waitFor(60, TimeUnit.SECONDS);
      }
    }
  }

  public boolean allGone() {
    for (int i = 1; i <= n; i++) {
      if (processes[i] != null && processes[i].isAlive()) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- the spend scenario

  /** An RPC client of the Bitcoin node at url, authenticated by its cookie file. */
  public static BitcoinRpcClient rpc(URI url, Path cookie) {
    return BitcoinRpcClient.create(RpcClientConfig.of(url, RpcAuth.cookieFile(cookie)));
  }

  /** The regtest wallet that funds deposits (created if missing). */
  public static BitcoinRpcClient fundingWallet(BitcoinRpcClient rpc) {
    if (!rpc.listWallets().contains(FUNDING_WALLET)) {
      rpc.createWallet(FUNDING_WALLET, false, false);
    }
    return rpc.forWallet(FUNDING_WALLET);
  }

  /**
   * Funds deposit address {@code index} of the group with 0.5 BTC, mines it, and returns the JSON
   * of a request that spends it: 0.2 BTC to a wallet address, change to change index {@code index}.
   */
  public static String fundAndRequest(
      BitcoinRpcClient rpc, BitcoinRpcClient wallet, ThresholdXpub group, int index, String id) {
    Deposit d = fundDeposits(rpc, wallet, group, List.of(index)).get(0);
    return spendRequest(d, wallet.getNewAddress(), id);
  }

  /** A funded deposit output of the group: 0.5 BTC at deposit address {@code index}. */
  public record Deposit(int index, TxId txid, int vout) {}

  /** Sends 0.5 BTC to each deposit address, in blocks of at most 50 (mempool cluster limit). */
  public static List<Deposit> fundDeposits(
      BitcoinRpcClient rpc, BitcoinRpcClient wallet, ThresholdXpub group, List<Integer> indexes) {
    List<Deposit> out = new ArrayList<>();
    for (int from = 0; from < indexes.size(); from += 50) {
      List<Integer> batch = indexes.subList(from, Math.min(indexes.size(), from + 50));
      List<TxId> sent = new ArrayList<>();
      for (int index : batch) {
        sent.add(wallet.sendToAddress(group.depositAddress(index), new Satoshi(50_000_000)));
      }
      rpc.generateToAddress(1, wallet.getNewAddress());
      for (int k = 0; k < batch.size(); k++) {
        out.add(depositIn(rpc, group, batch.get(k), sent.get(k)));
      }
    }
    return out;
  }

  private static Deposit depositIn(
      BitcoinRpcClient rpc, ThresholdXpub group, int index, TxId funding) {
    RawTransactionInfo tx = rpc.getRawTransactionVerbose(funding, Optional.empty());
    byte[] script = group.depositOutput(index).scriptPubKey();
    for (int o = 0; o < tx.transaction().txOut.size(); o++) {
      if (Arrays.equals(tx.transaction().txOut.get(o).publicKeyScript.toByteArray(), script)) {
        return new Deposit(index, funding, o);
      }
    }
    throw new IllegalStateException("funding transaction " + funding + " has no deposit output");
  }

  /** The JSON of a request spending d: 0.2 BTC to recipient, change to change index d.index. */
  public static String spendRequest(Deposit d, String recipient, String id) {
    long now = System.currentTimeMillis();
    return """
        {"request_id": "%s",
         "inputs": [{"txid": "%s", "vout": %d, "amount_sat": 50000000, "branch": "deposit", \
        "index": %d}],
         "recipients": [{"address": "%s", "amount_sat": 20000000}],
         "fee_rate_sat_vb": 2, "fee_cap_sat": 50000, "change_index": %d,
         "created_at_ms": %d, "expires_at_ms": %d}
        """
        .formatted(id, d.txid(), d.vout(), d.index(), recipient, d.index(), now, now + 600_000);
  }

  /** Posts a request to every validator (each reads it as from the protocol chain). */
  public void postToAll(String body) throws IOException, InterruptedException {
    for (int i = 1; i <= n; i++) {
      HttpResponse<String> r = post(i, body);
      if (r.statusCode() != 202) {
        throw new IllegalStateException(
            "validator " + i + " answered " + r.statusCode() + ": " + r.body());
      }
    }
  }

  /** Waits (bounded) until validator i reports the request signed; its txid. */
  public String awaitSigned(String request, int i, Duration limit) throws InterruptedException {
    JsonNode s =
        awaitStatus(
            i, j -> j.path("requests_signed").has(request), limit, "signature of " + request);
    return s.get("requests_signed").get(request).asText();
  }

  /** The confirmations of a transaction on the node (0 while unconfirmed). */
  public static long confirmations(BitcoinRpcClient rpc, String txid) {
    return rpc.getRawTransactionVerbose(new TxId(txid), Optional.empty()).confirmations().orElse(0);
  }
}
