package dev.frostgate.engine.spendlock;

import dev.frostgate.engine.request.RequestId;
import fr.acinq.bitcoin.TxId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the journal knows about one request that holds spend locks, as the {@link LockLifecycle}
 * needs it.
 *
 * @param locks the request's live (unreleased) locks: one per input of each transaction signed for
 *     it (the first and its fee bumps)
 * @param shareSent whether the journal holds a share row for the request: a share may have left the
 *     node, so a quorum may hold a signature for one of its transactions
 * @param expiresAt when the request expires (its protocol-chain time); empty if this node does not
 *     know the request (then it never counts as expired)
 * @param signedTx the transaction the request completed with, if it completed (the latest bump)
 * @param bumps how many fee bumps the lifecycle decided for the request (the bump generation)
 * @param watch the transaction the lifecycle is waiting on and the tip height it started waiting
 *     at, once it has started ({@link LockTransition.Track}, {@link LockTransition.Bump})
 */
public record LockedRequest(
    RequestId request,
    List<SpendLock> locks,
    boolean shareSent,
    OptionalLong expiresAt,
    Optional<TxId> signedTx,
    int bumps,
    Optional<Watch> watch) {

  /** The transaction being waited on, since tip height {@code sinceHeight}. */
  public record Watch(TxId tx, long sinceHeight) {
    public Watch {
      Objects.requireNonNull(tx, "tx");
    }
  }

  public LockedRequest {
    Objects.requireNonNull(request, "request");
    locks = List.copyOf(locks);
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(signedTx, "signedTx");
    if (bumps < 0) {
      throw new IllegalArgumentException("bumps must not be negative, got " + bumps);
    }
    Objects.requireNonNull(watch, "watch");
    for (SpendLock l : locks) {
      if (!l.request().equals(request)) {
        throw new IllegalArgumentException(
            "lock on " + l.outpoint() + " belongs to request " + l.request() + ", not " + request);
      }
    }
  }

  /** The same, with the expiry the request source knows. */
  public LockedRequest withExpiresAt(long expiry) {
    return new LockedRequest(
        request, locks, shareSent, OptionalLong.of(expiry), signedTx, bumps, watch);
  }

  /** Whether the request is known to have expired at {@code now}. */
  public boolean expiredAt(long now) {
    return expiresAt.isPresent() && now > expiresAt.getAsLong();
  }

  /** The transactions signed for the request, in lock order, each once. */
  public List<TxId> transactions() {
    return locks.stream().map(SpendLock::tx).distinct().toList();
  }
}
