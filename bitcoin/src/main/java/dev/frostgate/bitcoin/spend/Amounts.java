package dev.frostgate.bitcoin.spend;

/** Satoshi amounts: range checks and overflow-safe sums. */
public final class Amounts {
  /** 21,000,000 BTC in satoshis (Bitcoin Core's MAX_MONEY). */
  public static final long MAX_MONEY = 21_000_000L * 100_000_000L;

  private Amounts() {}

  /**
   * @throws SpendException NEGATIVE_AMOUNT or AMOUNT_OVERFLOW naming {@code where}
   */
  public static long check(long sat, String where) {
    if (sat < 0) {
      throw new SpendException(
          SpendException.Reason.NEGATIVE_AMOUNT, where + " has a negative amount: " + sat + " sat");
    }
    if (sat > MAX_MONEY) {
      throw new SpendException(
          SpendException.Reason.AMOUNT_OVERFLOW,
          where + " amount " + sat + " sat is above 21,000,000 BTC");
    }
    return sat;
  }

  /** a + b, both already in range, rejecting a sum above MAX_MONEY. */
  static long add(long a, long b, String where) {
    long s = a + b; // both ≤ MAX_MONEY, so no long overflow
    if (s > MAX_MONEY) {
      throw new SpendException(
          SpendException.Reason.AMOUNT_OVERFLOW, where + " sums to more than 21,000,000 BTC");
    }
    return s;
  }
}
