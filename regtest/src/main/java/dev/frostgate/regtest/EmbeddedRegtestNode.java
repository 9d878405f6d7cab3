package dev.frostgate.regtest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process Bitcoin regtest node that serves a subset of current Bitcoin Core's (v30/v31)
 * JSON-RPC over HTTP on loopback, with Core's JSON shapes, error codes and reject reasons, cookie
 * authentication and real validation (bitcoin-kmp's script interpreter). State is kept in memory;
 * the data directory holds the cookie file ({@code <dataDir>/regtest/.cookie}), as Core's does.
 *
 * <pre>{@code
 * try (EmbeddedRegtestNode node = EmbeddedRegtestNode.start(0, dir)) {
 *   URI url = node.url();                 // http://127.0.0.1:PORT/
 *   Path cookie = node.cookieFile();      // __cookie__:<hex>
 * }
 * }</pre>
 */
public final class EmbeddedRegtestNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRegtestNode.class);
  static final String COOKIE_USER = "__cookie__";

  /**
   * Node settings.
   *
   * @param smartFeeSatPerKvB the rate {@code estimatesmartfee} returns; empty for Core's
   *     "Insufficient data or no feerate found" answer
   * @param walletFeeSatPerKvB the fee rate of wallet sends without {@code fee_rate}
   * @param minRelayFeeSatPerKvB minimum relay and incremental relay fee (Core 30+: 100, i.e. 0.1
   *     sat/vB)
   * @param defaultWallet name of a wallet with private keys created at start ("" for none)
   */
  public record Config(
      Optional<Long> smartFeeSatPerKvB,
      long walletFeeSatPerKvB,
      long minRelayFeeSatPerKvB,
      String defaultWallet) {
    public Config {
      if (walletFeeSatPerKvB < minRelayFeeSatPerKvB || minRelayFeeSatPerKvB < 0) {
        throw new IllegalArgumentException("wallet fee rate must be at least the min relay fee");
      }
      smartFeeSatPerKvB.ifPresent(
          r -> {
            if (r <= 0) {
              throw new IllegalArgumentException("smart fee rate must be positive");
            }
          });
    }

    /** Defaults: no fee estimate, wallet at 2 sat/vB, relay 0.1 sat/vB, wallet "default". */
    public static Config defaults() {
      return new Config(Optional.empty(), 2000, 100, "default");
    }

    public Config withSmartFee(long satPerKvB) {
      return new Config(
          Optional.of(satPerKvB), walletFeeSatPerKvB, minRelayFeeSatPerKvB, defaultWallet);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final RegtestDataDir dataDir;
  private final String expectedAuth;
  private final RegtestNode node;
  private final ObjectMapper json;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private EmbeddedRegtestNode(
      HttpServer server, RegtestDataDir dataDir, String cookie, Config config) {
    this.json = new ObjectMapper();
    json.setNodeFactory(TxJson.F);
    json.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    json.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    this.server = server;
    this.dataDir = dataDir;
    this.expectedAuth =
        "Basic " + Base64.getEncoder().encodeToString(cookie.getBytes(StandardCharsets.US_ASCII));
    this.node = new RegtestNode(config, Clock.systemUTC());
    this.executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "regtest-rpc");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    LOG.info("embedded regtest node listening on {} (cookie {})", url(), cookieFile());
  }

  /**
   * Starts a node on 127.0.0.1.
   *
   * @param port TCP port, 0 for an ephemeral one
   * @param dataDir directory for the cookie file (created if missing)
   */
  public static EmbeddedRegtestNode start(int port, Path dataDir) {
    return start(port, dataDir, Config.defaults());
  }

  /**
   * Starts a node on 127.0.0.1 as bitcoind does: locks {@code <dataDir>/regtest}, binds the port,
   * and only then writes the cookie, so a start that fails (port taken, directory in use) leaves
   * any running node's cookie alone and no cookie of its own.
   *
   * @throws RegtestStartException naming the port or directory that is in use or not writable
   */
  public static EmbeddedRegtestNode start(int port, Path dataDir, Config config) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    RegtestDataDir dir = RegtestDataDir.lock(dataDir);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    } catch (IOException e) {
      dir.close();
      boolean inUse = e instanceof BindException;
      throw new RegtestStartException(
          inUse ? RegtestStartException.Reason.PORT_IN_USE : RegtestStartException.Reason.IO,
          "cannot listen on 127.0.0.1:"
              + port
              + ": "
              + e.getMessage()
              + (inUse ? " (another regtest node or bitcoind is using port " + port + ")" : ""),
          e);
    }
    try {
      return new EmbeddedRegtestNode(server, dir, dir.writeCookie(), config);
    } catch (RuntimeException e) {
      server.stop(0);
      dir.close();
      throw e;
    }
  }

  /** The RPC endpoint, {@code http://127.0.0.1:PORT/}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The cookie file ({@code __cookie__:<64 hex>}) for HTTP Basic authentication. */
  public Path cookieFile() {
    return dataDir.cookieFile();
  }

  /**
   * Stops the server, deletes the cookie file and releases the data directory, as Core does on
   * shutdown. Idempotent.
   */
  public synchronized void stop() {
    if (stopped.getCount() == 0) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
    dataDir.close();
    stopped.countDown();
  }

  @Override
  public void close() {
    stop();
  }

  /** Blocks until {@link #stop()} (or the {@code stop} RPC). */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /**
   * Runs a node until the thread is interrupted, the JVM shuts down or the {@code stop} RPC is
   * called; prints the URL and cookie path first. The entry point for {@code frostgate regtest}.
   */
  public static void runUntilInterrupted(int port, Path dataDir, Config config, PrintStream out)
      throws InterruptedException {
    EmbeddedRegtestNode n = start(port, dataDir, config);
    Thread hook = new Thread(n::stop, "regtest-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("regtest RPC url: " + n.url());
    out.println("regtest cookie:  " + n.cookieFile());
    out.println("regtest data:    " + dataDir.toAbsolutePath().normalize());
    out.flush();
    try {
      n.awaitStop();
    } finally {
      n.stop();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down
      }
    }
  }

  /**
   * Where a node keeps its data when no directory is given: the user's data directory, never the
   * working directory (which is often a source checkout): {@code
   * $XDG_DATA_HOME/frostgate/regtest-node}, by default {@code
   * ~/.local/share/frostgate/regtest-node}; on macOS {@code ~/Library/Application
   * Support/frostgate/regtest-node}; on Windows {@code %LOCALAPPDATA%\frostgate\regtest-node}.
   */
  public static Path defaultDataDir() {
    // $HOME as the XDG spec and other tools read it (the JVM's user.home ignores it on Linux).
    String home = System.getenv("HOME");
    return defaultDataDir(
        System::getenv,
        System.getProperty("os.name", ""),
        home != null && Path.of(home).isAbsolute()
            ? Path.of(home)
            : Path.of(System.getProperty("user.home")));
  }

  /** {@link #defaultDataDir()} for the given environment, operating system name and home. */
  public static Path defaultDataDir(
      java.util.function.UnaryOperator<String> env, String osName, Path home) {
    String xdg = env.apply("XDG_DATA_HOME");
    String localAppData = env.apply("LOCALAPPDATA");
    Path base;
    if (xdg != null && Path.of(xdg).isAbsolute()) {
      base = Path.of(xdg);
    } else if (osName.startsWith("Mac")) {
      base = home.resolve("Library").resolve("Application Support");
    } else if (osName.startsWith("Windows") && localAppData != null && !localAppData.isBlank()) {
      base = Path.of(localAppData);
    } else {
      base = home.resolve(".local").resolve("share");
    }
    return base.resolve("frostgate").resolve("regtest-node");
  }

  /** {@code [--port N] [--datadir DIR] [--feerate SAT_PER_VB]}. */
  public static void main(String[] args) throws InterruptedException {
    int port = 18443;
    Path dir = defaultDataDir();
    Config config = Config.defaults();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--datadir" -> dir = Path.of(args[++i]);
        case "--feerate" -> config = config.withSmartFee(Long.parseLong(args[++i]) * 1000);
        default -> {
          System.err.println("usage: [--port N] [--datadir DIR] [--feerate SAT_PER_VB]");
          System.exit(2);
        }
      }
    }
    runUntilInterrupted(port, dir, config, System.out);
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange ex) throws IOException {
    boolean stopAfterReply = false;
    try (ex) {
      if (!"POST".equals(ex.getRequestMethod())) {
        send(
            ex,
            405,
            "JSONRPC server handles only POST requests".getBytes(StandardCharsets.UTF_8),
            "text/plain");
        return;
      }
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (auth == null
          || !MessageDigest.isEqual(
              auth.trim().getBytes(StandardCharsets.US_ASCII),
              expectedAuth.getBytes(StandardCharsets.US_ASCII))) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"jsonrpc\"");
        send(ex, 401, new byte[0], "text/html");
        return;
      }
      String path = ex.getRequestURI().getRawPath();
      Optional<String> wallet = Optional.empty();
      if (path.startsWith("/wallet/")) {
        wallet = Optional.of(URLDecoder.decode(path.substring(8), StandardCharsets.UTF_8));
      } else if (!path.equals("/") && !path.isEmpty()) {
        send(ex, 404, new byte[0], "text/plain");
        return;
      }
      JsonNode request;
      try (InputStream in = ex.getRequestBody()) {
        request = json.readTree(in);
      } catch (IOException | NumberFormatException e) {
        // NumberFormatException: a number Jackson cannot make a BigDecimal of (1e47685035762).
        ObjectNode err =
            error(NullNode.getInstance(), false, RpcErrorCode.RPC_PARSE_ERROR, "Parse error");
        send(ex, 500, json.writeValueAsBytes(err), "application/json");
        return;
      }
      if (request != null && request.isArray()) {
        ArrayNode out = json.createArrayNode();
        for (JsonNode r : request) {
          Reply reply = execute(r, wallet);
          out.add(reply.body);
          stopAfterReply |= reply.stop;
        }
        send(ex, 200, json.writeValueAsBytes(out), "application/json");
      } else {
        Reply reply = execute(request, wallet);
        stopAfterReply = reply.stop;
        send(ex, reply.status, json.writeValueAsBytes(reply.body), "application/json");
      }
    } catch (RuntimeException e) {
      LOG.warn("RPC handler failed", e);
    }
    if (stopAfterReply) {
      // As Core: answer "Bitcoin Core stopping" first (the exchange is closed, the answer sent),
      // then shut down, from another thread since stopping interrupts this handler's pool.
      new Thread(this::stop, "regtest-stop").start();
    }
  }

  /** An answer; {@code stop} when it answers a successful {@code stop} call. */
  private record Reply(int status, ObjectNode body, boolean stop) {
    Reply(int status, ObjectNode body) {
      this(status, body, false);
    }
  }

  private Reply execute(JsonNode req, Optional<String> wallet) {
    JsonNode id = req != null && req.has("id") ? req.get("id") : NullNode.getInstance();
    boolean v2 = req != null && "2.0".equals(req.path("jsonrpc").asText());
    if (req == null || !req.isObject() || !req.path("method").isTextual()) {
      return new Reply(400, error(id, v2, RpcErrorCode.RPC_INVALID_REQUEST, "Missing method"));
    }
    try {
      JsonNode result = node.call(req.get("method").asText(), req.get("params"), wallet);
      ObjectNode o = json.createObjectNode();
      if (v2) {
        o.put("jsonrpc", "2.0");
        o.set("result", result);
      } else {
        o.set("result", result);
        o.putNull("error");
      }
      o.set("id", id);
      return new Reply(200, o, "stop".equals(req.get("method").asText()));
    } catch (RpcErrorReply e) {
      int status =
          v2
              ? 200
              : e.code() == RpcErrorCode.RPC_INVALID_REQUEST
                  ? 400
                  : e.code() == RpcErrorCode.RPC_METHOD_NOT_FOUND ? 404 : 500;
      return new Reply(status, error(id, v2, e.code(), e.getMessage()));
    } catch (RuntimeException e) {
      LOG.warn("RPC {} failed", req.get("method").asText(), e);
      return new Reply(
          v2 ? 200 : 500,
          error(id, v2, RpcErrorCode.RPC_MISC_ERROR, String.valueOf(e.getMessage())));
    }
  }

  private ObjectNode error(JsonNode id, boolean v2, RpcErrorCode code, String message) {
    ObjectNode o = json.createObjectNode();
    if (v2) {
      o.put("jsonrpc", "2.0");
    } else {
      o.putNull("result");
    }
    ObjectNode err = o.putObject("error");
    err.put("code", code.code());
    err.put("message", message);
    o.set("id", id);
    return o;
  }

  private static void send(HttpExchange ex, int status, byte[] body, String type)
      throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
  }

  /** The node behind the server, for in-package tests and benchmarks. */
  RegtestNode node() {
    return node;
  }
}
