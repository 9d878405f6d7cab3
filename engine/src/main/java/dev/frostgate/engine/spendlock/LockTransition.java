package dev.frostgate.engine.spendlock;

import dev.frostgate.engine.request.RequestId;
import fr.acinq.bitcoin.TxId;
import java.util.Objects;
import java.util.Optional;

/**
 * What the {@link LockLifecycle} decided for one request's spend locks. Every transition but {@link
 * Keep} is journaled (who, when, why) before it takes effect.
 */
public sealed interface LockTransition {
  RequestId request();

  /** Nothing to do yet. */
  record Keep(RequestId request) implements LockTransition {
    public Keep {
      Objects.requireNonNull(request, "request");
    }
  }

  /**
   * Start counting blocks for {@code tx}, the request's signed transaction, from tip height {@code
   * height}: it gets {@link LifecycleConfig#bumpAfterBlocks} blocks to confirm.
   */
  record Track(RequestId request, TxId tx, long height) implements LockTransition {
    public Track {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(tx, "tx");
    }
  }

  /**
   * {@code stuck} stayed unconfirmed from {@code sinceHeight} to {@code height}: the request's
   * leader re-proposes it at a higher fee rate (BIP125, within the request's cap).
   */
  record Bump(RequestId request, TxId stuck, long sinceHeight, long height)
      implements LockTransition {
    public Bump {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(stuck, "stuck");
    }
  }

  /**
   * Every lock of the request is released: it no longer blocks the {@link SpendLockRule} but stays
   * in the journal for audit.
   *
   * @param cause the buried transaction (ours or the conflicting one), if the reason has one
   */
  record Release(RequestId request, Reason reason, Optional<TxId> cause, String detail)
      implements LockTransition {
    public Release {
      Objects.requireNonNull(request, "request");
      Objects.requireNonNull(reason, "reason");
      // Absent means no transaction caused it, never "unknown".
      cause = Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** Why locks were released. Persisted by name: never rename. */
  enum Reason {
    /** One of the request's transactions is buried: its coins are spent for good. */
    SPEND_BURIED,
    /** Another transaction spending a locked coin is buried: none of ours can confirm. */
    CONFLICT_BURIED,
    /** The request expired and no share of it was ever recorded: nobody can hold a signature. */
    EXPIRED_UNSHARED
  }
}
