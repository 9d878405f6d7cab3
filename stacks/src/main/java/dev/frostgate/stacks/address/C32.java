package dev.frostgate.stacks.address;

import dev.frostgate.crypto.hash.Hashes;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Crockford base-32 as Stacks uses it (c32) and c32check: the bytes as one big number in base 32,
 * with one '0' per leading zero byte; c32check appends the first 4 bytes of SHA256d(version ‖
 * data). All values here are public.
 */
public final class C32 {
  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  private static final BigInteger THIRTY_TWO = BigInteger.valueOf(32);

  private C32() {}

  public static String encode(byte[] data) {
    int zeros = 0;
    while (zeros < data.length && data[zeros] == 0) {
      zeros++;
    }
    StringBuilder digits = new StringBuilder();
    BigInteger n = new BigInteger(1, data);
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(THIRTY_TWO);
      digits.append(ALPHABET.charAt(qr[1].intValue()));
      n = qr[0];
    }
    digits.append("0".repeat(zeros));
    return digits.reverse().toString();
  }

  /**
   * Decodes c32 the way the reference decoder does: case-insensitive, with O read as 0 and I, L as
   * 1.
   *
   * @throws StacksAddressException for any other character
   */
  public static byte[] decode(String text) {
    String s = normalize(text);
    int zeros = 0;
    while (zeros < s.length() && s.charAt(zeros) == '0') {
      zeros++;
    }
    BigInteger n = BigInteger.ZERO;
    for (int i = 0; i < s.length(); i++) {
      int d = ALPHABET.indexOf(s.charAt(i));
      if (d < 0) {
        throw new StacksAddressException(
            "'" + text.charAt(i) + "' at " + i + " is not a c32 digit");
      }
      n = n.multiply(THIRTY_TWO).add(BigInteger.valueOf(d));
    }
    byte[] magnitude = n.signum() == 0 ? new byte[0] : n.toByteArray();
    if (magnitude.length > 0 && magnitude[0] == 0) {
      magnitude = Arrays.copyOfRange(magnitude, 1, magnitude.length);
    }
    byte[] out = new byte[zeros + magnitude.length];
    System.arraycopy(magnitude, 0, out, zeros, magnitude.length);
    return out;
  }

  static String normalize(String text) {
    return text.toUpperCase(java.util.Locale.ROOT)
        .replace('O', '0')
        .replace('L', '1')
        .replace('I', '1');
  }

  /** c32check: version character, then c32(data ‖ checksum). */
  public static String checkEncode(int version, byte[] data) {
    if (version < 0 || version > 31) {
      throw new StacksAddressException("c32check version must be 0..31, got " + version);
    }
    byte[] checksum = checksum(version, data);
    byte[] payload = Arrays.copyOf(data, data.length + 4);
    System.arraycopy(checksum, 0, payload, data.length, 4);
    return ALPHABET.charAt(version) + encode(payload);
  }

  /** The version and data of a c32check string; the checksum must match. */
  public static Decoded checkDecode(String text) {
    if (text.length() < 2) {
      throw new StacksAddressException("c32check string too short: '" + text + "'");
    }
    int version = ALPHABET.indexOf(normalize(text.substring(0, 1)).charAt(0));
    if (version < 0) {
      throw new StacksAddressException("'" + text.charAt(0) + "' is not a c32 version character");
    }
    byte[] payload = decode(text.substring(1));
    if (payload.length < 4) {
      throw new StacksAddressException("c32check payload shorter than its checksum");
    }
    byte[] data = Arrays.copyOf(payload, payload.length - 4);
    byte[] given = Arrays.copyOfRange(payload, payload.length - 4, payload.length);
    if (!Arrays.equals(given, checksum(version, data))) {
      throw new StacksAddressException("c32check checksum mismatch in '" + text + "'");
    }
    return new Decoded(version, data);
  }

  /** A decoded c32check string. */
  public record Decoded(int version, byte[] data) {
    public Decoded {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }
  }

  private static byte[] checksum(int version, byte[] data) {
    return Arrays.copyOf(Hashes.sha256d(new byte[] {(byte) version}, data), 4);
  }
}
