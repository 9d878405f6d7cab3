package dev.frostgate.bitcoin.fee;

import dev.frostgate.bitcoin.money.Amounts;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A fee rate, held exactly in satoshis per 1000 virtual bytes as Bitcoin Core holds it ({@code
 * CFeeRate}); Core's RPC shows it as BTC/kvB, policy usually speaks sat/vB.
 *
 * @param satPerKvb satoshis per 1000 vbytes, not negative
 */
public record FeeRate(long satPerKvb) implements Comparable<FeeRate> {
  public static final FeeRate ZERO = new FeeRate(0);

  public FeeRate {
    if (satPerKvb < 0) {
      throw new IllegalArgumentException(
          "fee rate must not be negative: " + satPerKvb + " sat/kvB");
    }
  }

  public static FeeRate ofSatPerKvb(long satPerKvb) {
    return new FeeRate(satPerKvb);
  }

  public static FeeRate ofSatPerVb(long satPerVb) {
    return new FeeRate(Math.multiplyExact(satPerVb, 1000L));
  }

  /** From a sat/vB value with at most 3 decimals (the precision of sat/kvB). */
  public static FeeRate ofSatPerVb(BigDecimal satPerVb) {
    return new FeeRate(
        satPerVb.movePointRight(3).setScale(0, RoundingMode.UNNECESSARY).longValueExact());
  }

  /** From Core's BTC/kvB (exact; a fraction of a satoshi per kvB is refused). */
  public static FeeRate ofBtcPerKvb(BigDecimal btcPerKvb) {
    return new FeeRate(Amounts.btcToSats(btcPerKvb));
  }

  /** The rate in sat/vB, exact (up to 3 decimals). */
  public BigDecimal satPerVb() {
    return BigDecimal.valueOf(satPerKvb, 3).stripTrailingZeros();
  }

  /** The rate in BTC/kvB, as Core's RPC arguments take it. */
  public BigDecimal btcPerKvb() {
    return Amounts.satsToBtc(satPerKvb);
  }

  /** The fee for a transaction of {@code vsize} vbytes at this rate, rounded up as Core does. */
  public long feeFor(long vsize) {
    if (vsize < 0) {
      throw new IllegalArgumentException("vsize must not be negative: " + vsize);
    }
    long num = Math.multiplyExact(satPerKvb, vsize);
    return Math.ceilDiv(num, 1000L);
  }

  public static FeeRate max(FeeRate a, FeeRate b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  public static FeeRate min(FeeRate a, FeeRate b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public int compareTo(FeeRate o) {
    return Long.compare(satPerKvb, o.satPerKvb);
  }

  @Override
  public String toString() {
    return satPerVb().toPlainString() + " sat/vB";
  }
}
