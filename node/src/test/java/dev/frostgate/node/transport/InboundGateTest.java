package dev.frostgate.node.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.wire.RejectReason;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The gate on real sealed envelopes: what it accepts, and what each rejection costs the peer. */
class InboundGateTest {
  final WireFrames w = new WireFrames(3);
  final InboundGate gate = w.gate();

  private static InboundGate.Rejected rejected(InboundGate.Verdict v) {
    assertThat(v).isInstanceOf(InboundGate.Rejected.class);
    return (InboundGate.Rejected) v;
  }

  private static InboundGate.Received accepted(InboundGate.Verdict v) {
    assertThat(v).isInstanceOf(InboundGate.Accepted.class);
    return ((InboundGate.Accepted) v).message();
  }

  @Test
  void anEngineMessageFromThePeerOnTheLinkIsAccepted() {
    InboundGate.Received r =
        accepted(gate.accept(2, w.engine(2, WireFrames.proposal(WireFrames.REQUEST))));
    assertThat(r).isInstanceOf(InboundGate.ForEngine.class);
    assertThat(r.sender()).isEqualTo(Identifier.of(2));
    assertThat(((InboundGate.ForEngine) r).message())
        .isEqualTo(WireFrames.proposal(WireFrames.REQUEST));
  }

  @Test
  void aDkgMessageIsAcceptedOnceAndItsReplayIsAnOffense() {
    byte[] frame = w.dkgShareRequest(3);
    InboundGate.Received r = accepted(gate.accept(3, frame));
    assertThat(r).isInstanceOf(InboundGate.ForDkg.class);
    assertThat(((InboundGate.ForDkg) r).envelope().sender()).isEqualTo(3);

    InboundGate.Rejected again = rejected(gate.accept(3, frame));
    assertThat(again.reason()).isEqualTo(RejectReason.REPLAYED);
    assertThat(again.offense()).contains(Offense.REPLAYED);
    // A retransmission (re-sealed, new sequence) is a new message.
    assertThat(gate.accept(3, w.dkgShareRequest(3))).isInstanceOf(InboundGate.Accepted.class);
  }

  @Test
  void anEnvelopeRelayedByAnotherValidatorIsWrongSender() {
    byte[] signedByThree = w.engine(3, WireFrames.proposal(WireFrames.REQUEST));
    InboundGate.Rejected r = rejected(gate.accept(2, signedByThree));
    assertThat(r.reason()).isEqualTo(RejectReason.FORGED_SENDER);
    assertThat(r.offense()).contains(Offense.WRONG_SENDER);
    assertThat(r.detail()).contains("claims sender 3, delivered by peer 2");
    // The genuine signer may still deliver it: the relay took no sequence number.
    assertThat(gate.accept(3, signedByThree)).isInstanceOf(InboundGate.Accepted.class);
    assertThat(gate.stats().rejected(2, RejectReason.FORGED_SENDER)).isEqualTo(1);
  }

  @Test
  void aForgedSignatureIsForged() {
    byte[] frame = w.engine(2, WireFrames.proposal(WireFrames.REQUEST));
    frame[frame.length - 1] ^= 1; // the signature is the last field
    InboundGate.Rejected r = rejected(gate.accept(2, frame));
    assertThat(r.reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
    assertThat(r.offense()).contains(Offense.FORGED);
  }

  @Test
  void garbageIsInvalidAndAHugeFrameOversized() {
    InboundGate.Rejected garbage = rejected(gate.accept(2, new byte[] {(byte) 0xff, 1, 2}));
    assertThat(garbage.reason()).isEqualTo(RejectReason.MALFORMED);
    assertThat(garbage.offense()).contains(Offense.INVALID);

    byte[] huge = new byte[WireFrames.LIMITS.maxEnvelopeBytes() + 1];
    Arrays.fill(huge, (byte) 7);
    InboundGate.Rejected big = rejected(gate.accept(2, huge));
    assertThat(big.reason()).isEqualTo(RejectReason.OVERSIZED);
    assertThat(big.offense()).contains(Offense.OVERSIZED);
  }

  @Test
  void anotherWireVersionIsIncompatibleAndNamesBothVersions() {
    InboundGate.Rejected r = rejected(gate.accept(2, w.otherVersion(2, 2)));
    assertThat(r.reason()).isEqualTo(RejectReason.UNSUPPORTED_VERSION);
    assertThat(r.offense()).contains(Offense.INCOMPATIBLE_VERSION);
    assertThat(r.detail()).isEqualTo("wire version 2 received; this node speaks version [1]");
  }

  @Test
  void aRequestThisNodeDoesNotKnowYetCostsNothing() {
    byte[] frame = w.engine(2, WireFrames.proposal(new RequestId("not-known-here")));
    InboundGate.Rejected r = rejected(gate.accept(2, frame));
    assertThat(r.reason()).isEqualTo(RejectReason.WRONG_SESSION);
    assertThat(r.offense()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(RejectReason.class)
  void everyRejectionHasADecidedOffense(RejectReason reason) {
    Optional<Offense> offense = InboundGate.offenseOf(reason);
    switch (reason) {
      case STALE, OUT_OF_ORDER, WRONG_SESSION, WRONG_ROUND -> assertThat(offense).isEmpty();
      case BAD_SIGNATURE -> assertThat(offense).contains(Offense.FORGED);
      case MALFORMED, UNKNOWN_SENDER -> assertThat(offense).contains(Offense.INVALID);
      case REPLAYED -> assertThat(offense).contains(Offense.REPLAYED);
      case OVERSIZED -> assertThat(offense).contains(Offense.OVERSIZED);
      case FORGED_SENDER -> assertThat(offense).contains(Offense.WRONG_SENDER);
      case UNSUPPORTED_VERSION -> assertThat(offense).contains(Offense.INCOMPATIBLE_VERSION);
    }
  }
}
