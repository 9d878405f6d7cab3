package dev.frostgate.engine;

import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.money.Amounts;
import fr.acinq.bitcoin.Satoshi;
import java.util.Objects;

/**
 * The operator's policy settings: the one type for them, built by the node's config loader from
 * {@code [policy]} and {@code [bitcoin] confirmations_required}, and read by {@link Policy}.
 *
 * @param feeCap the most any spend may pay in fees (on top of each request's own cap)
 * @param maxFeeRate the highest fee rate the operator allows a spend to pay
 * @param minConfirmations confirmations a coin needs before it is spent
 */
public record PolicyConfig(Satoshi feeCap, FeeRate maxFeeRate, int minConfirmations) {
  /** The fee-rate limit of {@link #defaults()}: 500 sat/vB. */
  public static final FeeRate DEFAULT_MAX_FEE_RATE = FeeRate.ofSatPerVb(500);

  public PolicyConfig {
    Objects.requireNonNull(feeCap, "feeCap");
    Objects.requireNonNull(maxFeeRate, "maxFeeRate");
    // Satoshi allows any long, negatives included: the range is checked here.
    if (!Amounts.inRange(feeCap.getSat())) {
      throw new IllegalArgumentException("fee cap must be 0.." + Amounts.MAX_MONEY + " sat");
    }
    if (minConfirmations < 0) {
      throw new IllegalArgumentException("min confirmations must be >= 0");
    }
  }

  /** A 100,000 sat fee cap, at most 500 sat/vB, coins with at least one confirmation. */
  public static PolicyConfig defaults() {
    return new PolicyConfig(new Satoshi(100_000), DEFAULT_MAX_FEE_RATE, 1);
  }

  /** The same settings with another fee cap. */
  public PolicyConfig withFeeCap(Satoshi cap) {
    return new PolicyConfig(cap, maxFeeRate, minConfirmations);
  }
}
