package dev.frostgate.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.engine.wire.proto.Envelope;
import java.util.EnumSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class EnvelopeTamperProperties {
  static final WireFixtures F = new WireFixtures(7);
  static final EnvelopeVerifier VERIFIER = new EnvelopeVerifier(F.keys, WireLimits.DEFAULT);

  @Provide
  Arbitrary<Envelope.BodyCase> bodies() {
    EnumSet<Envelope.BodyCase> all = EnumSet.allOf(Envelope.BodyCase.class);
    all.remove(Envelope.BodyCase.BODY_NOT_SET);
    return Arbitraries.of(all);
  }

  @Property(tries = 400)
  void anySingleByteChangeIsRejected(
      @ForAll("bodies") Envelope.BodyCase body,
      @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE - 1) int position,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    Envelope e = F.bodies.get(body);
    byte[] wire = F.sign(e).toByteArray();
    int i = position % wire.length;
    wire[i] ^= (byte) xor;

    Decoded<VerifiedEnvelope> r = VERIFIER.verify(e.getSender(), wire);

    assertThat(r.isAccepted()).as("byte %d of %s changed", i, body).isFalse();
  }

  @Property(tries = 300)
  void arbitraryBytesNeverThrowAndNeverPass(
      @ForAll byte[] wire, @ForAll @IntRange(min = 1, max = 5) int peer) {
    Decoded<VerifiedEnvelope> r = VERIFIER.verify(peer, wire);
    assertThat(r.isAccepted()).isFalse();
  }

  @Property(tries = 200)
  void truncationIsRejected(
      @ForAll("bodies") Envelope.BodyCase body, @ForAll @IntRange(min = 1, max = 10_000) int cut) {
    Envelope e = F.bodies.get(body);
    byte[] wire = F.sign(e).toByteArray();
    byte[] shorter = java.util.Arrays.copyOf(wire, Math.max(0, wire.length - cut));
    assertThat(VERIFIER.verify(e.getSender(), shorter).isAccepted()).isFalse();
  }
}
