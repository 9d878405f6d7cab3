package dev.frostgate.node.transport;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Validators of a test network on loopback: TLS files in a temp directory, free ports, one {@link
 * PeerTransport} each with a recording {@link Inbound} and a shared {@link ManualClock}.
 */
final class LoopbackNodes implements AutoCloseable {
  /** Generous: a loaded 2-core machine may take seconds for handshakes; nothing waits this long. */
  static final Duration DEADLINE = Duration.ofSeconds(60);

  static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), 2, 0.5);

  record Frame(int from, byte[] bytes) {}

  /** Records every frame and connection event. */
  static final class Recorder implements Inbound {
    final ConcurrentLinkedQueue<Frame> frames = new ConcurrentLinkedQueue<>();

    @Override
    public void onFrame(int peerId, byte[] frame) {
      frames.add(new Frame(peerId, frame));
    }

    boolean has(int from, String text) {
      return frames.stream().anyMatch(f -> f.from() == from && new String(f.bytes()).equals(text));
    }
  }

  final ManualClock clock = new ManualClock();
  final Path dir;
  final Map<Integer, Integer> ports = new HashMap<>();
  final Map<Integer, Path> keys = new HashMap<>();
  final Map<Integer, Path> certificates = new HashMap<>();
  final Map<Integer, PeerTransport> transports = new HashMap<>();
  final Map<Integer, Recorder> recorders = new HashMap<>();
  private final List<PeerTransport> started = new ArrayList<>();
  private final int n;

  LoopbackNodes(Path dir, int n) {
    this.dir = dir;
    this.n = n;
    for (int id = 1; id <= n; id++) {
      ports.put(id, freePort());
      keys.put(id, dir.resolve("tls-" + id + ".key"));
      certificates.put(id, dir.resolve("tls-" + id + ".crt"));
      TlsCredentials.generate(
          id, keys.get(id), certificates.get(id), new SecureRandom(), Instant.now());
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port", e);
    }
  }

  CertificateFingerprint pin(int id) {
    return CertificateFingerprint.of(TlsCredentials.loadCertificate(certificates.get(id)));
  }

  /** The config of validator {@code id}: everyone pinned by their real certificate. */
  TransportConfig config(int id) {
    List<TransportConfig.PeerEndpoint> peers = new ArrayList<>();
    for (int p = 1; p <= n; p++) {
      if (p != id) {
        peers.add(
            new TransportConfig.PeerEndpoint(
                p, new TransportConfig.Endpoint("127.0.0.1", ports.get(p)), pin(p)));
      }
    }
    return new TransportConfig(
        id,
        new TransportConfig.Endpoint("127.0.0.1", ports.get(id)),
        keys.get(id),
        certificates.get(id),
        peers,
        TransportConfig.Limits.DEFAULT,
        FAST,
        n - 1,
        Duration.ofSeconds(1));
  }

  PeerTransport start(int id) {
    return start(id, c -> c);
  }

  PeerTransport start(int id, UnaryOperator<TransportConfig> adjust) {
    return start(id, adjust, PeerBans.inMemory());
  }

  PeerTransport start(int id, UnaryOperator<TransportConfig> adjust, PeerBans bans) {
    Recorder recorder = new Recorder();
    PeerTransport t =
        PeerTransport.start(adjust.apply(config(id)), recorder, clock, new Random(id), bans);
    transports.put(id, t);
    recorders.put(id, recorder);
    started.add(t);
    return t;
  }

  PeerTransport t(int id) {
    return transports.get(id);
  }

  Recorder in(int id) {
    return recorders.get(id);
  }

  static void await(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        fail("gave up waiting (" + DEADLINE + ") for: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for: " + what);
      }
    }
  }

  @Override
  public void close() {
    started.forEach(PeerTransport::close);
  }
}
