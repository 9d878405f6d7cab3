package dev.frostgate.node.live;

import dev.frostgate.node.api.ApiServer;
import dev.frostgate.node.api.NodeStatus;
import dev.frostgate.node.api.TestApiView;
import dev.frostgate.node.config.HostPort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A real API server on loopback with the live routes: validator 1 of {@code n}, the connected peers
 * settable by the test. The test drives the event loop's side by calling the feed directly.
 */
final class LiveServer implements AutoCloseable {
  final LiveService live;
  final ApiServer api;
  volatile Set<Integer> peers = Set.of();
  volatile List<String> open = List.of();

  LiveServer(int n, int threshold, int queueCapacity) {
    Set<Integer> ids = IntStream.rangeClosed(1, n).boxed().collect(Collectors.toSet());
    live =
        new LiveService(
            1,
            ids,
            threshold,
            () -> new BitcoinTip(120, 120),
            InstantSource.system(),
            queueCapacity);
    live.start(this::status);
    api =
        TestApiView.start(
            new HostPort("127.0.0.1", freePort()),
            this::status,
            id -> Optional.empty(),
            List.of(new DashboardRoutes(live)));
  }

  /** Validator 1, ready, with the peers and open requests the test set. */
  private NodeStatus status() {
    return new NodeStatus(
        1, "ready", Optional.empty(), Optional.empty(), peers, open, Map.of(), Optional.empty());
  }

  private static int freePort() {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  URI http(String path) {
    return URI.create("http://127.0.0.1:" + api.port() + path);
  }

  /** A real WebSocket client on /ws that keeps every text message it receives. */
  Client connect() throws Exception {
    return open(new Client(true));
  }

  /** A client that reads one message (the subscription's answer) and then nothing more. */
  Client connectStalled() throws Exception {
    return open(new Client(false));
  }

  private Client open(Client c) throws Exception {
    c.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + api.port() + "/ws"), c)
            .get(60, TimeUnit.SECONDS);
    return c;
  }

  @Override
  public void close() {
    api.close();
    live.close();
  }

  static final class Client implements WebSocket.Listener {
    final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final boolean reads;
    private final StringBuilder partial = new StringBuilder();
    volatile Integer closedWith;
    WebSocket socket;

    Client(boolean reads) {
      this.reads = reads;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(partial.toString());
        partial.setLength(0);
      }
      if (reads || !last) {
        webSocket.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closedWith = statusCode;
      return null;
    }

    void send(String text) throws Exception {
      socket.sendText(text, true).get(60, TimeUnit.SECONDS);
    }

    /** The next message, waiting up to a generous minute. */
    String next() throws InterruptedException {
      String m = received.poll(60, TimeUnit.SECONDS);
      if (m == null) {
        throw new AssertionError(
            "no message within 60 s; received so far: " + new ArrayList<>(received));
      }
      return m;
    }
  }

  /** Waits (generously) until {@code condition} holds. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
