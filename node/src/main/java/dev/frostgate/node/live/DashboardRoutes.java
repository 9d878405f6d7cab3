package dev.frostgate.node.live;

import dev.frostgate.node.api.ApiServer;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The live routes on the API port: the dashboard page at {@code /} and {@code /dashboard} (plain
 * HTML, CSS and JavaScript from this jar's resources, no framework, nothing fetched from
 * elsewhere), its summary {@code GET /api/v1/dashboard}, and the WebSocket {@code /ws}.
 */
public final class DashboardRoutes implements ApiServer.Routes {
  private final LiveService live;
  private final String html = resource("index.html");
  private final String script = resource("app.js");
  private final String style = resource("style.css");

  public DashboardRoutes(LiveService live) {
    this.live = live;
  }

  @Override
  public void addTo(Javalin app, ApiServer.Reads reads) {
    reads.get("/", this::page);
    reads.get("/dashboard", this::page);
    reads.get(
        "/dashboard/app.js",
        ctx -> ctx.contentType("text/javascript; charset=utf-8").result(script));
    reads.get(
        "/dashboard/style.css", ctx -> ctx.contentType("text/css; charset=utf-8").result(style));
    reads.get(
        "/api/v1/dashboard",
        ctx -> ctx.contentType("application/json").result(live.dashboard().toString()));
    WsHub hub = live.hub();
    app.wsBeforeUpgrade("/ws", reads.check());
    app.ws(
        "/ws",
        ws -> {
          ws.onConnect(
              ctx -> {
                // Pings keep an idle subscription open past Jetty's idle timeout.
                ctx.enableAutomaticPings();
                hub.connected(
                    ctx.sessionId(),
                    new WsHub.Connection() {
                      @Override
                      public void send(String text) {
                        ctx.send(text);
                      }

                      @Override
                      public void close(int code, String reason) {
                        ctx.closeSession(code, reason);
                      }
                    });
              });
          ws.onMessage(ctx -> hub.received(ctx.sessionId(), ctx.message()));
          ws.onBinaryMessage(ctx -> hub.binaryReceived(ctx.sessionId()));
          ws.onClose(ctx -> hub.disconnected(ctx.sessionId()));
          ws.onError(ctx -> hub.disconnected(ctx.sessionId()));
        });
  }

  private void page(Context ctx) {
    ctx.contentType("text/html; charset=utf-8").result(html);
  }

  private static String resource(String name) {
    String path = "/dashboard/" + name;
    try (InputStream in = DashboardRoutes.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("resource " + path + " is missing from the node jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("resource " + path, e);
    }
  }
}
