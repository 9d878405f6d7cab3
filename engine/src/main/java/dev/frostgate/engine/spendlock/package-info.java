/**
 * The spend-lock rule: one pure decision ({@link dev.frostgate.engine.spendlock.SpendLockRule})
 * over the locks a node has written ({@link dev.frostgate.engine.spendlock.SpendLock}) and the
 * transaction it is asked to sign ({@link dev.frostgate.engine.spendlock.SpendProposal}), answered
 * by a {@link dev.frostgate.engine.spendlock.SpendVerdict}. The journal adapter stores the locks
 * and applies the rule in the commit that writes them.
 */
package dev.frostgate.engine.spendlock;
