package dev.frostgate.node.metrics;

import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.spendlock.LockTransition;
import dev.frostgate.node.events.EventListener;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the engine's and the DKG's events into metric updates: the runtime hands every event here
 * after acting on it, and the engine knows nothing of metrics. Keeps when each open request
 * started, to observe its signing time; that memory is bounded ({@link #MAX_OPEN_REQUESTS}, the
 * oldest forgotten first) because a request that never completes here (this validator was not among
 * the signers) would otherwise stay forever. Not thread-safe: one event loop calls it.
 */
public final class EventMetrics implements EventListener {
  /** Open requests remembered for their signing time; far above any real queue. */
  public static final int MAX_OPEN_REQUESTS = 10_000;

  private final ValidatorMetrics metrics;
  private final InstantSource clock;
  private final Map<RequestId, Instant> started =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<RequestId, Instant> eldest) {
          return size() > MAX_OPEN_REQUESTS;
        }
      };

  public EventMetrics(ValidatorMetrics metrics, InstantSource clock) {
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Records one signing event. */
  @Override
  public void onEngineEvent(EngineEvent event) {
    switch (event) {
      case EngineEvent.CommitmentIssued c -> {
        if (started.putIfAbsent(c.request(), clock.instant()) == null) {
          metrics.signingStarted();
        }
      }
      case EngineEvent.ShareSent s -> metrics.shareSent();
      case EngineEvent.RequestSigned s -> {
        Instant since = started.remove(s.request());
        metrics.signingCompleted(
            since == null ? Duration.ZERO : Duration.between(since, clock.instant()));
      }
      case EngineEvent.Blamed b -> {
        metrics.excluded(b.accused(), "invalid_share");
        metrics.securityIncident("invalid_share");
      }
      case EngineEvent.Misbehaviour m -> {
        String kind = m.kind().name().toLowerCase(Locale.ROOT);
        metrics.peerInvalid(m.peer(), kind);
        if (m.kind() == EngineEvent.Misbehaviour.Kind.EQUIVOCATION
            || m.kind() == EngineEvent.Misbehaviour.Kind.FORGED_ENVELOPE) {
          metrics.securityIncident(kind);
        }
      }
      case EngineEvent.Refused r ->
          metrics.signingRefused(r.verdict().reason().name().toLowerCase(Locale.ROOT));
      case EngineEvent.PeerAnswered a ->
          metrics.peerAnswered(a.peer(), Duration.ofMillis(a.millis()));
      case EngineEvent.PeerSilent s -> metrics.peerTimedOut(s.peer());
      case EngineEvent.LockTransitioned t -> {
        switch (t.transition()) {
          case LockTransition.Bump b -> metrics.lockTransition("bump");
          case LockTransition.Release r ->
              metrics.lockTransition("release_" + r.reason().name().toLowerCase(Locale.ROOT));
          case LockTransition.Keep k -> {}
          case LockTransition.Track k -> {}
        }
      }
    }
  }

  /**
   * A request ended without a signature (it expired, or too few signers were left); {@code reason}
   * names why (a metric label).
   */
  @Override
  public void requestFailed(RequestId request, String reason) {
    started.remove(request);
    metrics.signingFailed(reason);
  }

  /** Records one DKG event. */
  @Override
  public void onDkgEvent(DkgEvent event) {
    switch (event) {
      case DkgEvent.SessionStarted s -> metrics.dkgPhase(DkgPhase.RUNNING);
      case DkgEvent.Completed c -> metrics.dkgPhase(DkgPhase.COMPLETE);
      case DkgEvent.Failed f -> metrics.dkgPhase(DkgPhase.FAILED);
      case DkgEvent.Excluded e -> {
        String reason = e.reason().name().toLowerCase(Locale.ROOT);
        metrics.excluded(e.accused(), reason);
        if (e.reason() == DkgEvent.Reason.EQUIVOCATION) {
          metrics.securityIncident("dkg_equivocation");
        }
      }
      case DkgEvent.Misbehaviour m -> metrics.peerInvalid(m.peer(), "dkg_message");
    }
  }

  /** Open requests remembered now (for tests of the bound). */
  int openRequests() {
    return started.size();
  }
}
