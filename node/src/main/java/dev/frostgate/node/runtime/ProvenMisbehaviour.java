package dev.frostgate.node.runtime;

import dev.frostgate.engine.EngineEvent;
import dev.frostgate.node.transport.Offense;
import java.util.Optional;

/**
 * A signing-engine event that proves a peer misbehaved, as the offense it costs that peer at the
 * transport ({@link dev.frostgate.node.transport.PeerTransport#reportOffense}). Pure.
 *
 * <p>Only what a signed message proves counts: an invalid share (its evidence verifies against the
 * signer's own commitment), two signed proposals for one attempt, a proposal or sign request out of
 * turn. A refused proposal ({@code BAD_PROPOSAL}: this validator's policy or chain view disagrees)
 * and a malformed body ({@code BAD_MESSAGE}: the envelope gate already scores undecodable frames)
 * are not offenses here, and silence or a timeout never produces an event at all. The engine
 * checked the sender, whose envelope the gate verified as the link peer's.
 *
 * @param peer the validator id of the peer to score
 */
record ProvenMisbehaviour(int peer, Offense offense, String detail) {

  static Optional<ProvenMisbehaviour> of(EngineEvent event) {
    return switch (event) {
      case EngineEvent.Blamed b ->
          Optional.of(
              new ProvenMisbehaviour(
                  peer(b.accused().smallValue()),
                  Offense.INVALID_SHARE,
                  "invalid signature share for " + b.evidence().request().value()));
      case EngineEvent.Misbehaviour m ->
          switch (m.kind()) {
            case EQUIVOCATION ->
                Optional.of(
                    new ProvenMisbehaviour(
                        peer(m.peer().smallValue()), Offense.EQUIVOCATION, m.detail()));
            case NOT_LEADER ->
                Optional.of(
                    new ProvenMisbehaviour(
                        peer(m.peer().smallValue()), Offense.NOT_LEADER, m.detail()));
            case BAD_PROPOSAL, BAD_MESSAGE, FORGED_ENVELOPE -> Optional.empty();
          };
      default -> Optional.empty();
    };
  }

  private static int peer(long id) {
    return Math.toIntExact(id);
  }
}
