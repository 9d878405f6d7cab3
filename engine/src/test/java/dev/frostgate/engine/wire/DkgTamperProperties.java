package dev.frostgate.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.engine.wire.proto.Envelope;
import dev.frostgate.engine.wire.proto.Envelope.BodyCase;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Single-byte changes to DKG envelopes, through the verifier and {@link DkgMessages#decode}. */
class DkgTamperProperties {
  static final WireFixtures F = new WireFixtures(7);
  static final EnvelopeVerifier VERIFIER = new EnvelopeVerifier(F.keys, WireLimits.DEFAULT);

  @Provide
  Arbitrary<BodyCase> dkgBodies() {
    return Arbitraries.of(DkgMessagesTest.DKG);
  }

  /** Verifier, then decoder: the message a receiver would hand to the DKG engine, if any. */
  static Decoded<DkgMessage> receive(int peer, byte[] wire) {
    Decoded<VerifiedEnvelope> r = VERIFIER.verify(peer, wire);
    if (!r.isAccepted()) {
      return Decoded.reject(r.reason(), "verifier");
    }
    return DkgMessages.decode(r.value().envelope());
  }

  @Property(tries = 600)
  void anySingleByteChangeIsRejectedOrDecodesToTheSameMessage(
      @ForAll("dkgBodies") BodyCase body,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    Envelope e = F.bodies.get(body);
    byte[] wire = F.sign(e).toByteArray();
    int i = position % wire.length;
    wire[i] ^= (byte) xor;

    Decoded<DkgMessage> r = receive(e.getSender(), wire);

    if (r instanceof Decoded.Accepted<DkgMessage> ok) {
      // Same message: it encodes to the original envelope.
      assertThat(DkgMessages.envelope(ok.value(), e.getSender(), e.getSequence(), e.getSentAtMs()))
          .as("byte %d of %s changed and still accepted", i, body)
          .isEqualTo(e);
    }
  }

  /**
   * A hostile but authentic sender: the envelope bytes changed, then signed by the sender it now
   * names. Nothing throws, and whatever decodes has exactly one encoding: the bytes that were
   * signed (so no two byte strings mean the same DKG message).
   */
  @Property(tries = 600)
  void whatASenderSignsDecodesCanonicallyOrIsRejected(
      @ForAll("dkgBodies") BodyCase body,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    byte[] bytes = F.bodies.get(body).toByteArray();
    int i = position % bytes.length;
    bytes[i] ^= (byte) xor;
    Envelope tampered;
    try {
      tampered = Envelope.parseFrom(bytes);
    } catch (InvalidProtocolBufferException ex) {
      return; // does not even parse: the verifier rejects it before anything else
    }
    int sender = tampered.getSender();
    int signer = sender >= 1 && sender <= WireFixtures.VALIDATORS ? sender : 1;

    Decoded<DkgMessage> r = receive(sender, F.signRawBytes(bytes, signer));

    if (r instanceof Decoded.Accepted<DkgMessage> ok) {
      assertThat(
              DkgMessages.envelope(
                      ok.value(), sender, tampered.getSequence(), tampered.getSentAtMs())
                  .toByteArray())
          .as("byte %d of %s changed", i, body)
          .isEqualTo(bytes);
    }
  }
}
