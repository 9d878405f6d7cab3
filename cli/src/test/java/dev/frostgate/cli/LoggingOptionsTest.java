package dev.frostgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.node.logging.LogSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LoggingOptionsTest {
  @TempDir Path dir;

  @AfterEach
  void quietAgain() {
    LogSetup.reset();
  }

  @Test
  void theLogOptionsStandAfterTheSubcommandToo() throws IOException {
    Path log = dir.resolve("cli.log");
    Cli.ok(
        "identity",
        "--help",
        "--log-level",
        "INFO",
        "--log-format",
        "json",
        "--log-file",
        log.toString());
    LoggerFactory.getLogger("probe").info("configured by the command line");

    assertThat(Files.readAllLines(log))
        .singleElement()
        .satisfies(line -> assertThat(line).contains("\"formattedMessage\":\"configured by"));
  }

  @Test
  void anUnknownLevelIsAUsageError() {
    Cli.Run r = Cli.fails(2, "--log-level", "verbose", "identity", "--help");
    assertThat(r.err()).contains("--log-level: log level 'verbose': must be one of");
  }
}
