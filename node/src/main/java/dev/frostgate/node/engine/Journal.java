package dev.frostgate.node.engine;

import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.frost.SigningCommitments;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.TxIn;
import java.util.List;
import java.util.Optional;

/**
 * The crash-safe signing journal (SQLite in production, {@code dev.frostgate.node.storage}). Every
 * write returns only after the row is durable (fsync); the engine writes before it sends.
 */
public interface Journal {
  /** A spend lock: the outpoint is being spent by this request's transaction. */
  record SpendLock(OutPoint outpoint, RequestId request, String txid) {}

  /**
   * One signature share about to leave the node: the session, the messages it signs and the
   * commitment (one per message) whose nonces it consumes.
   */
  record ShareRow(
      RequestId request,
      int attempt,
      long session,
      String txid,
      List<byte[]> messageHashes,
      List<SigningCommitments> commitments) {
    public ShareRow {
      messageHashes = List.copyOf(messageHashes);
      commitments = List.copyOf(commitments);
    }
  }

  Optional<SpendLock> lock(OutPoint outpoint);

  /**
   * Locks every outpoint for {@code request} (atomically: all or none).
   *
   * @throws IllegalStateException if an outpoint is locked by another request
   */
  void lockAll(List<OutPoint> outpoints, RequestId request, String txid);

  /**
   * Locks every input of {@code spend} for {@code request}. Journals that enforce the fee-bump rule
   * (SQLite) need the fee and recipients, so the engine calls this; the default locks by outpoint.
   *
   * @throws IllegalStateException if the spend may not be signed (an outpoint is locked by another
   *     request, or the spend is not an allowed replacement)
   */
  default void lockSpend(UnsignedSpend spend, RequestId request) {
    List<OutPoint> inputs = new java.util.ArrayList<>();
    for (TxIn in : spend.tx().txIn) {
      inputs.add(in.outPoint);
    }
    lockAll(inputs, request, spend.txid());
  }

  /** Durably records a share before it is sent. */
  void recordShare(ShareRow row);

  /** Whether a share was ever produced with this commitment (by this node, any incarnation). */
  boolean commitmentUsed(SigningCommitments commitment);

  /** Durably records that a request is complete (its final signatures). */
  void recordSigned(RequestId request, String txid, List<byte[]> signatures);

  /** The final signatures of a completed request, if it is complete. */
  Optional<List<byte[]>> signatures(RequestId request);

  default boolean isSigned(RequestId request) {
    return signatures(request).isPresent();
  }

  List<ShareRow> shareRows();
}
