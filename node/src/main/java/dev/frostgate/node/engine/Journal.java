package dev.frostgate.node.engine;

import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.frost.SigningCommitments;
import fr.acinq.bitcoin.OutPoint;
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
   * Read-only: whether the durable spend locks allow signing {@code spend} for {@code request} (no
   * input locked by another request; a second transaction of the same request only as an allowed
   * fee bump, in journals that enforce that rule). The engine asks this before it sends a
   * commitment, so that it does not commit to what it could not sign; the binding check is the one
   * inside {@link #recordShare}.
   *
   * @throws IllegalStateException if the spend may not be signed, with the reason
   */
  void checkSpend(UnsignedSpend spend, RequestId request);

  /**
   * Durably records a share before it is sent, in one transaction with the spend locks of every
   * input of {@code spend} for {@code row.request()}: the lock rule of {@link #checkSpend} is
   * applied again inside that transaction, and either the locks and the row are both written and
   * synced, or nothing is. A commitment carries no signing power, so the lock only has to be
   * durable before the first share that uses it leaves; one synced commit per share instead of two.
   *
   * @throws IllegalStateException if the spend may not be signed (nothing written)
   */
  void recordShare(ShareRow row, UnsignedSpend spend);

  /** A share to record: its row and the spend it signs (see {@link #recordShare}). */
  record PendingShare(ShareRow row, UnsignedSpend spend) {}

  /**
   * Records several shares, each exactly as {@link #recordShare} would, in order (a share's lock
   * rule sees the locks of the shares recorded before it), with as few durable commits as the
   * journal can manage: group commit, one fsync for a whole batch in SQLite. Nothing of a refused
   * share is written. Returns, per share in order, empty if it was recorded and durable, or the
   * reason it may not be signed. This default records them one by one.
   */
  default List<Optional<String>> recordShares(List<PendingShare> shares) {
    List<Optional<String>> out = new java.util.ArrayList<>(shares.size());
    for (PendingShare p : shares) {
      try {
        recordShare(p.row(), p.spend());
        out.add(Optional.empty());
      } catch (IllegalStateException e) {
        out.add(Optional.of(String.valueOf(e.getMessage())));
      }
    }
    return out;
  }

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
