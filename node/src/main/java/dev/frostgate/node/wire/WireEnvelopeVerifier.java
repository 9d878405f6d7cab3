package dev.frostgate.node.wire;

import com.google.protobuf.ByteString;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.node.engine.Message;
import dev.frostgate.node.engine.RequestId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The engine's {@link dev.frostgate.node.engine.EnvelopeVerifier} port on BIP340-signed protobuf
 * envelopes: a {@link Frame} (the bytes and the authenticated transport peer that delivered them)
 * passes {@link EnvelopeVerifier} (size, strict parsing, pinned identity key, sender = peer,
 * signature), then {@link EngineMessages#decode}; every outcome is counted against the peer in a
 * {@link PeerStatsRecorder}. Only {@link #open} hands the engine a message: sender and message come
 * from the same verified bytes.
 *
 * <p>Replays are not checked here: the engine answers duplicates idempotently (a duplicate sign
 * request gets the same share back, never a second one). {@link ReplayGuard} belongs in front of
 * this on a real transport.
 */
public final class WireEnvelopeVerifier
    implements dev.frostgate.node.engine.EnvelopeVerifier<WireEnvelopeVerifier.Frame> {

  /** What arrived: from which authenticated transport peer, and the signed envelope bytes. */
  public record Frame(int fromPeer, byte[] bytes) {
    public Frame {
      Objects.requireNonNull(bytes, "bytes");
    }
  }

  /** An authenticated engine message. */
  public record Opened(Identifier sender, Message message) {}

  private final EnvelopeVerifier verifier;
  private final PeerStatsRecorder stats;
  private final Function<ByteString, Optional<RequestId>> requests;

  /**
   * @param requests maps a request hash (the envelope's session id) to the request id
   */
  public WireEnvelopeVerifier(
      EnvelopeVerifier verifier,
      PeerStatsRecorder stats,
      Function<ByteString, Optional<RequestId>> requests) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.stats = Objects.requireNonNull(stats, "stats");
    this.requests = Objects.requireNonNull(requests, "requests");
  }

  /** Verifies and decodes a frame; empty (and counted) if anything is wrong. */
  public Optional<Opened> open(Frame frame) {
    WireResult r = verifier.verify(frame.fromPeer(), frame.bytes());
    if (r instanceof WireResult.Rejected rej) {
      stats.rejected(frame.fromPeer(), rej.reason());
      return Optional.empty();
    }
    VerifiedEnvelope v = r.envelope();
    return switch (EngineMessages.decode(v.envelope(), requests)) {
      case EngineMessages.Result.Bad bad -> {
        stats.rejected(frame.fromPeer(), bad.reason());
        yield Optional.empty();
      }
      case EngineMessages.Result.Ok ok -> {
        stats.accepted(frame.fromPeer());
        yield Optional.of(new Opened(Identifier.of(v.sender()), ok.message()));
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
