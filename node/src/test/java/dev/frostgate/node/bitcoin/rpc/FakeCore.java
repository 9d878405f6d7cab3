package dev.frostgate.node.bitcoin.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A tiny HTTP server on loopback, scripted per test to answer like Bitcoin Core. Each request is
 * recorded; answers are taken from a queue of scripted handlers (the last one repeats).
 */
final class FakeCore implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** A request as the server saw it. */
  record Request(
      String path, String authorization, String contentType, JsonNode body, String text) {
    String method() {
      return body.path("method").asText();
    }

    JsonNode params() {
      return body.path("params");
    }
  }

  /** An answer; {@code hang} > 0 sleeps before answering. */
  record Answer(int status, String body, Duration hang) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final Deque<Function<Request, Answer>> script = new ArrayDeque<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  FakeCore() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-core");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** Appends handlers to the script. */
  @SafeVarargs
  final FakeCore then(Function<Request, Answer>... handlers) {
    synchronized (script) {
      script.addAll(List.of(handlers));
    }
    return this;
  }

  // ---- Core-shaped answers

  static Function<Request, Answer> result(String resultJson) {
    return r -> new Answer(200, reply(r, resultJson, "null"), Duration.ZERO);
  }

  /** Core 27 (JSON-RPC 1.0 framing): HTTP 500 (404 for unknown method) with an error object. */
  static Function<Request, Answer> error(int code, String message) {
    int status = code == -32601 ? 404 : code == -32600 ? 400 : 500;
    return r ->
        new Answer(
            status,
            reply(r, "null", "{\"code\":" + code + ",\"message\":" + quote(message) + "}"),
            Duration.ZERO);
  }

  static Function<Request, Answer> raw(int status, String body) {
    return r -> new Answer(status, body, Duration.ZERO);
  }

  static Function<Request, Answer> hang(Duration d) {
    return r -> new Answer(200, reply(r, "1", "null"), d);
  }

  static String reply(Request r, String result, String error) {
    return "{\"result\":" + result + ",\"error\":" + error + ",\"id\":" + r.body().path("id") + "}";
  }

  static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] in = ex.getRequestBody().readAllBytes();
      JsonNode body;
      try {
        body = JSON.readTree(in);
      } catch (IOException e) {
        body = JSON.createObjectNode();
      }
      Request req =
          new Request(
              ex.getRequestURI().getRawPath(),
              ex.getRequestHeaders().getFirst("Authorization"),
              ex.getRequestHeaders().getFirst("Content-Type"),
              body,
              new String(in, StandardCharsets.UTF_8));
      requests.add(req);
      Function<Request, Answer> handler;
      synchronized (script) {
        handler = script.size() > 1 ? script.poll() : script.peek();
      }
      Answer a = handler == null ? new Answer(500, "no script", Duration.ZERO) : handler.apply(req);
      if (a.hang().isPositive()) {
        try {
          Thread.sleep(a.hang().toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
      byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(out);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
