package dev.frostgate.engine.wire;

import com.google.protobuf.ByteString;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.request.RequestId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The whole inbound path of one node for the bytes an authenticated transport peer delivered:
 * {@link EnvelopeVerifier} (size, strict parsing, pinned identity key, sender = peer, signature),
 * then a decode step (for engine messages {@link #engineMessages}: a request this node knows, a
 * body that matches the round), then {@link ReplayGuard} (a (sender, session, sequence) seen
 * before, a {@code sent_at} outside the time window, an older round after a newer one from the same
 * sender). The first rejection ends the path; every outcome is counted once against the transport
 * peer in a {@link PeerStatsRecorder}. Sender and message come from the same verified bytes.
 *
 * <p>The body is decoded before the guard sees the envelope, so a malformed body never takes a
 * sequence number. The engine itself answers duplicates idempotently (a duplicate sign request gets
 * the same share back, never a second one); the guard drops replays before they reach it and makes
 * them visible per peer.
 */
public final class InboundPipeline {

  /** An authenticated engine message. */
  public record Opened(Identifier sender, Message message) {}

  private final EnvelopeVerifier verifier;
  private final ReplayGuard guard;
  private final PeerStatsRecorder stats;

  /**
   * @param guard replay state; for engine messages configured with {@link
   *     EngineMessages#replayGuardConfig()}
   */
  public InboundPipeline(EnvelopeVerifier verifier, ReplayGuard guard, PeerStatsRecorder stats) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.stats = Objects.requireNonNull(stats, "stats");
  }

  /**
   * The decode step for engine messages.
   *
   * @param requests maps a request hash (the envelope's session id) to the request id
   */
  public static Function<VerifiedEnvelope, Decoded<Opened>> engineMessages(
      Function<ByteString, Optional<RequestId>> requests) {
    Objects.requireNonNull(requests, "requests");
    return v ->
        EngineMessages.decode(v.envelope(), requests)
            .then(m -> Decoded.accept(new Opened(Identifier.of(v.sender()), m)));
  }

  /** Verifies, decodes and replay-checks the bytes {@code fromPeer} delivered; already counted. */
  public <T> Decoded<T> receive(
      int fromPeer, byte[] wire, Function<VerifiedEnvelope, Decoded<T>> decode) {
    Decoded<T> result =
        verifier
            .verify(fromPeer, wire)
            .then(v -> decode.apply(v).then(m -> guard.check(v).then(fresh -> Decoded.accept(m))));
    stats.record(fromPeer, result);
    return result;
  }

  /** Verifies and replay-checks, leaving the body to the caller (DKG messages); already counted. */
  public Decoded<VerifiedEnvelope> receive(int fromPeer, byte[] wire) {
    return receive(fromPeer, wire, Decoded::accept);
  }

  public PeerStats stats() {
    return stats.snapshot();
  }
}
