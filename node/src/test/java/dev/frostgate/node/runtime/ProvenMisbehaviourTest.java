package dev.frostgate.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.EngineEvent.Misbehaviour.Kind;
import dev.frostgate.engine.ShareEvidence;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.node.transport.Offense;
import dev.frostgate.node.transport.ScorePolicy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Which engine events cost the peer at the transport, and how many of them ban it. */
class ProvenMisbehaviourTest {
  private static final Identifier PEER = Identifier.of(4);

  private static EngineEvent.Misbehaviour misbehaviour(Kind kind) {
    return new EngineEvent.Misbehaviour(PEER, kind, "detail of " + kind);
  }

  @Test
  void anInvalidShareWithEvidenceIsAnOffenseOfItsSigner() {
    RequestId request = new RequestId("r-1");
    EngineEvent.Blamed blamed =
        new EngineEvent.Blamed(PEER, new ShareEvidence(PEER, request, 0, 7L, 0, null, List.of()));
    assertThat(ProvenMisbehaviour.of(blamed))
        .contains(
            new ProvenMisbehaviour(4, Offense.INVALID_SHARE, "invalid signature share for r-1"));
  }

  @Test
  void aSignedEquivocationAndAProposalOutOfTurnAreOffenses() {
    assertThat(ProvenMisbehaviour.of(misbehaviour(Kind.EQUIVOCATION)))
        .contains(new ProvenMisbehaviour(4, Offense.EQUIVOCATION, "detail of EQUIVOCATION"));
    assertThat(ProvenMisbehaviour.of(misbehaviour(Kind.NOT_LEADER)))
        .contains(new ProvenMisbehaviour(4, Offense.NOT_LEADER, "detail of NOT_LEADER"));
  }

  @ParameterizedTest
  @EnumSource(
      value = Kind.class,
      names = {"BAD_PROPOSAL", "BAD_MESSAGE", "FORGED_ENVELOPE"})
  void whatAnHonestPeerCanCauseIsNotScoredHere(Kind kind) {
    // A refused proposal is this validator's view against the leader's; an undecodable body and
    // a forged envelope are scored by the envelope gate already.
    assertThat(ProvenMisbehaviour.of(misbehaviour(kind))).isEmpty();
  }

  @Test
  void silenceIsNeverAnOffense() {
    assertThat(ProvenMisbehaviour.of(new EngineEvent.PeerSilent(PEER))).isEmpty();
  }

  @Test
  void twoEquivocationsOrThreeInvalidSharesBanButOneOfEachDoesNot() {
    ScorePolicy p = ScorePolicy.DEFAULT;
    int ban = p.banThreshold();
    assertThat(p.penalty(Offense.EQUIVOCATION)).isLessThan(ban);
    assertThat(2 * p.penalty(Offense.EQUIVOCATION)).isGreaterThanOrEqualTo(ban);
    assertThat(2 * p.penalty(Offense.INVALID_SHARE)).isLessThan(ban);
    assertThat(3 * p.penalty(Offense.INVALID_SHARE)).isGreaterThanOrEqualTo(ban);
    assertThat(p.penalty(Offense.NOT_LEADER)).isPositive().isLessThan(ban / 5);
  }
}
