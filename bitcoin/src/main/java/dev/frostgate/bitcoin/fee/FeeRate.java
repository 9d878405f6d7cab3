package dev.frostgate.bitcoin.fee;

import dev.frostgate.bitcoin.money.Amounts;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A fee rate, held exactly in satoshis per 1000 virtual bytes as Bitcoin Core holds it ({@code
 * CFeeRate}); Core's RPC shows it as BTC/kvB, policy usually speaks sat/vB.
 *
 * <p>Any rate Core may report is a {@code FeeRate}, 0 included ({@code mempoolminfee} and {@code
 * relayfee} can be 0). Whether a spend may pay it is a separate question, {@link #isPayable()}: the
 * spend code refuses a rate outside 1..{@link #MAX_PAYABLE}.
 *
 * @param satPerKvb satoshis per 1000 vbytes, not negative
 */
public record FeeRate(long satPerKvb) implements Comparable<FeeRate> {
  public static final FeeRate ZERO = new FeeRate(0);

  /** Bitcoin Core's historical default minimum relay fee: 1 sat/vB. */
  public static final FeeRate MIN_RELAY = new FeeRate(1000);

  /** The incremental relay fee a BIP125 replacement pays on top: 1 sat/vB. */
  public static final FeeRate INCREMENTAL_RELAY = new FeeRate(1000);

  /** Sanity bound for a spend: 100,000 sat/vB. Anything above is a unit mistake, not a fee. */
  public static final FeeRate MAX_PAYABLE = new FeeRate(100_000_000L);

  public FeeRate {
    if (satPerKvb < 0) {
      throw new IllegalArgumentException(
          "fee rate must not be negative: " + satPerKvb + " sat/kvB");
    }
  }

  public static FeeRate ofSatPerKvb(long satPerKvb) {
    return new FeeRate(satPerKvb);
  }

  /** Alias of {@link #ofSatPerKvb(long)}, the name the spend code uses. */
  public static FeeRate satPerKvb(long satPerKvb) {
    return ofSatPerKvb(satPerKvb);
  }

  public static FeeRate ofSatPerVb(long satPerVb) {
    return new FeeRate(Math.multiplyExact(satPerVb, 1000L));
  }

  /** Alias of {@link #ofSatPerVb(long)}, the name the spend code uses. */
  public static FeeRate satPerVb(long satPerVb) {
    return ofSatPerVb(satPerVb);
  }

  /** From a sat/vB value with at most 3 decimals (the precision of sat/kvB). */
  public static FeeRate ofSatPerVb(BigDecimal satPerVb) {
    return new FeeRate(
        satPerVb.movePointRight(3).setScale(0, RoundingMode.UNNECESSARY).longValueExact());
  }

  /** From Core's BTC/kvB (exact; a fraction of a satoshi per kvB is refused). */
  public static FeeRate ofBtcPerKvb(BigDecimal btcPerKvb) {
    return new FeeRate(Amounts.btcToSat(btcPerKvb));
  }

  /** Whether a spend may pay this rate: 1 sat/kvB up to {@link #MAX_PAYABLE}. */
  public boolean isPayable() {
    return satPerKvb >= 1 && satPerKvb <= MAX_PAYABLE.satPerKvb;
  }

  /** The rate in sat/vB, exact (up to 3 decimals). */
  public BigDecimal satPerVb() {
    return BigDecimal.valueOf(satPerKvb, 3).stripTrailingZeros();
  }

  /** The rate in BTC/kvB, as Core's RPC arguments take it. */
  public BigDecimal btcPerKvb() {
    return Amounts.satToBtc(satPerKvb);
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

  /** Core's {@code CFeeRate::ToString()}: "0.00001000 BTC/kvB", as its error messages show it. */
  public String toCoreString() {
    return BigDecimal.valueOf(satPerKvb, 8).toPlainString() + " BTC/kvB";
  }

  @Override
  public String toString() {
    return satPerVb().toPlainString() + " sat/vB";
  }
}
