package dev.frostgate.engine;

/**
 * The operator's policy settings.
 *
 * @param feeCapSat the most any spend may pay in fees (on top of each request's own cap)
 * @param minConfirmations confirmations a coin needs before it is spent
 */
public record PolicyConfig(long feeCapSat, int minConfirmations) {
  public PolicyConfig {
    if (feeCapSat < 0) {
      throw new IllegalArgumentException("fee cap must be >= 0");
    }
    if (minConfirmations < 0) {
      throw new IllegalArgumentException("min confirmations must be >= 0");
    }
  }

  public static PolicyConfig defaults() {
    return new PolicyConfig(100_000, 1);
  }
}
