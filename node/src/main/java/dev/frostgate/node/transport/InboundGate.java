package dev.frostgate.node.transport;

import com.google.protobuf.ByteString;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.Clock;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.wire.Decoded;
import dev.frostgate.engine.wire.DkgMessages;
import dev.frostgate.engine.wire.EngineMessages;
import dev.frostgate.engine.wire.EnvelopeVerifier;
import dev.frostgate.engine.wire.IdentityKeys;
import dev.frostgate.engine.wire.InboundPipeline;
import dev.frostgate.engine.wire.PeerStats;
import dev.frostgate.engine.wire.PeerStatsRecorder;
import dev.frostgate.engine.wire.RejectReason;
import dev.frostgate.engine.wire.ReplayGuard;
import dev.frostgate.engine.wire.VerifiedEnvelope;
import dev.frostgate.engine.wire.WireLimits;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the runtime calls for every frame the transport delivers: the engine's {@link
 * InboundPipeline} (size, strict parsing, wire version, pinned signer, signer = the peer on the
 * link, BIP340 signature, body decoding, replay guard over signing and DKG sessions), and the
 * offense each rejection costs the peer on the link ({@link #offenseOf}). An envelope is only ever
 * accepted from its own signer: a validator relaying another's signed envelope is {@link
 * Offense#WRONG_SENDER} (evidence travels inside bodies, never as a relayed envelope).
 *
 * <p>Use: {@code switch (gate.accept(peer, frame))}: hand an {@link Accepted}'s message to the
 * engine or the DKG, and for a {@link Rejected} call {@link Rejected#reportTo}. Not thread-safe
 * beyond its parts (the guard is synchronized): call it from the event loop.
 */
public final class InboundGate {

  /** What one frame was. */
  public sealed interface Verdict {}

  /** A fresh, authentic message from the peer on the link. */
  public record Accepted(Received message) implements Verdict {
    public Accepted {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * The frame was dropped: why ({@code reason}, and {@code detail} for the log line, never a
   * secret), and the offense to score against the peer on the link, if it is one.
   */
  public record Rejected(Optional<Offense> offense, RejectReason reason, String detail)
      implements Verdict {
    public Rejected {
      Objects.requireNonNull(offense, "offense");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    /** Scores the offense, if any, against the peer the frame came from. */
    public void reportTo(PeerTransport transport, int linkPeer) {
      offense.ifPresent(o -> transport.reportOffense(linkPeer, o, reason + ": " + detail));
    }
  }

  /** An accepted message: for the signing engine or for the DKG. */
  public sealed interface Received {
    Identifier sender();
  }

  /** A message for the signing engine. */
  public record ForEngine(Identifier sender, Message message) implements Received {}

  /** A message for the DKG, with its verified envelope (kept as evidence by the DKG store). */
  public record ForDkg(Identifier sender, DkgMessage message, VerifiedEnvelope envelope)
      implements Received {}

  private final InboundPipeline pipeline;
  private final ReplayGuard guard;
  private final Function<VerifiedEnvelope, Decoded<Received>> decode;

  /**
   * @param pipeline the verifier, replay guard and counters; its guard must accept both signing and
   *     DKG sessions ({@link #replayGuardConfig()})
   * @param guard the pipeline's guard (the runtime opens and finishes sessions on it)
   * @param requests maps a request hash (a signing envelope's session id) to a request this node
   *     knows
   */
  public InboundGate(
      InboundPipeline pipeline,
      ReplayGuard guard,
      Function<ByteString, Optional<RequestId>> requests) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.guard = Objects.requireNonNull(guard, "guard");
    Function<VerifiedEnvelope, Decoded<InboundPipeline.Opened>> engine =
        InboundPipeline.engineMessages(requests);
    this.decode =
        v ->
            DkgMessages.BODIES.contains(v.bodyCase())
                ? DkgMessages.decode(v.envelope())
                    .then(m -> Decoded.accept(new ForDkg(Identifier.of(v.sender()), m, v)))
                : engine.apply(v).then(o -> Decoded.accept(new ForEngine(o.sender(), o.message())));
  }

  /** A gate with its own verifier, replay guard (time from {@code clock}) and counters. */
  public static InboundGate of(
      IdentityKeys keys,
      WireLimits limits,
      Clock clock,
      Function<ByteString, Optional<RequestId>> requests) {
    ReplayGuard guard = new ReplayGuard(replayGuardConfig(), clock);
    InboundPipeline pipeline =
        new InboundPipeline(new EnvelopeVerifier(keys, limits), guard, new PeerStatsRecorder());
    return new InboundGate(pipeline, guard, requests);
  }

  /** One validator's replay guard: signing sessions and DKG sessions. */
  public static ReplayGuard.Config replayGuardConfig() {
    return EngineMessages.replayGuardConfig().withOpeners(DkgMessages.BODIES);
  }

  /** Verifies, decodes and replay-checks a frame {@code linkPeer} delivered. */
  public Verdict accept(int linkPeer, byte[] frame) {
    return switch (pipeline.receive(linkPeer, frame, decode)) {
      case Decoded.Accepted<Received> a -> new Accepted(a.value());
      case Decoded.Rejected<Received> r ->
          new Rejected(offenseOf(r.reason()), r.reason(), r.detail());
    };
  }

  /**
   * The offense a rejection costs the peer on the link (pure). Empty for what an honest peer
   * produces in a race: a message for a request this node does not know yet, a retransmission after
   * the session finished or a clock a little off (STALE), a round ahead of this node's, rounds
   * reordered across attempts. A replay is scored lightly ({@link ScorePolicy#DEFAULT}).
   */
  public static Optional<Offense> offenseOf(RejectReason reason) {
    return switch (reason) {
      case OVERSIZED -> Optional.of(Offense.OVERSIZED);
      case MALFORMED, UNKNOWN_SENDER -> Optional.of(Offense.INVALID);
      case UNSUPPORTED_VERSION -> Optional.of(Offense.INCOMPATIBLE_VERSION);
      case BAD_SIGNATURE -> Optional.of(Offense.FORGED);
      case FORGED_SENDER -> Optional.of(Offense.WRONG_SENDER);
      case REPLAYED -> Optional.of(Offense.REPLAYED);
      case STALE, OUT_OF_ORDER, WRONG_SESSION, WRONG_ROUND -> Optional.empty();
    };
  }

  /** The replay guard, for the runtime to open, advance and finish sessions. */
  public ReplayGuard guard() {
    return guard;
  }

  /** Accepted and rejected frames per link peer and reason. */
  public PeerStats stats() {
    return pipeline.stats();
  }
}
