package dev.frostgate.bitcoin.spend;

import dev.frostgate.bitcoin.fee.FeeRate;
import fr.acinq.bitcoin.Satoshi;
import java.util.List;
import java.util.Objects;

/**
 * Everything that determines one spend. {@link SpendBuilder#build} turns a recipe into exactly one
 * unsigned transaction, so every validator rebuilds the leader's proposal byte for byte.
 *
 * @param inputs the coins to spend (any order; the transaction sorts them)
 * @param outputs the recipients, in the order they appear in the transaction
 * @param feeRate the target fee rate; must be payable (1..100,000 sat/vB)
 * @param change where change goes and its dust limit
 * @param feeCap the most this request may pay in fees (the per-request cap)
 */
public record SpendRecipe(
    List<SpendInput> inputs,
    List<SpendOutput> outputs,
    FeeRate feeRate,
    ChangePolicy change,
    Satoshi feeCap) {
  public SpendRecipe {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    requirePayable(feeRate);
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(feeCap, "feeCap");
    SpendBuilder.checkAmount(feeCap.getSat(), "fee cap");
  }

  /** The same recipe at another fee rate (what a replacement changes). */
  public SpendRecipe withFeeRate(FeeRate rate) {
    return new SpendRecipe(inputs, outputs, rate, change, feeCap);
  }

  /** The same recipe with another fee cap. */
  public SpendRecipe withFeeCap(Satoshi cap) {
    return new SpendRecipe(inputs, outputs, feeRate, change, cap);
  }

  /**
   * A spend never pays 0 (nothing would relay it) nor an absurd rate (a unit mistake): Core may
   * report such rates, a recipe may not use them.
   *
   * @throws SpendException INVALID_FEE_RATE outside 1..{@link FeeRate#MAX_PAYABLE}
   */
  static FeeRate requirePayable(FeeRate rate) {
    Objects.requireNonNull(rate, "feeRate");
    if (!rate.isPayable()) {
      throw new SpendException(
          SpendException.Reason.INVALID_FEE_RATE,
          "fee rate must be 1.."
              + FeeRate.MAX_PAYABLE.satPerKvb()
              + " sat/kvB, got "
              + rate.satPerKvb());
    }
    return rate;
  }
}
