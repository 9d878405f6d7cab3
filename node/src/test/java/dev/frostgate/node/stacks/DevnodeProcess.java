package dev.frostgate.node.stacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Stacks devnode (contracts/devnode/server.js, simnet running the real contracts) as a child
 * process on a free loopback port, for tests. Skips the calling test when Node.js or npm is absent;
 * installs the contracts' npm dependencies (npm ci) when they are missing.
 */
final class DevnodeProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  final URI url;
  final String deployer;
  private final HttpClient http = HttpClient.newHttpClient();

  private DevnodeProcess(Process process, URI url, String deployer) {
    this.process = process;
    this.url = url;
    this.deployer = deployer;
  }

  static Path contractsDir() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("contracts/Clarinet.toml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("contracts/ not found above the working directory");
    }
    return dir.resolve("contracts");
  }

  static boolean onPath(String command) {
    try {
      Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Why the devnode cannot run here, if it cannot: Node.js or npm missing from PATH. */
  static java.util.Optional<String> unavailable() {
    return onPath("node") && onPath("npm")
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            "Node.js (node, npm) not found on PATH: the Stacks devnode integration tests need"
                + " Node.js 20+ and are skipped");
  }

  /** Skips the calling test, with the reason, when the devnode cannot run here. */
  static void assumeAvailable(java.util.Optional<String> unavailable) {
    Assumptions.assumeTrue(unavailable.isEmpty(), unavailable.orElse(""));
  }

  static DevnodeProcess start(String... observers) throws Exception {
    Path contracts = contractsDir();
    if (!Files.isDirectory(contracts.resolve("node_modules/@stacks/clarinet-sdk"))) {
      Process install =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
              .directory(contracts.toFile())
              .redirectErrorStream(true)
              .start();
      String out = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (install.waitFor() != 0) {
        throw new IllegalStateException("npm ci in " + contracts + " failed:\n" + out);
      }
    }
    List<String> command = new ArrayList<>(List.of("node", "devnode/server.js", "--port", "0"));
    for (String o : observers) {
      command.add("--observer");
      command.add(o);
    }
    Process p =
        new ProcessBuilder(command)
            .directory(contracts.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader stdout =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    // The clarinet SDK may print lines of its own first (e.g. "Updated deployment plan ..." when
    // it regenerates the simnet plan): wait for the devnode's JSON announcement.
    CompletableFuture<String> firstLine =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String l = stdout.readLine(); l != null; l = stdout.readLine()) {
                  if (l.startsWith("{\"devnode\"")) {
                    return l;
                  }
                  System.err.println("devnode: " + l);
                }
                return null;
              } catch (IOException e) {
                return null;
              }
            });
    String line;
    try {
      // simnet loads the contracts first: seconds on a busy two-core machine
      line = firstLine.get(180, TimeUnit.SECONDS);
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IllegalStateException("the devnode did not start within 180 s", e);
    }
    if (line == null) {
      throw new IllegalStateException("the devnode exited with " + p.waitFor());
    }
    JsonNode hello = JSON.readTree(line);
    Thread drain =
        new Thread(
            () -> {
              try {
                while (stdout.readLine() != null) {
                  // keep the pipe from filling up
                }
              } catch (IOException ignored) {
                // the process ended
              }
            },
            "devnode-stdout");
    drain.setDaemon(true);
    drain.start();
    return new DevnodeProcess(
        p, URI.create(hello.get("url").asText()), hello.get("deployer").asText());
  }

  /**
   * A call without a signed transaction (devnode control): setup by the owner, borrower, lender.
   */
  JsonNode unsignedCall(String sender, String contract, String function, List<String> argsHex)
      throws Exception {
    var body = JSON.createObjectNode();
    body.put("sender", sender);
    body.put("contract", contract);
    body.put("function", function);
    var args = body.putArray("arguments");
    argsHex.forEach(args::add);
    return post("/devnode/call", body.toString());
  }

  JsonNode advance(int stacks, int burn) throws Exception {
    return post("/devnode/advance", "{\"stacks\":" + stacks + ",\"burn\":" + burn + "}");
  }

  JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(url.resolve(path))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
  }
}
