package dev.frostgate.engine.wire;

import com.google.protobuf.ByteString;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.request.RequestId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The engine's {@link dev.frostgate.engine.EnvelopeVerifier} port on BIP340-signed protobuf
 * envelopes: a {@link Frame} (the bytes and the authenticated transport peer that delivered them)
 * passes {@link EnvelopeVerifier} (size, strict parsing, pinned identity key, sender = peer,
 * signature), then {@link EngineMessages#decode} (a request this node knows), then {@link
 * ReplayGuard} (a (sender, request, sequence) seen before, a {@code sent_at} outside the time
 * window, a message of an older attempt after a newer one from the same sender); every outcome is
 * counted against the peer in a {@link PeerStatsRecorder}. Only {@link #open} hands the engine a
 * message: sender and message come from the same verified bytes.
 *
 * <p>The engine itself answers duplicates idempotently (a duplicate sign request gets the same
 * share back, never a second one); the guard drops replays before they reach it and makes them
 * visible per peer.
 */
public final class WireEnvelopeVerifier
    implements dev.frostgate.engine.EnvelopeVerifier<WireEnvelopeVerifier.Frame> {

  /** What arrived: from which authenticated transport peer, and the signed envelope bytes. */
  public record Frame(int fromPeer, byte[] bytes) {
    public Frame {
      Objects.requireNonNull(bytes, "bytes");
    }
  }

  /** An authenticated engine message. */
  public record Opened(Identifier sender, Message message) {}

  private final EnvelopeVerifier verifier;
  private final ReplayGuard guard;
  private final PeerStatsRecorder stats;
  private final Function<ByteString, Optional<RequestId>> requests;

  /**
   * @param guard replay state, configured with {@link EngineMessages#replayGuardConfig()}
   * @param requests maps a request hash (the envelope's session id) to the request id
   */
  public WireEnvelopeVerifier(
      EnvelopeVerifier verifier,
      ReplayGuard guard,
      PeerStatsRecorder stats,
      Function<ByteString, Optional<RequestId>> requests) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.guard = Objects.requireNonNull(guard, "guard");
    this.stats = Objects.requireNonNull(stats, "stats");
    this.requests = Objects.requireNonNull(requests, "requests");
  }

  /** Verifies and decodes a frame; empty (and counted) if anything is wrong. */
  public Optional<Opened> open(Frame frame) {
    Decoded<VerifiedEnvelope> r = verifier.verify(frame.fromPeer(), frame.bytes());
    if (r instanceof Decoded.Rejected<?> rej) {
      stats.rejected(frame.fromPeer(), rej.reason());
      return Optional.empty();
    }
    VerifiedEnvelope v = r.value();
    return switch (EngineMessages.decode(v.envelope(), requests)) {
      case Decoded.Rejected<Message> bad -> {
        stats.rejected(frame.fromPeer(), bad.reason());
        yield Optional.empty();
      }
      case Decoded.Accepted<Message> ok -> {
        Decoded<VerifiedEnvelope> fresh = guard.check(v);
        stats.record(frame.fromPeer(), fresh);
        yield fresh instanceof Decoded.Accepted
            ? Optional.of(new Opened(Identifier.of(v.sender()), ok.value()))
            : Optional.empty();
      }
    };
  }

  @Override
  public Optional<Identifier> authenticatedSender(Frame frame) {
    return open(frame).map(Opened::sender);
  }

  public PeerStats stats() {
    return stats.snapshot();
  }
}
