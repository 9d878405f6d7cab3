package dev.frostgate.node.transport;

import static dev.frostgate.node.transport.LoopbackNodes.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A peer that speaks another wire version, on real sockets with mutual TLS: every frame of it is
 * refused by the gate, and the transport says so once, not once per frame.
 */
class IncompatiblePeerLoopbackTest {
  @TempDir Path dir;
  final Logger transportLog = (Logger) LoggerFactory.getLogger(GrpcPeerTransport.class);
  final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeEach
  void capture() {
    lines.start();
    transportLog.addAppender(lines);
  }

  @AfterEach
  void release() {
    transportLog.detachAppender(lines);
  }

  @Test
  void anIncompatiblePeerIsLoggedOnceAndItsFramesRefused() {
    WireFrames w = new WireFrames(2);
    InboundGate gate = w.gate();
    try (LoopbackNodes net = new LoopbackNodes(dir, 2)) {
      net.start(1);
      net.start(2);
      await("connected", () -> net.t(2).connectedPeers().contains(1));
      int frames = 5;
      for (int i = 0; i < frames; i++) {
        assertThat(net.t(2).send(1, w.otherVersion(2, 2))).isTrue();
      }
      await("all frames at 1", () -> net.in(1).frames.size() == frames);
      // What the runtime does with each frame.
      for (LoopbackNodes.Frame f : net.in(1).frames) {
        InboundGate.Verdict v = gate.accept(f.from(), f.bytes());
        assertThat(v).isInstanceOf(InboundGate.Rejected.class);
        ((InboundGate.Rejected) v).reportTo(net.t(1), f.from());
      }
      List<String> warnings =
          lines.list.stream()
              .filter(e -> e.getLevel() == Level.WARN)
              .map(ILoggingEvent::getFormattedMessage)
              .filter(m -> m.contains("incompatible"))
              .toList();
      assertThat(warnings)
          .containsExactly(
              "validator 1: peer 2 is incompatible (UNSUPPORTED_VERSION: wire version 2 received;"
                  + " this node speaks version [1]); its envelopes are refused until it runs a"
                  + " compatible version");
      // Not an attack: the peer stays connected, unbanned.
      assertThat(net.t(1).isBanned(2)).isFalse();
      assertThat(net.t(1).connectedPeers()).contains(2);
    }
  }
}
