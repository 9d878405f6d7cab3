package dev.frostgate.bitcoin.money;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * Bitcoin amounts as Core defines them: satoshis within {@code 0..MAX_MONEY} ({@code MoneyRange}),
 * exact conversion to and from BTC (JSON numbers with up to 8 decimals, never through {@code
 * double}), and Core's {@code FormatMoney}. Failures are {@link IllegalArgumentException}s; callers
 * with their own error vocabulary (the spend code, the regtest node's RPC) map them.
 */
public final class Amounts {
  /** Satoshis per bitcoin: Core's {@code COIN}. */
  public static final long COIN = 100_000_000L;

  /** 21 million BTC in satoshis: Core's {@code MAX_MONEY}. */
  public static final long MAX_MONEY = 21_000_000L * COIN;

  private Amounts() {}

  /** Core's {@code MoneyRange}: {@code 0 <= sat <= MAX_MONEY}. */
  public static boolean inRange(long sat) {
    return sat >= 0 && sat <= MAX_MONEY;
  }

  /**
   * BTC to satoshis, exactly. Negative amounts are allowed (wallet sends and fees are negative in
   * Core's answers).
   *
   * @throws IllegalArgumentException if the amount has a fraction of a satoshi or its magnitude
   *     exceeds {@link #MAX_MONEY}
   */
  public static long btcToSat(BigDecimal btc) {
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

  /**
   * Satoshis to BTC with exactly 8 decimals (as Core prints them).
   *
   * @throws IllegalArgumentException if the magnitude exceeds {@link #MAX_MONEY}
   */
  public static BigDecimal satToBtc(long sat) {
    if (Math.abs(sat) > MAX_MONEY) {
      throw new IllegalArgumentException("amount " + sat + " sat exceeds 21e6 BTC");
    }
    return BigDecimal.valueOf(sat, 8);
  }

  /** Core's {@code FormatMoney}: BTC with trailing zeros trimmed, at least two decimals. */
  public static String formatMoney(long sat) {
    long abs = Math.abs(sat);
    String s =
        (sat < 0 ? "-" : "") + (abs / COIN) + "." + String.format(Locale.ROOT, "%08d", abs % COIN);
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '0' && Character.isDigit(s.charAt(end - 3))) {
      end--;
    }
    return s.substring(0, end);
  }
}
