package dev.frostgate.node.transport;

import static dev.frostgate.node.transport.LoopbackNodes.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.frostgate.node.logging.LogContext;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Lines the transport logs from gRPC's threads (a peer connected, on the dialer's and on the
 * listener's side) carry the validator id in the MDC, as the event loop's lines do: in a devnet's
 * shared output and in JSON logs, a line without it cannot be told apart.
 */
class TransportLogContextTest {
  private static final Pattern CONNECTED = Pattern.compile("validator (\\d+): peer \\d+ connected");

  @TempDir Path dir;
  final Logger transportLog = (Logger) LoggerFactory.getLogger(GrpcPeerTransport.class);
  final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  Level before;

  @BeforeEach
  void capture() {
    before = transportLog.getLevel();
    transportLog.setLevel(Level.INFO);
    lines.start();
    transportLog.addAppender(lines);
  }

  @AfterEach
  void release() {
    transportLog.detachAppender(lines);
    transportLog.setLevel(before);
  }

  @Test
  void connectionLinesFromGrpcThreadsNameTheirValidator() {
    try (LoopbackNodes net = new LoopbackNodes(dir, 3)) {
      for (int id = 1; id <= 3; id++) {
        net.start(id);
      }
      await("six connection lines", () -> connected().size() >= 6);
      for (ILoggingEvent e : connected()) {
        Matcher m = CONNECTED.matcher(e.getFormattedMessage());
        assertThat(m.find()).isTrue();
        assertThat(e.getThreadName()).as(e.getFormattedMessage()).startsWith("frostgate-grpc-");
        assertThat(e.getMDCPropertyMap())
            .as("%s on %s", e.getFormattedMessage(), e.getThreadName())
            .containsEntry(LogContext.VALIDATOR, m.group(1));
      }
    }
  }

  private List<ILoggingEvent> connected() {
    synchronized (lines) {
      return List.copyOf(lines.list).stream()
          .filter(e -> CONNECTED.matcher(e.getFormattedMessage()).find())
          .toList();
    }
  }
}
