/**
 * Spend locks: the rule that decides whether a transaction may be signed ({@link
 * dev.frostgate.engine.spendlock.SpendLockRule}) over the locks a node has written ({@link
 * dev.frostgate.engine.spendlock.SpendLock}) and the transaction it is asked to sign ({@link
 * dev.frostgate.engine.spendlock.SpendProposal}), answered by a {@link
 * dev.frostgate.engine.spendlock.SpendVerdict}; and the locks' lifecycle ({@link
 * dev.frostgate.engine.spendlock.LockLifecycle}), a pure decision over one request's locks ({@link
 * dev.frostgate.engine.spendlock.LockedRequest}), the chain facts and the clock, answering a {@link
 * dev.frostgate.engine.spendlock.LockTransition}: keep, track the completed transaction, bump it,
 * or release every lock of the request (its spend or a conflicting one buried, or expired with no
 * share recorded), as {@link dev.frostgate.engine.spendlock.LifecycleConfig} sets. The journal
 * adapter stores the locks and the transitions, applies the rule in the commit that writes the
 * locks, and writes each transition before it takes effect; a released lock stays stored for audit
 * and no longer blocks another request.
 */
package dev.frostgate.engine.spendlock;
