package dev.frostgate.crypto.hd;

import dev.frostgate.crypto.ec.CryptoException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;

/** Bech32 (BIP173) and bech32m (BIP350) strings: HRP, separator '1', 5-bit data, checksum. */
public final class Bech32 {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] CHARSET_REV = new int[128];
  private static final int[] GEN = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

  /** BIP173 caps the whole string at 90 characters. */
  public static final int MAX_LENGTH = 90;

  static {
    Arrays.fill(CHARSET_REV, -1);
    for (int i = 0; i < CHARSET.length(); i++) {
      CHARSET_REV[CHARSET.charAt(i)] = i;
    }
  }

  /** Which checksum constant a string uses. */
  public enum Encoding {
    BECH32(1),
    BECH32M(0x2bc830a3);

    private final int constant;

    Encoding(int constant) {
      this.constant = constant;
    }
  }

  /** A decoded string: lowercase HRP, the 5-bit data values (without checksum), the encoding. */
  public record Decoded(String hrp, byte[] data, Encoding encoding) {
    public Decoded {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Decoded d
          && d.hrp.equals(hrp)
          && Arrays.equals(d.data, data)
          && d.encoding == encoding;
    }

    @Override
    public int hashCode() {
      return 31 * (31 * hrp.hashCode() + Arrays.hashCode(data)) + encoding.hashCode();
    }

    @Override
    public String toString() {
      return "Bech32.Decoded[hrp=" + hrp + ", " + data.length + " values, " + encoding + "]";
    }
  }

  private Bech32() {}

  /**
   * Encodes 5-bit values under a lowercase HRP.
   *
   * @throws CryptoException if the HRP is empty, has characters outside 33..126 or uppercase, a
   *     value is not 5-bit, or the result would exceed 90 characters
   */
  public static String encode(String hrp, byte[] values, Encoding encoding) {
    checkHrp(hrp);
    if (!hrp.equals(hrp.toLowerCase(Locale.ROOT))) {
      throw new CryptoException("bech32 HRP must be lowercase to encode: " + hrp);
    }
    for (byte v : values) {
      if ((v & 0xff) > 31) {
        throw new CryptoException("bech32 data value " + (v & 0xff) + " is not a 5-bit value");
      }
    }
    if (hrp.length() + 1 + values.length + 6 > MAX_LENGTH) {
      throw new CryptoException("bech32 string would exceed " + MAX_LENGTH + " characters");
    }
    int polymod = polymod(hrp, values, new byte[6]) ^ encoding.constant;
    StringBuilder sb = new StringBuilder(hrp.length() + 1 + values.length + 6);
    sb.append(hrp).append('1');
    for (byte v : values) {
      sb.append(CHARSET.charAt(v));
    }
    for (int i = 0; i < 6; i++) {
      sb.append(CHARSET.charAt((polymod >>> (5 * (5 - i))) & 31));
    }
    return sb.toString();
  }

  /**
   * Decodes a bech32 or bech32m string and reports which checksum matched.
   *
   * @throws CryptoException for mixed case, a character out of range, a missing or misplaced
   *     separator, an empty HRP, a data character outside the charset, a length over 90, or a
   *     checksum matching neither constant
   */
  public static Decoded decode(String text) {
    if (text.length() > MAX_LENGTH) {
      throw new CryptoException(
          "bech32 string is " + text.length() + " characters, more than " + MAX_LENGTH);
    }
    boolean lower = false;
    boolean upper = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 33 || c > 126) {
        throw new CryptoException(
            "bech32 character " + Base58.printable(c) + " at position " + i + " is out of range");
      }
      lower |= c >= 'a' && c <= 'z';
      upper |= c >= 'A' && c <= 'Z';
    }
    if (lower && upper) {
      throw new CryptoException("bech32 string mixes upper and lower case");
    }
    String s = text.toLowerCase(Locale.ROOT);
    int sep = s.lastIndexOf('1');
    if (sep < 0) {
      throw new CryptoException("bech32 string has no separator '1'");
    }
    if (sep == 0) {
      throw new CryptoException("bech32 string has an empty human-readable part");
    }
    if (s.length() - sep - 1 < 6) {
      throw new CryptoException("bech32 string is too short for its 6-character checksum");
    }
    String hrp = s.substring(0, sep);
    byte[] all = new byte[s.length() - sep - 1];
    for (int i = 0; i < all.length; i++) {
      char c = s.charAt(sep + 1 + i);
      int v = CHARSET_REV[c];
      if (v < 0) {
        throw new CryptoException(
            "bech32 data character '"
                + c
                + "' at position "
                + (sep + 1 + i)
                + " is not in the charset");
      }
      all[i] = (byte) v;
    }
    byte[] data = Arrays.copyOf(all, all.length - 6);
    int check = polymod(hrp, data, Arrays.copyOfRange(all, all.length - 6, all.length));
    Encoding encoding;
    if (check == Encoding.BECH32.constant) {
      encoding = Encoding.BECH32;
    } else if (check == Encoding.BECH32M.constant) {
      encoding = Encoding.BECH32M;
    } else {
      throw new CryptoException("bech32 checksum is invalid (neither bech32 nor bech32m)");
    }
    return new Decoded(hrp, data, encoding);
  }

  /**
   * General power-of-two base conversion (BIP173 reference {@code convertbits}).
   *
   * @throws CryptoException if a value does not fit {@code fromBits}, or, without padding, the
   *     leftover bits are 5 or more or not zero
   */
  public static byte[] convertBits(byte[] in, int fromBits, int toBits, boolean pad) {
    int acc = 0;
    int bits = 0;
    int maxv = (1 << toBits) - 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * fromBits / toBits + 1);
    for (byte b : in) {
      int value = b & 0xff;
      if ((value >>> fromBits) != 0) {
        throw new CryptoException("value " + value + " does not fit in " + fromBits + " bits");
      }
      acc = (acc << fromBits) | value;
      bits += fromBits;
      while (bits >= toBits) {
        bits -= toBits;
        out.write((acc >>> bits) & maxv);
      }
    }
    if (pad) {
      if (bits > 0) {
        out.write((acc << (toBits - bits)) & maxv);
      }
    } else if (bits >= fromBits) {
      throw new CryptoException("more than " + (fromBits - 1) + " bits of padding");
    } else if (((acc << (toBits - bits)) & maxv) != 0) {
      throw new CryptoException("non-zero padding bits");
    }
    return out.toByteArray();
  }

  private static void checkHrp(String hrp) {
    if (hrp.isEmpty() || hrp.length() > 83) {
      throw new CryptoException("bech32 HRP must be 1 to 83 characters, got " + hrp.length());
    }
    for (int i = 0; i < hrp.length(); i++) {
      char c = hrp.charAt(i);
      if (c < 33 || c > 126) {
        throw new CryptoException(
            "bech32 HRP character " + Base58.printable(c) + " at position " + i + " out of range");
      }
    }
  }

  private static int polymod(String hrp, byte[] data, byte[] checksum) {
    int chk = 1;
    for (int i = 0; i < hrp.length(); i++) {
      chk = step(chk, hrp.charAt(i) >>> 5);
    }
    chk = step(chk, 0);
    for (int i = 0; i < hrp.length(); i++) {
      chk = step(chk, hrp.charAt(i) & 31);
    }
    for (byte v : data) {
      chk = step(chk, v);
    }
    for (byte v : checksum) {
      chk = step(chk, v);
    }
    return chk;
  }

  private static int step(int chk, int value) {
    int top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    for (int i = 0; i < 5; i++) {
      if (((top >>> i) & 1) != 0) {
        chk ^= GEN[i];
      }
    }
    return chk;
  }
}
