package dev.frostgate.crypto.hd;

import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.hash.Hashes;
import java.security.MessageDigest;
import java.util.Arrays;

/** Bitcoin's Base58 alphabet, plain and with the 4-byte double-SHA-256 checksum (Base58Check). */
public final class Base58 {
  private static final String ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final int[] INDEX = new int[128];

  static {
    Arrays.fill(INDEX, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      INDEX[ALPHABET.charAt(i)] = i;
    }
  }

  private Base58() {}

  /** Plain Base58: each leading zero byte becomes a leading '1'. */
  public static String encode(byte[] data) {
    int zeros = 0;
    while (zeros < data.length && data[zeros] == 0) {
      zeros++;
    }
    // base-256 to base-58 by repeated division; log(256)/log(58) < 1.37
    byte[] digits = new byte[(data.length - zeros) * 138 / 100 + 1];
    int length = 0;
    for (int i = zeros; i < data.length; i++) {
      int carry = data[i] & 0xff;
      int j = 0;
      for (int k = digits.length - 1; (carry != 0 || j < length) && k >= 0; k--, j++) {
        carry += 256 * (digits[k] & 0xff);
        digits[k] = (byte) (carry % 58);
        carry /= 58;
      }
      length = j;
    }
    int start = digits.length - length;
    while (start < digits.length && digits[start] == 0) {
      start++;
    }
    StringBuilder sb = new StringBuilder(zeros + digits.length - start);
    sb.append("1".repeat(zeros));
    for (int k = start; k < digits.length; k++) {
      sb.append(ALPHABET.charAt(digits[k]));
    }
    return sb.toString();
  }

  /**
   * Decodes plain Base58.
   *
   * @throws CryptoException naming the first character outside the alphabet and its position
   */
  public static byte[] decode(String text) {
    int zeros = 0;
    while (zeros < text.length() && text.charAt(zeros) == '1') {
      zeros++;
    }
    byte[] bytes = new byte[(text.length() - zeros) * 733 / 1000 + 1];
    int length = 0;
    for (int i = zeros; i < text.length(); i++) {
      char c = text.charAt(i);
      int digit = c < 128 ? INDEX[c] : -1;
      if (digit < 0) {
        throw new CryptoException(
            "invalid Base58 character '" + printable(c) + "' at position " + i);
      }
      int carry = digit;
      int j = 0;
      for (int k = bytes.length - 1; (carry != 0 || j < length) && k >= 0; k--, j++) {
        carry += 58 * (bytes[k] & 0xff);
        bytes[k] = (byte) carry;
        carry >>>= 8;
      }
      length = j;
    }
    int start = bytes.length - length;
    while (start < bytes.length && bytes[start] == 0) {
      start++;
    }
    byte[] out = new byte[zeros + bytes.length - start];
    System.arraycopy(bytes, start, out, zeros, bytes.length - start);
    return out;
  }

  /** Base58Check: payload ‖ first four bytes of SHA256d(payload). */
  public static String encodeCheck(byte[] payload) {
    byte[] checksum = Hashes.sha256d(payload);
    return encode(Hashes.concat(payload, Arrays.copyOf(checksum, 4)));
  }

  /**
   * Decodes Base58Check and returns the payload without its checksum.
   *
   * @throws CryptoException for a bad character, input shorter than a checksum, or a checksum
   *     mismatch
   */
  public static byte[] decodeCheck(String text) {
    byte[] raw = decode(text);
    if (raw.length < 4) {
      throw new CryptoException(
          "Base58Check string decodes to " + raw.length + " bytes, shorter than its checksum");
    }
    byte[] payload = Arrays.copyOf(raw, raw.length - 4);
    byte[] expected = Arrays.copyOf(Hashes.sha256d(payload), 4);
    if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(raw, raw.length - 4, raw.length))) {
      throw new CryptoException("Base58Check checksum mismatch");
    }
    return payload;
  }

  static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("U+%04X", (int) c);
  }
}
