package dev.frostgate.engine.spendlock;

/**
 * When the spend-lock lifecycle ({@link LockLifecycle}) releases and bumps.
 *
 * @param burialDepth confirmations after which a spend (ours or a conflicting one) is final enough
 *     to release the locks on its coins
 * @param bumpAfterBlocks blocks a signed transaction may stay unconfirmed before its request's
 *     leader re-proposes it at a higher fee rate
 */
public record LifecycleConfig(int burialDepth, int bumpAfterBlocks) {
  /** Bitcoin's customary finality depth. */
  public static final int DEFAULT_BURIAL_DEPTH = 6;

  /** Three blocks: a transaction that missed three blocks pays too little for the mempool. */
  public static final int DEFAULT_BUMP_AFTER_BLOCKS = 3;

  public LifecycleConfig {
    if (burialDepth < 1) {
      throw new IllegalArgumentException("burial depth must be at least 1, got " + burialDepth);
    }
    if (bumpAfterBlocks < 1) {
      throw new IllegalArgumentException(
          "bump-after blocks must be at least 1, got " + bumpAfterBlocks);
    }
  }

  /** Burial at 6 confirmations, a bump after 3 blocks unconfirmed. */
  public static LifecycleConfig defaults() {
    return new LifecycleConfig(DEFAULT_BURIAL_DEPTH, DEFAULT_BUMP_AFTER_BLOCKS);
  }
}
