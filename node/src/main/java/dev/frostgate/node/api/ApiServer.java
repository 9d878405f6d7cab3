package dev.frostgate.node.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.node.config.HostPort;
import dev.frostgate.node.metrics.ValidatorMetrics;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.util.JavalinLogger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

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
    return start(listen, token, network, sink, status, id -> Optional.empty(), List.of());
  }

  /**
   * As above, with {@code GET /api/v1/action/status/{request_id}} (one request's state from {@code
   * actions}, or 404 with the error body if this validator has no such request) and {@code more}
   * routes (the dashboard and its WebSocket).
   */
  public static ApiServer start(
      HostPort listen,
      String token,
      Network network,
      RequestSink sink,
      Supplier<NodeStatus> status,
      ActionStatus.Lookup actions,
      List<Routes> more) {
    Objects.requireNonNull(token, "token");
    byte[] tokenHash = Hashes.sha256(token.getBytes(StandardCharsets.UTF_8));
    Javalin app =
        Javalin.create(
            c -> {
              quiet(c);
              c.http.maxRequestSize = MAX_BODY;
            });
    app.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
    app.get("/api/v1/status", ctx -> json(ctx, HttpStatus.OK, statusJson(status.get())));
    app.get(
        "/api/v1/action/status/{request_id}",
        ctx -> {
          String id = ctx.pathParam("request_id");
          java.util.Optional<ActionStatus> found;
          try {
            found = actions.find(id);
          } catch (ActionStatus.Unavailable e) {
            json(ctx, HttpStatus.SERVICE_UNAVAILABLE, error("confirmations", e.getMessage()));
            return;
          }
          found.ifPresentOrElse(
              a -> json(ctx, HttpStatus.OK, actionJson(a)),
              () ->
                  json(
                      ctx,
                      HttpStatus.NOT_FOUND,
                      error("request_id", "no request with this id on this validator")));
        });
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
    Javalin app = Javalin.create(ApiServer::quiet);
    app.get("/metrics", ctx -> ctx.contentType(ValidatorMetrics.CONTENT_TYPE).result(scrape.get()));
    app.start(listen.host(), listen.port());
    return new ApiServer(app);
  }

  /**
   * No banner, no startup watcher and no startup lines (Javalin's version notice among them: the
   * validator logs its own listening line); Jetty's threads log with the MDC of the thread that
   * starts the server, so their lines carry the validator id like the event loop's.
   */
  private static void quiet(JavalinConfig c) {
    JavalinLogger.startupInfo = false;
    c.showJavalinBanner = false;
    c.startupWatcherEnabled = false;
    Map<String, String> mdc = Optional.ofNullable(MDC.getCopyOfContextMap()).orElse(Map.of());
    QueuedThreadPool threads =
        new QueuedThreadPool(250, 8, 60_000) {
          @Override
          public Thread newThread(Runnable runnable) {
            return super.newThread(
                () -> {
                  MDC.setContextMap(mdc);
                  runnable.run();
                });
          }
        };
    threads.setName("frostgate-http");
    c.jetty.threadPool = threads;
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

  static ObjectNode actionJson(ActionStatus a) {
    ObjectNode o = JSON.createObjectNode();
    o.put("request_id", a.requestId());
    o.put("session_id", a.sessionId());
    o.put("status", a.state().wire());
    a.txid().ifPresent(t -> o.put("bitcoin_txid", t));
    a.confirmations().ifPresent(c -> o.put("confirmations", c));
    return o;
  }

  static ObjectNode statusJson(NodeStatus s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("validator", s.validator());
    o.put("state", s.state());
    s.stateReason().ifPresent(r -> o.put("state_reason", r));
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
