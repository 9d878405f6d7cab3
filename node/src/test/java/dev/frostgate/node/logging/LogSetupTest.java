package dev.frostgate.node.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogSetupTest {
  private static final Logger LOG = LoggerFactory.getLogger(LogSetupTest.class);

  @TempDir Path dir;

  @AfterEach
  void quietAgain() {
    LogSetup.reset();
  }

  @Test
  void jsonLinesCarryTheIdsOfTheLogContext() throws IOException {
    Path file = dir.resolve("validator-3.log");
    LogSetup.configure(new LogSettings("info", LogFormat.JSON, Optional.of(file)));
    try (var v = LogContext.validator(3);
        var s = LogContext.session("ab12")) {
      LOG.info("round 1 sent to {} peers", 14);
      LOG.debug("not written at info");
    }
    LOG.warn("outside the context");

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(lines.get(0));
    assertThat(first.path("level").asText()).isEqualTo("INFO");
    assertThat(first.path("formattedMessage").asText()).isEqualTo("round 1 sent to 14 peers");
    assertThat(first.path("mdc").path("validator").asText()).isEqualTo("3");
    assertThat(first.path("mdc").path("session").asText()).isEqualTo("ab12");
    JsonNode second = json.readTree(lines.get(1));
    assertThat(second.path("mdc").path("validator").isMissingNode()).isTrue();
  }

  @Test
  void aTextEventIsOneLineEvenWithAStackTrace() throws IOException {
    Path file = dir.resolve("node.log");
    LogSetup.configure(new LogSettings("info", LogFormat.TEXT, Optional.of(file)));
    try (var r = LogContext.request("77ff")) {
      LOG.error("peer 4 unreachable", new IllegalStateException("connection refused"));
    }

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .contains("ERROR LogSetupTest validator=- session=- request=77ff: peer 4 unreachable")
        .contains("java.lang.IllegalStateException: connection refused | at ");
  }

  @Test
  void javaUtilLoggingLinesLikeGrpcsArriveInTheSameLog() throws IOException {
    Path file = dir.resolve("jul.log");
    LogSetup.configure(new LogSettings("info", LogFormat.TEXT, Optional.of(file)));
    java.util.logging.Logger grpc = java.util.logging.Logger.getLogger("io.grpc.probe");
    grpc.warning("stream closed by peer");
    grpc.fine("below the level: not written");

    assertThat(Files.readAllLines(file))
        .singleElement()
        .satisfies(
            line -> assertThat(line).contains("WARN  probe").endsWith("stream closed by peer"));
  }

  @Test
  void anUnknownLevelIsRefusedWithTheChoices() {
    assertThatThrownBy(() -> new LogSettings("verbose", LogFormat.TEXT, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("log level 'verbose': must be one of trace, debug, info, warn, error");
  }
}
