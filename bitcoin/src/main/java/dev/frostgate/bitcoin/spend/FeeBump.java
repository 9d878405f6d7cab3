package dev.frostgate.bitcoin.spend;

import dev.frostgate.bitcoin.fee.FeeRate;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.util.List;

/**
 * Fee bumping by replacement (BIP125, as Bitcoin Core's mempool enforces it). A replacement spends
 * the same inputs and pays the same recipients in the same order; only the change (its amount, or
 * whether it exists) and so the fee change. It must pay at least the original fee plus the
 * incremental relay fee (1 sat/vB) for its own vsize, at a strictly higher rate, and never more
 * than the request's fee cap.
 */
public final class FeeBump {
  private FeeBump() {}

  /**
   * Rebuilds {@code original}'s recipe at {@code newRate} and checks the result as a replacement.
   *
   * @param feeCap the request's fee cap for the replacement
   * @throws SpendException INVALID_REPLACEMENT if the rate is not above the original's or the
   *     replacement pays too little (the message names the minimum rate), FEE_CAP_EXCEEDED if it
   *     would pay more than the cap, INSUFFICIENT_FUNDS if the change cannot absorb the fee,
   *     INVALID_FEE_RATE if {@code newRate} is not payable
   */
  public static UnsignedSpend bump(UnsignedSpend original, FeeRate newRate, Satoshi feeCap) {
    SpendRecipe.requirePayable(newRate);
    FeeRate oldRate = original.recipe().feeRate();
    if (newRate.compareTo(oldRate) <= 0) {
      throw new SpendException(
          SpendException.Reason.INVALID_REPLACEMENT,
          "replacement rate "
              + newRate
              + " is not above the original's "
              + oldRate
              + " (a bump is never below the original rate)");
    }
    SpendRecipe recipe = original.recipe().withFeeRate(newRate).withFeeCap(feeCap);
    UnsignedSpend replacement = SpendBuilder.build(recipe, original.xpub());
    checkReplacement(original, replacement);
    return replacement;
  }

  /**
   * The smallest fee rate whose replacement passes BIP125's absolute-fee rule for the original's
   * shape: (old fee + 1 sat/vB · vsize) / vsize, rounded up to a whole sat/kvB.
   */
  public static FeeRate minimumRate(UnsignedSpend original) {
    long vsize = original.vsize();
    long need = original.fee().getSat() + FeeRate.INCREMENTAL_RELAY.feeFor(vsize);
    long rate = Math.ceilDiv(need * 1000, vsize);
    return SpendRecipe.requirePayable(
        FeeRate.satPerKvb(Math.max(rate, original.recipe().feeRate().satPerKvb() + 1)));
  }

  /**
   * Checks that {@code replacement} may replace {@code original}.
   *
   * @throws SpendException INVALID_REPLACEMENT naming the rule broken
   */
  public static void checkReplacement(UnsignedSpend original, UnsignedSpend replacement) {
    List<OutPoint> a = original.tx().txIn.stream().map(i -> i.outPoint).toList();
    List<OutPoint> b = replacement.tx().txIn.stream().map(i -> i.outPoint).toList();
    if (!a.equals(b)) {
      throw new SpendException(
          SpendException.Reason.INVALID_REPLACEMENT,
          "replacement spends other inputs than the original");
    }
    for (TxIn in : original.tx().txIn) {
      if (in.sequence > 0xfffffffdL) {
        throw new SpendException(
            SpendException.Reason.INVALID_REPLACEMENT, "original does not signal replaceability");
      }
    }
    List<TxOut> ra = recipients(original);
    List<TxOut> rb = recipients(replacement);
    if (!ra.equals(rb)) {
      throw new SpendException(
          SpendException.Reason.INVALID_REPLACEMENT,
          "replacement changes the recipients (only the change may differ)");
    }
    if (original.changeOutput().isPresent()
        && replacement.changeOutput().isPresent()
        && !original
            .tx()
            .txOut
            .get(original.changeOutput().getAsInt())
            .publicKeyScript
            .equals(
                replacement
                    .tx()
                    .txOut
                    .get(replacement.changeOutput().getAsInt())
                    .publicKeyScript)) {
      throw new SpendException(
          SpendException.Reason.INVALID_REPLACEMENT, "replacement pays change to another address");
    }
    long required = original.fee().getSat() + FeeRate.INCREMENTAL_RELAY.feeFor(replacement.vsize());
    if (replacement.fee().getSat() < required) {
      throw new SpendException(
          SpendException.Reason.INVALID_REPLACEMENT,
          "replacement fee "
              + replacement.fee().getSat()
              + " sat is below the original fee "
              + original.fee().getSat()
              + " sat plus the incremental relay fee for "
              + replacement.vsize()
              + " vB ("
              + required
              + " sat); use at least "
              + minimumRate(original));
    }
    // Strictly higher rate: fee_new / vsize_new > fee_old / vsize_old.
    if (Math.multiplyExact(replacement.fee().getSat(), original.vsize())
        <= Math.multiplyExact(original.fee().getSat(), replacement.vsize())) {
      throw new SpendException(
          SpendException.Reason.INVALID_REPLACEMENT,
          "replacement does not pay a higher fee rate than the original");
    }
    if (replacement.fee().getSat() > replacement.recipe().feeCap().getSat()) {
      throw new SpendException(
          SpendException.Reason.FEE_CAP_EXCEEDED,
          "replacement fee "
              + replacement.fee().getSat()
              + " sat is above the cap of "
              + replacement.recipe().feeCap().getSat()
              + " sat");
    }
  }

  private static List<TxOut> recipients(UnsignedSpend s) {
    List<TxOut> outs = s.tx().txOut;
    return s.changeOutput().isPresent() ? outs.subList(0, s.changeOutput().getAsInt()) : outs;
  }
}
