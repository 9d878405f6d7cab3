package dev.frostgate.crypto.hd;

import dev.frostgate.crypto.ec.CryptoException;

/** BIP380 output descriptor checksums, and the ranged taproot descriptors of a threshold key. */
public final class Descriptor {
  private static final String INPUT_CHARSET =
      "0123456789()[],'/*abcdefgh@:$%{}"
          + "IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~"
          + "ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";
  private static final String CHECKSUM_CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final long[] GENERATOR = {
    0xf5dee51989L, 0xa9fdca3312L, 0x1bab10e32dL, 0x3706b1677aL, 0x644d626ffdL
  };

  private Descriptor() {}

  /**
   * The 8-character checksum of a descriptor without one (BIP380 descsum_create).
   *
   * @throws CryptoException naming the first character outside the descriptor character set
   */
  public static String checksum(String descriptor) {
    long c = 1;
    int groupCount = 0;
    int groups = 0;
    for (int i = 0; i < descriptor.length(); i++) {
      char ch = descriptor.charAt(i);
      int v = INPUT_CHARSET.indexOf(ch);
      if (v < 0) {
        throw new CryptoException(
            "descriptor character '"
                + Base58.printable(ch)
                + "' at position "
                + i
                + " is not in the BIP380 character set");
      }
      c = polymod(c, v & 31);
      groups = groups * 3 + (v >> 5);
      if (++groupCount == 3) {
        c = polymod(c, groups);
        groups = 0;
        groupCount = 0;
      }
    }
    if (groupCount > 0) {
      c = polymod(c, groups);
    }
    for (int i = 0; i < 8; i++) {
      c = polymod(c, 0);
    }
    c ^= 1;
    StringBuilder sb = new StringBuilder(8);
    for (int i = 0; i < 8; i++) {
      sb.append(CHECKSUM_CHARSET.charAt((int) ((c >>> (5 * (7 - i))) & 31)));
    }
    return sb.toString();
  }

  /** {@code descriptor + "#" + checksum(descriptor)}. */
  public static String withChecksum(String descriptor) {
    return descriptor + "#" + checksum(descriptor);
  }

  /**
   * Checks {@code SCRIPT#CHECKSUM} and returns SCRIPT.
   *
   * @throws CryptoException if the checksum is missing, not 8 characters, or does not match
   */
  public static String verifyChecksum(String descriptorWithChecksum) {
    int hash = descriptorWithChecksum.lastIndexOf('#');
    if (hash < 0) {
      throw new CryptoException("descriptor has no checksum");
    }
    String body = descriptorWithChecksum.substring(0, hash);
    String given = descriptorWithChecksum.substring(hash + 1);
    if (given.length() != 8) {
      throw new CryptoException("descriptor checksum must be 8 characters, got " + given.length());
    }
    String expected = checksum(body);
    if (!expected.equals(given)) {
      throw new CryptoException(
          "descriptor checksum '" + given + "' does not match computed '" + expected + "'");
    }
    return body;
  }

  /** Whether {@code SCRIPT#CHECKSUM} carries a valid checksum. */
  public static boolean hasValidChecksum(String descriptorWithChecksum) {
    try {
      verifyChecksum(descriptorWithChecksum);
      return true;
    } catch (CryptoException e) {
      return false;
    }
  }

  /**
   * {@code tr(<xpub>/<branch>/*)#checksum}: the receive (branch 0) or change (branch 1) range of a
   * threshold key, with key-path-only outputs.
   *
   * @throws IllegalArgumentException if branch is not 0 or 1
   */
  public static String taprootRange(ThresholdXpub xpub, int branch) {
    if (branch != 0 && branch != 1) {
      throw new IllegalArgumentException("branch must be 0 (receive) or 1 (change), got " + branch);
    }
    return withChecksum("tr(" + xpub.serialize() + "/" + branch + "/*)");
  }

  private static long polymod(long c, int value) {
    long top = c >>> 35;
    c = ((c & 0x7ffffffffL) << 5) ^ value;
    for (int i = 0; i < 5; i++) {
      if (((top >>> i) & 1) != 0) {
        c ^= GENERATOR[i];
      }
    }
    return c;
  }
}
