package dev.frostgate.engine.wire;

import dev.frostgate.engine.wire.proto.Envelope;
import dev.frostgate.engine.wire.proto.SignedEnvelope;
import java.util.Objects;

/**
 * An envelope whose structure was validated and whose signature verified under the sender's pinned
 * identity key. {@link #signed()} is the exact signed message as received, to be kept or forwarded
 * as third-party evidence (it verifies for anyone holding the same pinned keys).
 */
public record VerifiedEnvelope(Envelope envelope, SignedEnvelope signed) {
  public VerifiedEnvelope {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(signed, "signed");
  }

  public int sender() {
    return envelope.getSender();
  }

  public SessionHash sessionId() {
    return SessionHash.fromWire(envelope.getSessionId());
  }

  public int round() {
    return envelope.getRound();
  }

  /** The sequence number (unsigned 64-bit, as a Java long). */
  public long sequence() {
    return envelope.getSequence();
  }

  public long sentAtMs() {
    return envelope.getSentAtMs();
  }

  public Envelope.BodyCase bodyCase() {
    return envelope.getBodyCase();
  }
}
