package dev.frostgate.engine.spendlock;

import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.TxId;
import java.util.List;
import java.util.Optional;

/**
 * The spend-lock lifecycle, a pure function: from one request's locks (as the journal holds them),
 * the chain facts and the clock, which {@link LockTransition} applies. The order of the checks is
 * the order of safety:
 *
 * <ol>
 *   <li>{@link LockTransition.Reason#SPEND_BURIED}: one of the request's transactions has {@link
 *       LifecycleConfig#burialDepth} confirmations. Its coins are spent; nothing else can spend
 *       them.
 *   <li>{@link LockTransition.Reason#CONFLICT_BURIED}: a transaction that is not the request's
 *       spends a locked coin and is buried. None of the request's transactions can ever confirm.
 *   <li>{@link LockTransition.Reason#EXPIRED_UNSHARED}: the request expired and the journal has no
 *       share row for it. No share left this node, so no signature of ours can exist; without this,
 *       an expired request would freeze its coins for ever.
 *   <li>{@link LockTransition.Bump}: the request completed, has not expired, none of its
 *       transactions is in a block (and no conflicting one either) and the one it completed with
 *       has waited {@link LifecycleConfig#bumpAfterBlocks} blocks since it was tracked or last
 *       bumped.
 *   <li>{@link LockTransition.Track}: the request completed with a transaction the lifecycle does
 *       not wait on yet.
 * </ol>
 *
 * A request whose share went out keeps its locks until a spend of its coins is buried, expired or
 * not: a quorum may hold a signature, and a transaction signed once can be broadcast by anyone at
 * any time.
 */
public final class LockLifecycle {
  private LockLifecycle() {}

  /** The transition for {@code r} at time {@code now} on {@code chain}. */
  public static LockTransition decide(
      LockedRequest r, ChainView chain, long now, LifecycleConfig config) {
    List<TxId> ours = r.transactions();
    int depth = config.burialDepth();
    boolean anyOursMined = false;
    for (TxId tx : ours) {
      int confirmations = chain.confirmations(tx);
      if (confirmations >= depth) {
        return new LockTransition.Release(
            r.request(),
            LockTransition.Reason.SPEND_BURIED,
            Optional.of(tx),
            "transaction " + tx + " has " + confirmations + " confirmations (depth " + depth + ")");
      }
      anyOursMined |= confirmations > 0;
    }
    boolean anyConflictMined = false;
    for (OutPoint coin : r.coins()) {
      Optional<ChainView.Spender> spender = chain.spender(coin);
      if (spender.isEmpty() || ours.contains(spender.get().tx())) {
        continue;
      }
      ChainView.Spender s = spender.get();
      if (s.confirmations() >= depth) {
        return new LockTransition.Release(
            r.request(),
            LockTransition.Reason.CONFLICT_BURIED,
            Optional.of(s.tx()),
            "outpoint "
                + coin
                + " is spent by "
                + s.tx()
                + " with "
                + s.confirmations()
                + " confirmations (depth "
                + depth
                + ")");
      }
      anyConflictMined = true;
    }
    boolean expired = r.expiredAt(now);
    if (expired && !r.shareSent()) {
      return new LockTransition.Release(
          r.request(),
          LockTransition.Reason.EXPIRED_UNSHARED,
          Optional.empty(),
          "request expired at " + r.expiresAt().getAsLong() + " and no share of it was recorded");
    }
    if (expired || r.signedTx().isEmpty() || anyOursMined || anyConflictMined) {
      return new LockTransition.Keep(r.request());
    }
    TxId signed = r.signedTx().get();
    long tip = chain.tipHeight();
    Optional<LockedRequest.Watch> watch = r.watch().filter(w -> w.tx().equals(signed));
    if (watch.isEmpty()) {
      return new LockTransition.Track(r.request(), signed, tip);
    }
    long since = watch.get().sinceHeight();
    if (tip - since >= config.bumpAfterBlocks()) {
      return new LockTransition.Bump(r.request(), signed, since, tip);
    }
    return new LockTransition.Keep(r.request());
  }
}
