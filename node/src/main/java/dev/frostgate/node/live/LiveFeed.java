package dev.frostgate.node.live;

import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.node.events.EventListener;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns the engine's and the DKG's events into the WebSocket's {@link LiveEvent}s and the
 * dashboard's {@link SigningWindow}: {@code signature_started} (first commitment of a request),
 * {@code signature_completed} (with the txid), {@code signature_failed} (with the reason), and
 * {@code network_event} with status {@code excluded}. Runs on the event loop: it only records and
 * hands events to {@code publish}, which must not block. Remembers when each open request started,
 * at most {@link #MAX_OPEN} (the oldest forgotten first: a request this validator never sees end
 * must not stay forever).
 */
public final class LiveFeed implements EventListener {
  /** Open requests remembered for their signing time. */
  public static final int MAX_OPEN = 10_000;

  private final SigningWindow window;
  private final PeerPresence presence;
  private final Consumer<LiveEvent> publish;
  private final InstantSource clock;
  private final Map<RequestId, Instant> started =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RequestId, Instant> eldest) {
          return size() > MAX_OPEN;
        }
      };

  public LiveFeed(
      SigningWindow window,
      PeerPresence presence,
      Consumer<LiveEvent> publish,
      InstantSource clock) {
    this.window = window;
    this.presence = presence;
    this.publish = publish;
    this.clock = clock;
  }

  @Override
  public synchronized void onEngineEvent(EngineEvent event) {
    Instant now = clock.instant();
    switch (event) {
      case EngineEvent.CommitmentIssued c -> {
        if (started.putIfAbsent(c.request(), now) == null) {
          publish.accept(
              signature(
                  "signature_started",
                  c.request(),
                  now,
                  Map.of(
                      "session_id", sessionId(c.request(), c.attempt()), "attempt", c.attempt())));
        }
      }
      case EngineEvent.RequestSigned s -> {
        Instant since = started.remove(s.request());
        Duration took = since == null ? Duration.ZERO : Duration.between(since, now);
        window.record(
            new SigningWindow.Outcome(s.request().value(), now, true, s.txid().toString(), took));
        publish.accept(
            signature(
                "signature_completed",
                s.request(),
                now,
                Map.of("txid", s.txid().toString(), "duration_ms", took.toMillis())));
      }
      case EngineEvent.Blamed b ->
          presence
              .excluded(Math.toIntExact(b.accused().smallValue()), "invalid_share", now)
              .ifPresent(publish);
      default -> {}
    }
  }

  @Override
  public synchronized void onDkgEvent(DkgEvent event) {
    if (event instanceof DkgEvent.Excluded x) {
      presence
          .excluded(
              Math.toIntExact(x.accused().smallValue()),
              "dkg_" + x.reason().name().toLowerCase(Locale.ROOT),
              clock.instant())
          .ifPresent(publish);
    }
  }

  @Override
  public synchronized void requestFailed(RequestId request, String reason) {
    Instant now = clock.instant();
    Instant since = started.remove(request);
    Duration took = since == null ? Duration.ZERO : Duration.between(since, now);
    window.record(new SigningWindow.Outcome(request.value(), now, false, reason, took));
    publish.accept(signature("signature_failed", request, now, Map.of("reason", reason)));
  }

  /** When the oldest open request this validator works on started, if any. */
  public synchronized java.util.Optional<Instant> oldestOpen() {
    return started.values().stream().min(Instant::compareTo);
  }

  /** Open requests remembered now. */
  public synchronized int open() {
    return started.size();
  }

  /** A session is one attempt at a request (a new leader starts a new attempt). */
  static String sessionId(RequestId request, int attempt) {
    return request.value() + "#" + attempt;
  }

  private static LiveEvent signature(
      String type, RequestId request, Instant at, Map<String, Object> more) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("request_id", request.value());
    f.putAll(new java.util.TreeMap<>(more));
    return new LiveEvent(Topic.SIGNATURES, type, at, f);
  }
}
