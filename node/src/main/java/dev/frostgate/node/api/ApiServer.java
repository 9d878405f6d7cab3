package dev.frostgate.node.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.signing.SessionProgress;
import dev.frostgate.node.config.HostPort;
import dev.frostgate.node.metrics.ValidatorMetrics;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.util.JavalinLogger;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The validator's HTTP API (Javalin), every route documented in {@code api/openapi.json} (served
 * verbatim at {@link #OPENAPI}; {@code ApiDocumentTest} fails when a route is served without
 * documentation). Mutating routes need the bearer token (compared in constant time); with {@code
 * [api] read_loopback_only} the read routes answer loopback clients only. Every error is one JSON
 * shape ({@link ApiJson#error}): a body over {@link #MAX_BODY} bytes is 413, a malformed body, a
 * wrong type, an unknown or a missing field 400 naming the field, an unknown route 404, a wrong
 * method 405. {@link #metrics} serves Prometheus on its own port.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The largest request body accepted. */
  public static final int MAX_BODY = 64 * 1024;

  /** Where the OpenAPI document is served, and the resource it is read from. */
  public static final String OPENAPI = "/api/v1/openapi.json";

  static final String OPENAPI_RESOURCE = "/api/openapi.json";

  /** A dotted IPv4 address or an IPv6 literal (with a colon): parsed without a name lookup. */
  private static final String IP_LITERAL =
      "\\d{1,3}(\\.\\d{1,3}){3}|\\[?[0-9a-fA-F.]*:[0-9a-fA-F:.]*(%[\\w.]+)?]?";

  /** How long a read that the event loop answers may wait for it. */
  private static final long LOOP_WAIT_SECONDS = 10;

  /** What the API does with an accepted request: store it durably; false if already stored. */
  public interface RequestSink {
    boolean accept(SpendRequest request);
  }

  /**
   * More routes on the API port (the live surface: {@code /ws}, the dashboard), added at start;
   * their reads go through {@code reads} so that {@code [api] read_loopback_only} holds for them
   * too.
   */
  public interface Routes {
    void addTo(Javalin app, Reads reads);
  }

  /** Adds read routes under the API's access rule for reads. */
  public interface Reads {
    void get(String path, Handler handler);

    /** The read check alone (e.g. before a WebSocket upgrade). */
    Handler check();
  }

  /**
   * How the API listens.
   *
   * @param readLoopbackOnly whether the read routes answer loopback clients only
   */
  public record Settings(HostPort listen, boolean readLoopbackOnly) {
    public Settings {
      Objects.requireNonNull(listen, "listen");
    }
  }

  private final Javalin app;
  private final Set<String> routes;

  private ApiServer(Javalin app, Set<String> routes) {
    this.app = app;
    this.routes = Collections.unmodifiableSet(routes);
  }

  /**
   * Starts the server.
   *
   * @param token the bearer token (its SHA-256 is kept, never the text in a log)
   * @throws io.javalin.util.JavalinBindException if the port is taken
   */
  public static ApiServer start(
      Settings settings,
      String token,
      Network network,
      RequestSink sink,
      Supplier<NodeStatus> status,
      ApiView view,
      ActionStatus.Lookup actions,
      List<Routes> more) {
    Objects.requireNonNull(token, "token");
    byte[] tokenHash = Hashes.sha256(token.getBytes(StandardCharsets.UTF_8));
    byte[] openapi = openapiDocument();
    Set<String> routes = new TreeSet<>();
    Javalin app =
        Javalin.create(
            c -> {
              quiet(c);
              c.http.maxRequestSize = MAX_BODY;
              c.http.prefer405over404 = true;
              c.events.handlerAdded(
                  h -> {
                    if (h.getHttpMethod().isHttpMethod()) {
                      routes.add(h.getHttpMethod() + " " + h.getPath());
                    }
                  });
            });
    Access access = new Access(settings.readLoopbackOnly(), tokenHash);

    access.read(app, "/health", ctx -> health(ctx, status.get(), view));
    access.read(
        app, "/api/v1/status", ctx -> ok(ctx, ApiJson.status(status.get(), view, uptimeSeconds())));
    access.read(
        app,
        "/api/v1/key_share/public",
        ctx -> ok(ctx, ApiJson.keyShare(view.keyShare().orElseThrow(ApiServer::notReady))));
    access.read(app, "/api/v1/signing/session/{id}", ctx -> session(ctx, view));
    access.read(app, "/api/v1/validators", ctx -> ok(ctx, ApiJson.validators(view)));
    access.read(app, "/api/v1/exclusions", ctx -> ok(ctx, ApiJson.exclusions(view.exclusions())));
    access.read(app, "/api/v1/spend_locks", ctx -> ok(ctx, ApiJson.spendLocks(view.spendLocks())));
    access.read(
        app, "/api/v1/journal/summary", ctx -> ok(ctx, ApiJson.journal(view.journalCounts())));
    access.read(
        app,
        "/api/v1/dkg/certificate",
        ctx ->
            ok(ctx, ApiJson.certificate(view.dkgCertificate().orElseThrow(ApiServer::notReady))));
    access.read(app, "/api/v1/action/status/{request_id}", ctx -> actionStatus(ctx, actions));
    access.read(app, OPENAPI, ctx -> ctx.contentType("application/json").result(openapi.clone()));

    access.write(
        app,
        "/api/v1/signing/request",
        ctx -> {
          SpendRequest r = SpendRequestJson.parse(body(ctx), network, System.currentTimeMillis());
          boolean added = accept(sink, r);
          ObjectNode o = JSON.createObjectNode();
          o.put("request_id", r.id().value());
          o.put("status", added ? "accepted" : "already stored");
          json(ctx, added ? HttpStatus.ACCEPTED : HttpStatus.OK, o);
        });
    access.write(
        app,
        "/api/v1/action/initiate",
        ctx -> {
          SpendRequest r =
              SpendRequestJson.parseAction(body(ctx), network, System.currentTimeMillis());
          boolean added = accept(sink, r);
          json(
              ctx,
              added ? HttpStatus.ACCEPTED : HttpStatus.OK,
              ApiJson.initiated(r.id(), added, view.firstLeader(r.id())));
        });

    app.exception(ApiException.class, (e, ctx) -> json(ctx, e.status(), e.body()));
    app.exception(
        BadRequestException.class,
        (e, ctx) ->
            json(
                ctx,
                HttpStatus.BAD_REQUEST,
                ApiJson.error("bad_request", e.problem(), Optional.of(e.field()))));
    app.exception(
        io.javalin.http.HttpResponseException.class,
        (e, ctx) -> {
          HttpStatus s = HttpStatus.forStatus(e.getStatus());
          json(ctx, s, ApiJson.forStatus(s, ctx.method().name(), ctx.path()));
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          // The cause goes to the log (no request data in it); the client learns only the route.
          log.warn("{} {} failed: {}", ctx.method(), ctx.matchedPath(), e.toString());
          json(
              ctx,
              HttpStatus.INTERNAL_SERVER_ERROR,
              ApiJson.error(
                  "internal", "the validator could not answer; see its log", Optional.empty()));
        });
    more.forEach(r -> r.addTo(app, access.reads(app)));
    app.start(settings.listen().host(), settings.listen().port());
    return new ApiServer(app, routes);
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
    return new ApiServer(app, Set.of("GET /metrics"));
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

  /** The routes served, as {@code METHOD /path} with Javalin's {@code {param}} syntax. */
  public Set<String> routes() {
    return routes;
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

  /** Whether a client address is loopback (127.0.0.0/8, ::1); only an IP literal is parsed. */
  static boolean isLoopback(String remoteAddress) {
    if (remoteAddress == null || !remoteAddress.matches(IP_LITERAL)) {
      return false; // Jetty gives an IP literal; anything else is not trusted, never resolved
    }
    try {
      return InetAddress.getByName(remoteAddress.replace("[", "").replace("]", ""))
          .isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Who may call what: reads (loopback only when configured), writes (the bearer token). */
  private record Access(boolean readLoopbackOnly, byte[] tokenHash) {
    Reads reads(Javalin app) {
      return new Reads() {
        @Override
        public void get(String path, Handler handler) {
          read(app, path, handler);
        }

        @Override
        public Handler check() {
          return ctx -> readAllowed(ctx);
        }
      };
    }

    void readAllowed(Context ctx) {
      if (readLoopbackOnly && !isLoopback(ctx.req().getRemoteAddr())) {
        throw new ApiException(
            HttpStatus.FORBIDDEN,
            ApiJson.error(
                "forbidden",
                "read endpoints answer loopback clients only ([api] read_loopback_only)",
                Optional.empty()));
      }
    }

    void read(Javalin app, String path, Handler handler) {
      app.get(
          path,
          ctx -> {
            readAllowed(ctx);
            handler.handle(ctx);
          });
    }

    void write(Javalin app, String path, Handler handler) {
      app.post(
          path,
          ctx -> {
            if (!authorized(ctx.header("Authorization"), tokenHash)) {
              throw new ApiException(
                  HttpStatus.UNAUTHORIZED,
                  ApiJson.error(
                      "unauthorized",
                      "missing or wrong bearer token",
                      Optional.of("Authorization")));
            }
            handler.handle(ctx);
          });
    }
  }

  /** An error answer a handler throws: its status and body. */
  static final class ApiException extends RuntimeException {
    private final HttpStatus status;
    private final ObjectNode body;

    ApiException(HttpStatus status, ObjectNode body) {
      super(status.getMessage(), null, false, false);
      this.status = status;
      this.body = body;
    }

    HttpStatus status() {
      return status;
    }

    ObjectNode body() {
      return body;
    }
  }

  private static ApiException notReady() {
    return new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE,
        ApiJson.error(
            "not_ready", "the DKG has not completed on this validator yet", Optional.empty()));
  }

  private static byte[] body(Context ctx) {
    String tooLarge = "larger than " + MAX_BODY + " bytes";
    if (ctx.contentLength() > MAX_BODY) {
      throw new ApiException(
          HttpStatus.CONTENT_TOO_LARGE,
          ApiJson.error("payload_too_large", tooLarge, Optional.of("body")));
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length > MAX_BODY) {
      throw new ApiException(
          HttpStatus.CONTENT_TOO_LARGE,
          ApiJson.error("payload_too_large", tooLarge, Optional.of("body")));
    }
    return body;
  }

  private static boolean accept(RequestSink sink, SpendRequest r) {
    boolean added = sink.accept(r);
    log.info("request {} {}", r.id().value(), added ? "accepted" : "already stored");
    return added;
  }

  private static void health(Context ctx, NodeStatus status, ApiView view) {
    ObjectNode body = ApiJson.health(status, view);
    boolean healthy = "healthy".equals(body.path("status").asText());
    json(ctx, healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE, body);
  }

  private static void session(Context ctx, ApiView view) throws InterruptedException {
    RequestId id = SpendRequestJson.requestId(ctx.pathParam("id"), "id");
    Optional<SessionProgress> p;
    try {
      p = view.session(id).get(LOOP_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          ApiJson.error("busy", "the event loop did not answer in time; retry", Optional.empty()));
    }
    ok(
        ctx,
        ApiJson.session(
            p.orElseThrow(
                () ->
                    new ApiException(
                        HttpStatus.NOT_FOUND,
                        ApiJson.error(
                            "not_found",
                            "no request with this id on this validator",
                            Optional.of("id"))))));
  }

  private static long uptimeSeconds() {
    return ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
  }

  private static byte[] openapiDocument() {
    try (InputStream in = ApiServer.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + OPENAPI_RESOURCE, e);
    }
  }

  private static void ok(Context ctx, ObjectNode body) {
    json(ctx, HttpStatus.OK, body);
  }

  private static void json(Context ctx, HttpStatus status, ObjectNode body) {
    ctx.status(status).contentType("application/json").result(body.toString());
  }

  private static void actionStatus(Context ctx, ActionStatus.Lookup actions) {
    String id = ctx.pathParam("request_id");
    Optional<ActionStatus> found;
    try {
      found = actions.find(id);
    } catch (ActionStatus.Unavailable e) {
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          ApiJson.error("unavailable", e.getMessage(), Optional.of("confirmations")));
    }
    ok(
        ctx,
        ApiJson.action(
            found.orElseThrow(
                () ->
                    new ApiException(
                        HttpStatus.NOT_FOUND,
                        ApiJson.error(
                            "not_found",
                            "no request with this id on this validator",
                            Optional.of("request_id"))))));
  }
}
