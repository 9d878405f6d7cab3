package dev.frostgate.engine;

import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.spendlock.LockTransition;
import dev.frostgate.engine.spendlock.LockedRequest;
import dev.frostgate.engine.spendlock.SpendLock;
import dev.frostgate.engine.spendlock.SpendLockRule;
import dev.frostgate.engine.spendlock.SpendVerdict;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.TxId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The crash-safe signing journal (SQLite, {@code dev.frostgate.node.storage.SqliteJournal}). Every
 * write returns only after the row is durable (fsync); the engine writes before it signs and sends.
 */
public interface Journal {
  /**
   * One signature share about to be made: the session, the messages it signs, the commitment (one
   * per message) whose nonces it consumes, and the {@link PackageDigest} of the whole signing
   * package it answers (every co-signer's commitment, the messages, the input keys, the
   * ciphersuite). A commitment is recorded once, with one package digest, ever.
   */
  record ShareRow(
      RequestId request,
      int attempt,
      long session,
      TxId txid,
      List<Hash32> messageHashes,
      List<SigningCommitments> commitments,
      Hash32 packageDigest) {
    public ShareRow {
      messageHashes = List.copyOf(messageHashes);
      commitments = List.copyOf(commitments);
      Objects.requireNonNull(packageDigest, "packageDigest");
    }
  }

  /** A share to record: its row and the spend it signs. */
  record PendingShare(ShareRow row, UnsignedSpend spend) {}

  /** Why the journal refused to record a share: nothing of it was written; it must not be made. */
  record Refusal(Kind kind, String detail) {
    public enum Kind {
      /** The spend-lock rule: an input is locked by another request, or not an allowed fee bump. */
      CONFLICTING_SPEND,
      /** A commitment was recorded before the last restart (or imported): its nonce is gone. */
      COMMITMENT_VOID,
      /**
       * A commitment is already recorded, for this package or another one. A share is made once per
       * commitment; the engine answers a duplicate of the identical package from memory.
       */
      COMMITMENT_USED
    }

    public Refusal {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /**
   * The latest durable spend lock on {@code outpoint} that is not released, if any (a released lock
   * no longer blocks a spend; it stays in the journal for audit).
   */
  Optional<SpendLock> lock(OutPoint outpoint);

  /**
   * Read-only: the {@link SpendLockRule} on the durable spend locks for signing {@code spend} for
   * {@code request} (no input locked by another request; a second transaction of the same request
   * only as an allowed fee bump). The engine asks this before it sends a commitment, so that it
   * does not commit to what it could not sign; the binding check is the one inside {@link
   * #recordShares}.
   */
  SpendVerdict checkSpend(UnsignedSpend spend, RequestId request);

  /**
   * Records shares before they are made, in order, in one durable commit (group commit: one fsync
   * for the whole batch). For each share, inside that commit: the spend-lock rule (seeing the locks
   * of the shares recorded before it), then the commitment rule (no commitment recorded before,
   * whatever its package), then its locks and rows. A refused share writes nothing and the others
   * go on. Returns, per share in order, empty if it was recorded and is durable, or the refusal.
   */
  List<Optional<Refusal>> recordShares(List<PendingShare> shares);

  /** Whether a share was ever recorded with this commitment (by this node, any incarnation). */
  boolean commitmentUsed(SigningCommitments commitment);

  /** Records that a request is complete (its final signatures). */
  void recordSigned(RequestId request, TxId txid, List<Bip340Signature> signatures);

  /** The final signatures of a completed request, if it is complete. */
  Optional<List<Bip340Signature>> signatures(RequestId request);

  default boolean isSigned(RequestId request) {
    return signatures(request).isPresent();
  }

  List<ShareRow> shareRows();

  /**
   * Every request that holds spend locks or completed, not yet released, as the spend-lock
   * lifecycle ({@link dev.frostgate.engine.spendlock.LockLifecycle}) needs it: its live locks,
   * whether a share row of it exists, the transaction it last completed with, its bumps and what
   * the lifecycle waits on. The expiry is unknown here (the engine adds it from the request
   * source).
   */
  List<LockedRequest> lockedRequests();

  /**
   * Records a lifecycle transition durably (who decided, when, why) before it takes effect: a
   * {@link LockTransition.Release} frees the request's locks from the moment it is durable. A crash
   * before this returns loses the decision, which the rule then makes again. {@link
   * LockTransition.Keep} is not a transition and is refused.
   */
  void recordTransition(LockTransition transition);
}
