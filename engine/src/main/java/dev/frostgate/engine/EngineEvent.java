package dev.frostgate.engine;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.spendlock.LockTransition;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.TxId;
import java.util.List;

/** What the engine reports besides messages: results, misbehaviour, audit facts. */
public sealed interface EngineEvent {
  /** A fresh commitment left this node (its nonces exist only in this incarnation's memory). */
  record CommitmentIssued(RequestId request, int attempt, List<SigningCommitments> commitments)
      implements EngineEvent {}

  /**
   * A share was made and left this node (after its journal row was durable): the messages it signs,
   * the commitment per message whose nonces it consumed, and the share per message (public values,
   * as sent). A share is made once per commitment; a duplicate request is answered with the same
   * share bytes and reports no new event.
   */
  record ShareSent(
      RequestId request,
      int attempt,
      long session,
      TxId txid,
      List<OutPoint> inputs,
      List<Hash32> messages,
      List<SigningCommitments> used,
      List<SignatureShare> shares)
      implements EngineEvent {
    public ShareSent {
      inputs = List.copyOf(inputs);
      messages = List.copyOf(messages);
      used = List.copyOf(used);
      shares = List.copyOf(shares);
    }
  }

  /** A request is complete: the signed transaction passed the script interpreter. */
  record RequestSigned(RequestId request, TxId txid, byte[] signedTx, List<OutPoint> inputs)
      implements EngineEvent {}

  /** A signer was excluded for an invalid share, with the evidence. */
  record Blamed(Identifier accused, ShareEvidence evidence) implements EngineEvent {}

  /** A peer misbehaved (recorded per peer; no cryptographic evidence needed to log it). */
  record Misbehaviour(Identifier peer, Kind kind, String detail) implements EngineEvent {
    public enum Kind {
      NOT_LEADER,
      EQUIVOCATION,
      BAD_PROPOSAL,
      BAD_MESSAGE,
      FORGED_ENVELOPE
    }
  }

  /** This node refused a proposal. */
  record Refused(RequestId request, Identifier proposer, PolicyVerdict.Reject verdict)
      implements EngineEvent {}

  /**
   * As coordinator: {@code peer}'s share for a session arrived {@code millis} after the request.
   */
  record PeerAnswered(Identifier peer, long millis) implements EngineEvent {}

  /**
   * As coordinator: {@code peer} had not answered a session's sign request when the retransmission
   * interval came round (counted once per interval).
   */
  record PeerSilent(Identifier peer) implements EngineEvent {}

  /**
   * The spend-lock lifecycle journaled a transition (durable before this event): a transaction
   * tracked, a fee bump decided, or a request's locks released, with the reason.
   */
  record LockTransitioned(LockTransition transition) implements EngineEvent {}
}
