package dev.frostgate.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.frostgate.node.config.HostPort;
import dev.frostgate.node.logging.LogContext;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP server's threads work with the validator id of the thread that started it in the MDC,
 * and Javalin writes no startup lines (its version notice among them) at info.
 */
class ApiServerLogContextTest {
  final Logger javalin = (Logger) LoggerFactory.getLogger("io.javalin");
  final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  Level before;

  @BeforeEach
  void capture() {
    before = javalin.getLevel();
    javalin.setLevel(Level.INFO);
    lines.start();
    javalin.addAppender(lines);
  }

  @AfterEach
  void release() {
    javalin.detachAppender(lines);
    javalin.setLevel(before);
  }

  @Test
  void requestsAreServedWithTheValidatorIdAndJavalinLogsNoVersionNotice() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ApiServer server;
    try (MDC.MDCCloseable id = LogContext.validator(7)) {
      server =
          ApiServer.metrics(
              new HostPort("127.0.0.1", port),
              () -> {
                seen.set(MDC.get(LogContext.VALIDATOR));
                return "";
              });
    }
    try (server;
        HttpClient http = HttpClient.newHttpClient()) {
      assertThat(MDC.get(LogContext.VALIDATOR)).as("the caller's MDC is its own again").isNull();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(seen.get()).isEqualTo("7");
    }
    List<String> info =
        lines.list.stream()
            .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
            .map(ILoggingEvent::getFormattedMessage)
            .toList();
    assertThat(info).noneMatch(m -> m.contains("Javalin") && m.contains("version"));
    assertThat(info).noneMatch(m -> m.contains("You are running Javalin"));
  }
}
