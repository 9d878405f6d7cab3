package dev.frostgate.engine.spendlock;

import dev.frostgate.engine.request.RequestId;
import fr.acinq.bitcoin.OutPoint;
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
 * @param coins the coins the request spends, as far as this node knows: its locks' outpoints
 *     (always added) and the request's own inputs once the engine adds them ({@link #withRequest});
 *     a validator that holds no lock of a request still watches its coins for a conflicting spend
 */
public record LockedRequest(
    RequestId request,
    List<SpendLock> locks,
    boolean shareSent,
    OptionalLong expiresAt,
    Optional<TxId> signedTx,
    int bumps,
    Optional<Watch> watch,
    List<OutPoint> coins) {

  /** The transaction being waited on, since tip height {@code sinceHeight}. */
  public record Watch(TxId tx, long sinceHeight) {
    public Watch {
      Objects.requireNonNull(tx, "tx");
    }
  }

  public LockedRequest {
    Objects.requireNonNull(request, "request");
    locks = List.copyOf(locks);
    // The locks' outpoints are always among the coins.
    coins =
        java.util.stream.Stream.concat(locks.stream().map(SpendLock::outpoint), coins.stream())
            .distinct()
            .toList();
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

  /** The same, with the expiry and the inputs the request source knows. */
  public LockedRequest withRequest(long expiry, List<OutPoint> inputs) {
    List<OutPoint> all = new java.util.ArrayList<>(coins);
    all.addAll(inputs);
    return new LockedRequest(
        request, locks, shareSent, OptionalLong.of(expiry), signedTx, bumps, watch, all);
  }

  /** Whether the request is known to have expired at {@code now}. */
  public boolean expiredAt(long now) {
    return expiresAt.isPresent() && now > expiresAt.getAsLong();
  }

  /**
   * The transactions signed for the request, in lock order, then the one it completed with (a
   * validator that did not share holds no lock but knows that one), each once.
   */
  public List<TxId> transactions() {
    return java.util.stream.Stream.concat(locks.stream().map(SpendLock::tx), signedTx.stream())
        .distinct()
        .toList();
  }
}
