package dev.frostgate.bitcoin.spend;

/**
 * A fee rate in satoshis per 1000 virtual bytes (Bitcoin Core's unit), so fractional sat/vB rates
 * are exact. The fee for a transaction of v vbytes is ceil(v · rate / 1000).
 */
public record FeeRate(long satPerKvb) implements Comparable<FeeRate> {
  /** Bitcoin Core's default minimum relay fee and incremental relay fee: 1 sat/vB. */
  public static final FeeRate MIN_RELAY = new FeeRate(1000);

  /** Incremental relay fee used for BIP125 replacements: 1 sat/vB. */
  public static final FeeRate INCREMENTAL_RELAY = new FeeRate(1000);

  /** Sanity bound: 100,000 sat/vB. Anything above is a unit mistake, not a fee. */
  public static final long MAX_SAT_PER_KVB = 100_000_000L;

  public FeeRate {
    if (satPerKvb <= 0 || satPerKvb > MAX_SAT_PER_KVB) {
      throw new SpendException(
          SpendException.Reason.INVALID_FEE_RATE,
          "fee rate must be 1.." + MAX_SAT_PER_KVB + " sat/kvB, got " + satPerKvb);
    }
  }

  public static FeeRate satPerVb(long satPerVb) {
    if (satPerVb <= 0 || satPerVb > MAX_SAT_PER_KVB / 1000) {
      throw new SpendException(
          SpendException.Reason.INVALID_FEE_RATE,
          "fee rate must be 1.." + MAX_SAT_PER_KVB / 1000 + " sat/vB, got " + satPerVb);
    }
    return new FeeRate(satPerVb * 1000);
  }

  public static FeeRate satPerKvb(long satPerKvb) {
    return new FeeRate(satPerKvb);
  }

  /** ceil(vsize · rate / 1000) satoshis. */
  public long feeFor(long vsize) {
    return Math.ceilDiv(Math.multiplyExact(vsize, satPerKvb), 1000L);
  }

  /** The rate actually paid by {@code feeSat} over {@code vsize}, rounded down. */
  public static long paidSatPerKvb(long feeSat, long vsize) {
    return Math.floorDiv(Math.multiplyExact(feeSat, 1000L), vsize);
  }

  @Override
  public int compareTo(FeeRate o) {
    return Long.compare(satPerKvb, o.satPerKvb);
  }

  @Override
  public String toString() {
    return (satPerKvb % 1000 == 0)
        ? (satPerKvb / 1000) + " sat/vB"
        : String.format(java.util.Locale.ROOT, "%.3f sat/vB", satPerKvb / 1000.0);
  }
}
