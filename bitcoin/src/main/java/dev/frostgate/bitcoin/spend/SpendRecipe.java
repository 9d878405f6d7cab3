package dev.frostgate.bitcoin.spend;

import java.util.List;
import java.util.Objects;

/**
 * Everything that determines one spend. {@link SpendBuilder#build} turns a recipe into exactly one
 * unsigned transaction, so every validator rebuilds the leader's proposal byte for byte.
 *
 * @param inputs the coins to spend (any order; the transaction sorts them)
 * @param outputs the recipients, in the order they appear in the transaction
 * @param feeRate the target fee rate
 * @param change where change goes and its dust limit
 * @param feeCapSat the most this request may pay in fees, in satoshis (the per-request cap)
 */
public record SpendRecipe(
    List<SpendInput> inputs,
    List<SpendOutput> outputs,
    FeeRate feeRate,
    ChangePolicy change,
    long feeCapSat) {
  public SpendRecipe {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    Objects.requireNonNull(feeRate, "feeRate");
    Objects.requireNonNull(change, "change");
    Amounts.check(feeCapSat, "fee cap");
  }

  /** The same recipe at another fee rate (what a replacement changes). */
  public SpendRecipe withFeeRate(FeeRate rate) {
    return new SpendRecipe(inputs, outputs, rate, change, feeCapSat);
  }

  /** The same recipe with another fee cap. */
  public SpendRecipe withFeeCap(long capSat) {
    return new SpendRecipe(inputs, outputs, feeRate, change, capSat);
  }
}
