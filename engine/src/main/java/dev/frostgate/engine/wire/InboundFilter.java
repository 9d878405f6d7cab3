package dev.frostgate.engine.wire;

import java.util.Objects;

/**
 * The full inbound path for one node: {@link EnvelopeVerifier} (stateless checks and signature),
 * then {@link ReplayGuard} (replays, staleness, order, session and round), and every outcome
 * counted against the transport peer in a {@link PeerStatsRecorder}.
 */
public final class InboundFilter {
  private final EnvelopeVerifier verifier;
  private final ReplayGuard guard;
  private final PeerStatsRecorder stats;

  public InboundFilter(EnvelopeVerifier verifier, ReplayGuard guard, PeerStatsRecorder stats) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.stats = Objects.requireNonNull(stats, "stats");
  }

  /** Checks the bytes {@code fromPeer} delivered; the result is already counted. */
  public Decoded<VerifiedEnvelope> receive(int fromPeer, byte[] wire) {
    Decoded<VerifiedEnvelope> result = verifier.verify(fromPeer, wire);
    if (result instanceof Decoded.Accepted<VerifiedEnvelope> a) {
      result = guard.check(a.value());
    }
    stats.record(fromPeer, result);
    return result;
  }

  public ReplayGuard guard() {
    return guard;
  }

  public EnvelopeVerifier verifier() {
    return verifier;
  }

  public PeerStats stats() {
    return stats.snapshot();
  }
}
