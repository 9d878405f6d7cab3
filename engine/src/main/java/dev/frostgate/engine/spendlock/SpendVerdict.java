package dev.frostgate.engine.spendlock;

import java.util.List;
import java.util.Objects;

/**
 * The answer of {@link SpendLockRule#maySign}: approve (with the locks to write) or a typed
 * refusal.
 */
public sealed interface SpendVerdict {

  /** Signing may proceed once {@code newLocks} are durable. */
  record Approve(Kind kind, List<SpendLock> newLocks) implements SpendVerdict {
    public Approve {
      Objects.requireNonNull(kind, "kind");
      newLocks = List.copyOf(newLocks);
    }
  }

  /** Signing must not proceed. */
  record Reject(Reason reason, String detail) implements SpendVerdict {
    public Reject {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }

    /** The reason and the detail in one line, as the refusal and the journal report it. */
    public String describe() {
      return reason + ": " + detail;
    }
  }

  enum Kind {
    /** No earlier transaction touches these outpoints or this request. */
    NEW,
    /** The same transaction was approved before (a retry or a new signing session for it). */
    SAME_TRANSACTION,
    /** A higher-fee replacement of every earlier transaction of the same request. */
    FEE_BUMP
  }

  enum Reason {
    /** An outpoint is locked by a transaction of another request. */
    CONFLICTING_SPEND,
    /** A replacement pays different recipients than the transaction it replaces. */
    RECIPIENTS_CHANGED,
    /** A replacement does not pay more fee than every transaction it replaces. */
    FEE_NOT_HIGHER,
    /** The fee is above the configured cap ([policy] fee_cap_sat). */
    FEE_ABOVE_CAP,
    /**
     * The request was already signed with a transaction that shares no input with this one: both
     * could confirm and pay twice.
     */
    NOT_A_REPLACEMENT
  }

  default boolean approved() {
    return this instanceof Approve;
  }
}
