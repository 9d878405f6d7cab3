package dev.frostgate.regtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** BTC amounts as Core writes and parses them: JSON numbers with 8 decimals. */
final class Amounts {
  static final long COIN = 100_000_000L;
  static final long MAX_MONEY = 21_000_000L * COIN;

  private Amounts() {}

  static boolean moneyRange(long sat) {
    return sat >= 0 && sat <= MAX_MONEY;
  }

  /** Satoshis as a BTC decimal with exactly 8 fraction digits. */
  static BigDecimal btc(long sat) {
    return BigDecimal.valueOf(sat, 8);
  }

  /** Core's {@code AmountFromValue}: a number or numeric string, at most 8 decimals, in range. */
  static long parseBtc(JsonNode v) throws RpcException {
    if (v == null || !(v.isNumber() || v.isTextual())) {
      throw new RpcException(RpcException.TYPE_ERROR, "Amount is not a number or string");
    }
    BigDecimal d;
    try {
      d = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
    } catch (NumberFormatException e) {
      throw new RpcException(RpcException.TYPE_ERROR, "Invalid amount");
    }
    BigDecimal sat = d.movePointRight(8);
    if (sat.stripTrailingZeros().scale() > 0) {
      throw new RpcException(RpcException.TYPE_ERROR, "Invalid amount");
    }
    if (sat.signum() < 0 || sat.compareTo(BigDecimal.valueOf(MAX_MONEY)) > 0) {
      throw new RpcException(RpcException.TYPE_ERROR, "Amount out of range");
    }
    return sat.longValueExact();
  }

  /** Core's {@code FormatMoney}: trailing zeros trimmed, at least two decimals. */
  static String formatMoney(long sat) {
    long abs = Math.abs(sat);
    String s = (sat < 0 ? "-" : "") + (abs / COIN) + "." + String.format("%08d", abs % COIN);
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '0' && Character.isDigit(s.charAt(end - 3))) {
      end--;
    }
    return s.substring(0, end);
  }
}
