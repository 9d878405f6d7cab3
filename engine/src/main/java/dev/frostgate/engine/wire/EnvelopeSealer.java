package dev.frostgate.engine.wire;

import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.Outgoing;
import dev.frostgate.engine.dkg.DkgMessage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One validator's outbound side for engine and DKG messages: encodes ({@link EngineMessages},
 * {@link DkgMessages}), numbers (one sequence per node shared by both, strictly increasing, so
 * (sender, session, sequence) never repeats and peers' {@link ReplayGuard}s accept a retransmission
 * as a new message) and signs ({@link EnvelopeCodec}, BIP340 with the identity key, over bytes that
 * carry {@link WireVersion#CURRENT}). Not thread-safe.
 */
public final class EnvelopeSealer {
  private final int sender;
  private final Bip340KeyPair identityKey;
  private final SecureRandom random;
  private final WireLimits limits;
  private long sequence;

  public EnvelopeSealer(
      int sender, SecretScalar identityKey, SecureRandom random, WireLimits limits) {
    this(sender, identityKey, random, limits, 0);
  }

  /**
   * @param lastSequence the sequence numbering continues above this one; after a restart pass a
   *     value above every sequence the node used before (e.g. its boot count shifted left by 40
   *     bits), or peers' replay guards would drop its messages as replays
   */
  public EnvelopeSealer(
      int sender,
      SecretScalar identityKey,
      SecureRandom random,
      WireLimits limits,
      long lastSequence) {
    if (lastSequence < 0) {
      throw new IllegalArgumentException("lastSequence must not be negative");
    }
    this.sequence = lastSequence;
    if (sender <= 0) {
      throw new IllegalArgumentException("sender must be positive");
    }
    this.sender = sender;
    // The public key is computed once here instead of inside every signature.
    this.identityKey = Bip340KeyPair.of(Objects.requireNonNull(identityKey, "identityKey"));
    this.random = Objects.requireNonNull(random, "random");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** The signed envelope's wire bytes. */
  public byte[] seal(Message m, long nowMs) {
    return EnvelopeCodec.sign(
            EngineMessages.envelope(m, sender, ++sequence, nowMs), identityKey, random, limits)
        .toByteArray();
  }

  /**
   * The signed envelope's wire bytes of a DKG message (each retransmission gets a new sequence).
   */
  public byte[] seal(DkgMessage m, long nowMs) {
    return EnvelopeCodec.sign(
            DkgMessages.envelope(m, sender, ++sequence, nowMs), identityKey, random, limits)
        .toByteArray();
  }

  /**
   * Seals one output's messages, element by element. A broadcast (the engine hands every peer the
   * same {@link Message} instance) is sealed and signed once and the same bytes go to every peer:
   * the envelope names no recipient, and each peer's replay guard sees its (sender, session,
   * sequence) once. The returned arrays may be shared between elements; do not modify them.
   */
  public List<byte[]> sealEach(List<Outgoing<Message>> messages, long nowMs) {
    IdentityHashMap<Message, byte[]> sealed = new IdentityHashMap<>();
    List<byte[]> out = new ArrayList<>(messages.size());
    for (Outgoing<Message> m : messages) {
      out.add(sealed.computeIfAbsent(m.message(), x -> seal(x, nowMs)));
    }
    return out;
  }

  /**
   * One DKG step's frames, each message instance sealed once as in {@link #sealEach}, and a message
   * a step names twice for the same peer sent to it once. The DKG does that: a validator's own
   * timeout vote is gossiped as its vote and again inside the quorum proof it completed, with every
   * retransmission; two copies of one envelope carry one (sender, session, sequence), which the
   * peer's replay guard rightly rejects as a replay and scores against this honest validator.
   */
  public List<Outgoing<byte[]>> sealDkgStep(List<Outgoing<DkgMessage>> messages, long nowMs) {
    IdentityHashMap<DkgMessage, byte[]> sealed = new IdentityHashMap<>();
    IdentityHashMap<DkgMessage, Set<Identifier>> sentTo = new IdentityHashMap<>();
    List<Outgoing<byte[]>> out = new ArrayList<>(messages.size());
    for (Outgoing<DkgMessage> m : messages) {
      if (sentTo.computeIfAbsent(m.message(), x -> new HashSet<>()).add(m.to())) {
        out.add(new Outgoing<>(m.to(), sealed.computeIfAbsent(m.message(), x -> seal(x, nowMs))));
      }
    }
    return out;
  }

  public int sender() {
    return sender;
  }
}
