package dev.frostgate.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frostgate.cli.Main;
import dev.frostgate.node.transport.CertificateFingerprint;
import dev.frostgate.node.transport.TlsCredentials;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import picocli.CommandLine;

/**
 * A set of validators as separate OS processes for tests: per validator a directory with its
 * identity and TLS files (made by {@code frostgate identity new}), config.toml, API token, state
 * database and log file, on free loopback ports; each process is {@code frostgate node run}.
 */
final class ValidatorProcesses implements AutoCloseable {
  static final String PASSPHRASE_ENV = "FROSTGATE_KEY_PASSPHRASE";
  static final String PASSPHRASE = "test passphrase for node processes";
  static final String TOKEN = "test-api-token-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final Path dir;
  final int n;
  final int t;
  final int[] p2p;
  final int[] api;
  private final Process[] processes;

  private ValidatorProcesses(Path dir, int n, int t) {
    this.dir = dir;
    this.n = n;
    this.t = t;
    this.p2p = new int[n + 1];
    this.api = new int[n + 1];
    this.processes = new Process[n + 1];
  }

  /** Makes identities, TLS files and configs for n validators using the node at rpcUrl/cookie. */
  static ValidatorProcesses create(Path dir, int n, int t, URI rpcUrl, Path cookie)
      throws IOException {
    ValidatorProcesses v = new ValidatorProcesses(dir, n, t);
    Path pass = dir.resolve("passphrase");
    Files.writeString(pass, PASSPHRASE);
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
      assertThat(code).as("identity new " + i).isZero();
      Files.writeString(d.resolve("api-token"), TOKEN + "\n");
      v.p2p[i] = freePort();
      v.api[i] = freePort();
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
              .formatted(i, n, t, PASSPHRASE_ENV, rpcUrl, cookie, v.p2p[i], freePort(), v.api[i]);
      Files.writeString(v.config(i), config + String.join("\n", peers));
    }
    return v;
  }

  Path home(int i) {
    return dir.resolve("validator-" + i);
  }

  Path config(int i) {
    return home(i).resolve("config.toml");
  }

  Path log(int i) {
    return home(i).resolve("node.log");
  }

  /** Starts validator i's process (its output appended to node.out beside the log). */
  Process start(int i) throws IOException {
    processes[i] =
        spawn(
            Map.of(PASSPHRASE_ENV, PASSPHRASE),
            home(i).resolve("node.out"),
            "--log-level",
            "info",
            "--log-file",
            log(i).toString(),
            "node",
            "run",
            "--config",
            config(i).toString());
    return processes[i];
  }

  /** What a validator process printed before it exited, and its exit code. */
  record Exit(int code, String output) {}

  /** Runs validator i with this environment until it exits (bounded) and returns what it said. */
  Exit runToExit(int i, Map<String, String> env) throws IOException, InterruptedException {
    Path out = home(i).resolve("startup-" + System.nanoTime() + ".out");
    Process p = spawn(env, out, "node", "run", "--config", config(i).toString());
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(60, TimeUnit.SECONDS);
      throw new AssertionError("validator " + i + " did not exit; see " + out);
    }
    return new Exit(p.exitValue(), Files.readString(out));
  }

  Process process(int i) {
    return processes[i];
  }

  /** {@code frostgate ARGS} as a child JVM with the test classpath and extra environment. */
  static Process spawn(Map<String, String> env, Path output, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Xmx256m");
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
  JsonNode status(int i) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api[i] + "/api/v1/status"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** POST a signing request to validator i with the given token. */
  HttpResponse<String> post(int i, String body, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api[i] + "/api/v1/signing/request"))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Waits (bounded) until validator i's status satisfies the condition. */
  JsonNode awaitStatus(int i, Predicate<JsonNode> ok, Duration limit, String what)
      throws InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (processes[i] != null && !processes[i].isAlive()) {
        throw new AssertionError(
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
    throw new AssertionError(
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
  String logTails() {
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
  void kill(int i) throws InterruptedException {
    processes[i].destroyForcibly();
    assertThat(processes[i].waitFor(60, TimeUnit.SECONDS)).isTrue();
  }

  /** Runs {@code frostgate ARGS} in this JVM. */
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

  boolean allGone() {
    for (int i = 1; i <= n; i++) {
      if (processes[i] != null && processes[i].isAlive()) {
        return false;
      }
    }
    return true;
  }
}
