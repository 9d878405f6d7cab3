package dev.frostgate.node.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.node.config.HostPort;
import dev.frostgate.node.metrics.ValidatorMetrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validator's minimal HTTP API (Javalin): {@code POST /api/v1/signing/request} (bearer token,
 * compared in constant time; body at most {@link #MAX_BODY} bytes, else 413; every field checked,
 * else 400 naming it), {@code GET /api/v1/status} and {@code GET /health}. The full API (OpenAPI,
 * WebSocket) is issue 13; {@link #metrics} serves Prometheus on its own port.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The largest request body accepted. */
  public static final int MAX_BODY = 64 * 1024;

  /** What the API does with an accepted request: store it durably; false if already stored. */
  public interface RequestSink {
    boolean accept(SpendRequest request);
  }

  /** More routes on the API port (the live surface: {@code /ws}, the dashboard), added at start. */
  public interface Routes {
    void addTo(Javalin app);
  }

  private final Javalin app;

  private ApiServer(Javalin app) {
    this.app = app;
  }

  /**
   * Starts the server on {@code listen}.
   *
   * @param token the bearer token (its SHA-256 is kept, never the text in a log)
   * @throws io.javalin.util.JavalinBindException if the port is taken
   */
  public static ApiServer start(
      HostPort listen,
      String token,
      Network network,
      RequestSink sink,
      Supplier<NodeStatus> status) {
    return start(listen, token, network, sink, status, List.of());
  }

  /**
   * As {@link #start(HostPort, String, Network, RequestSink, Supplier)}, with {@code more} routes.
   */
  public static ApiServer start(
      HostPort listen,
      String token,
      Network network,
      RequestSink sink,
      Supplier<NodeStatus> status,
      List<Routes> more) {
    Objects.requireNonNull(token, "token");
    byte[] tokenHash = Hashes.sha256(token.getBytes(StandardCharsets.UTF_8));
    Javalin app =
        Javalin.create(
            c -> {
              c.showJavalinBanner = false;
              c.startupWatcherEnabled = false;
              c.http.maxRequestSize = MAX_BODY;
            });
    app.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
    app.get("/api/v1/status", ctx -> json(ctx, HttpStatus.OK, statusJson(status.get())));
    app.post(
        "/api/v1/signing/request",
        ctx -> {
          if (!authorized(ctx.header("Authorization"), tokenHash)) {
            json(
                ctx,
                HttpStatus.UNAUTHORIZED,
                error("Authorization", "missing or wrong bearer token"));
            return;
          }
          long declared = ctx.contentLength();
          if (declared > MAX_BODY) {
            json(
                ctx,
                HttpStatus.CONTENT_TOO_LARGE,
                error("body", "larger than " + MAX_BODY + " bytes"));
            return;
          }
          byte[] body = ctx.bodyAsBytes();
          if (body.length > MAX_BODY) {
            json(
                ctx,
                HttpStatus.CONTENT_TOO_LARGE,
                error("body", "larger than " + MAX_BODY + " bytes"));
            return;
          }
          SpendRequest r;
          boolean added;
          try {
            r = SpendRequestJson.parse(body, network, System.currentTimeMillis());
            added = sink.accept(r);
          } catch (BadRequestException e) {
            json(ctx, HttpStatus.BAD_REQUEST, error(e.field(), e.getMessage()));
            return;
          }
          log.info("request {} {}", r.id().value(), added ? "accepted" : "already stored");
          ObjectNode o = JSON.createObjectNode();
          o.put("request_id", r.id().value());
          o.put("status", added ? "accepted" : "already stored");
          json(ctx, added ? HttpStatus.ACCEPTED : HttpStatus.OK, o);
        });
    app.exception(
        io.javalin.http.HttpResponseException.class,
        (e, ctx) -> {
          HttpStatus s = HttpStatus.forStatus(e.getStatus());
          json(ctx, s, error("body", s.getMessage()));
        });
    more.forEach(r -> r.addTo(app));
    app.start(listen.host(), listen.port());
    return new ApiServer(app);
  }

  /**
   * Starts the metrics listener ({@code [monitoring] metrics_port}): {@code GET /metrics} only, in
   * Prometheus text format (deploy/prometheus/alerts.yml is written against its names). Apart from
   * the API so that Prometheus can be let in without reaching the API.
   *
   * @throws io.javalin.util.JavalinBindException if the port is taken
   */
  public static ApiServer metrics(HostPort listen, Supplier<String> scrape) {
    Javalin app =
        Javalin.create(
            c -> {
              c.showJavalinBanner = false;
              c.startupWatcherEnabled = false;
            });
    app.get("/metrics", ctx -> ctx.contentType(ValidatorMetrics.CONTENT_TYPE).result(scrape.get()));
    app.start(listen.host(), listen.port());
    return new ApiServer(app);
  }

  /** The port the server is bound to. */
  public int port() {
    return app.port();
  }

  /** Stops accepting requests and closes the listener. */
  @Override
  public void close() {
    app.stop();
  }

  /** Whether the Authorization header carries the token: hashes compared in constant time. */
  static boolean authorized(String header, byte[] tokenHash) {
    String prefix = "Bearer ";
    String given =
        header != null && header.regionMatches(true, 0, prefix, 0, prefix.length())
            ? header.substring(prefix.length()).trim()
            : "";
    return MessageDigest.isEqual(Hashes.sha256(given.getBytes(StandardCharsets.UTF_8)), tokenHash);
  }

  private static ObjectNode error(String field, String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("field", field);
    o.put("error", message);
    return o;
  }

  private static void json(Context ctx, HttpStatus status, ObjectNode body) {
    ctx.status(status).contentType("application/json").result(body.toString());
  }

  static ObjectNode statusJson(NodeStatus s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("validator", s.validator());
    o.put("state", s.state());
    s.groupKey().ifPresent(k -> o.put("group_key", k));
    s.xpub().ifPresent(x -> o.put("xpub", x));
    var peers = o.putArray("peers_connected");
    s.peersConnected().stream().sorted().forEach(peers::add);
    var open = o.putArray("requests_open");
    s.openRequests().forEach(open::add);
    ObjectNode done = o.putObject("requests_signed");
    s.signed().forEach(done::put);
    return o;
  }
}
