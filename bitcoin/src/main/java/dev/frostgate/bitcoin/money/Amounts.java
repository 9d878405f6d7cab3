package dev.frostgate.bitcoin.money;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Exact conversion between Bitcoin Core's BTC amounts (JSON numbers with up to 8 decimals) and
 * satoshis. Never goes through {@code double}.
 */
public final class Amounts {
  /** 21 million BTC in satoshis: Core's {@code MAX_MONEY}. */
  public static final long MAX_MONEY_SATS = 21_000_000L * 100_000_000L;

  private Amounts() {}

  /**
   * BTC to satoshis, exactly. Negative amounts are allowed (wallet sends and fees are negative in
   * Core's answers).
   *
   * @throws IllegalArgumentException if the amount has a fraction of a satoshi or its magnitude
   *     exceeds {@link #MAX_MONEY_SATS}
   */
  public static long btcToSats(BigDecimal btc) {
    Objects.requireNonNull(btc, "btc");
    // Bound before scaling so that a huge exponent cannot make us build a huge number.
    if (btc.abs().compareTo(BigDecimal.valueOf(21_000_000L)) > 0) {
      throw new IllegalArgumentException("amount " + describe(btc) + " BTC exceeds 21e6 BTC");
    }
    BigDecimal sats = btc.movePointRight(8).stripTrailingZeros();
    if (sats.scale() > 0) {
      throw new IllegalArgumentException(
          "amount " + describe(btc) + " BTC has a fraction of a satoshi");
    }
    return sats.longValueExact();
  }

  /** Plain notation unless that would be huge (an exponent like 1e999999999). */
  private static String describe(BigDecimal btc) {
    return Math.abs((long) btc.scale()) > 32 ? btc.toString() : btc.toPlainString();
  }

  /** Satoshis to BTC with exactly 8 decimals (as Core prints them). */
  public static BigDecimal satsToBtc(long sats) {
    if (Math.abs(sats) > MAX_MONEY_SATS) {
      throw new IllegalArgumentException("amount " + sats + " sat exceeds 21e6 BTC");
    }
    return BigDecimal.valueOf(sats, 8);
  }
}
