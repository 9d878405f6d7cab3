package dev.frostgate.node.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.node.api.NodeStatus;
import dev.frostgate.node.events.EventListener;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validator's live surface (issue 13): the WebSocket hub, the feed the event loop hands its
 * events to, and the dashboard's figures. A watcher thread looks at the connected peers every
 * {@link #WATCH_MS} (publishing {@code network_event}s for those that came or went) and reads the
 * Bitcoin node's tip every {@link #BITCOIN_MS}, so neither the event loop nor an API request waits
 * on that I/O.
 */
public final class LiveService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveService.class);

  /** How often the connected peers are compared with the last look. */
  public static final long WATCH_MS = 500;

  /** How often the Bitcoin node's tip is read for the dashboard. */
  public static final long BITCOIN_MS = 10_000;

  private final int self;
  private final int threshold;
  private final InstantSource clock;
  private final WsHub hub;
  private final SigningWindow window = new SigningWindow();
  private final PeerPresence presence;
  private final LiveFeed feed;
  private final Supplier<BitcoinTip> bitcoinReader;
  private final ScheduledExecutorService watcher =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("live-watch").unstarted(r));
  private volatile Supplier<NodeStatus> status;
  private volatile Optional<BitcoinTip> bitcoin = Optional.empty();
  private long lastBitcoinRead = Long.MIN_VALUE / 2;

  /**
   * @param validators every validator's id, this one's included
   * @param bitcoinReader reads the Bitcoin node's tip (I/O; called on the watcher thread only)
   */
  public LiveService(
      int self,
      Set<Integer> validators,
      int threshold,
      Supplier<BitcoinTip> bitcoinReader,
      InstantSource clock) {
    this(self, validators, threshold, bitcoinReader, clock, WsHub.QUEUE);
  }

  /** As above, with {@code queueCapacity} messages queued per WebSocket client at most. */
  LiveService(
      int self,
      Set<Integer> validators,
      int threshold,
      Supplier<BitcoinTip> bitcoinReader,
      InstantSource clock,
      int queueCapacity) {
    this.hub = new WsHub(queueCapacity);
    this.self = self;
    this.threshold = threshold;
    this.clock = clock;
    this.bitcoinReader = bitcoinReader;
    this.presence = new PeerPresence(self, validators, clock.instant());
    this.feed = new LiveFeed(window, presence, hub::publish, clock);
  }

  /** What the event loop hands its events to. */
  public EventListener listener() {
    return feed;
  }

  /** The WebSocket clients. */
  public WsHub hub() {
    return hub;
  }

  /** Starts watching the peers in {@code status} (the event loop's published snapshot). */
  public void start(Supplier<NodeStatus> status) {
    this.status = status;
    watcher.scheduleWithFixedDelay(this::look, 0, WATCH_MS, TimeUnit.MILLISECONDS);
  }

  private void look() {
    try {
      Instant now = clock.instant();
      presence.update(status.get().peersConnected(), now).forEach(hub::publish);
      if (now.toEpochMilli() - lastBitcoinRead >= BITCOIN_MS) {
        lastBitcoinRead = now.toEpochMilli();
        try {
          bitcoin = Optional.of(bitcoinReader.get());
        } catch (RuntimeException e) {
          bitcoin = Optional.empty();
          log.debug("bitcoin tip not read for the dashboard: {}", e.toString());
        }
      }
    } catch (RuntimeException e) {
      // The watcher must outlive one bad look: a dead watcher would freeze the dashboard.
      log.warn("live watcher: {}", e.toString());
    }
  }

  /** The body of {@code GET /api/v1/dashboard}. */
  public ObjectNode dashboard() {
    Instant now = clock.instant();
    Supplier<NodeStatus> s = status;
    int pending = s == null ? 0 : s.get().openRequests().size();
    return DashboardView.json(
        new DashboardView.Snapshot(
            self,
            threshold,
            now,
            presence.rows(now),
            window.summary(now),
            window.recentSignatures(),
            pending,
            feed.oldestOpen(),
            bitcoin));
  }

  @Override
  public void close() {
    watcher.shutdownNow();
    hub.close();
  }
}
