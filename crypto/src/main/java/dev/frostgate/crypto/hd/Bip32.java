package dev.frostgate.crypto.hd;

import dev.frostgate.crypto.ec.CryptoException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shared BIP32 plumbing: HMAC-SHA512, index encoding, and the 78-byte serialization header. Public
 * for the private-key side, which only tests use (crypto's test fixture {@code
 * ExtendedPrivateKey}).
 */
public final class Bip32 {
  public static final int HARDENED = 0x80000000;
  static final int SERIALIZED_LENGTH = 78;

  private static final ThreadLocal<Mac> HMAC_SHA512 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance("HmacSHA512");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("HmacSHA512 is required by every Java platform", e);
            }
          });

  private Bip32() {}

  /** HMAC-SHA512(key, parts...), 64 bytes. */
  public static byte[] hmacSha512(byte[] key, byte[]... parts) {
    Mac mac = HMAC_SHA512.get();
    try {
      mac.init(new SecretKeySpec(key, "HmacSHA512"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA512 rejected its key", e);
    }
    for (byte[] p : parts) {
      mac.update(p);
    }
    return mac.doFinal();
  }

  public static byte[] ser32(int i) {
    return new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
  }

  static int readInt(byte[] b, int off) {
    return (b[off] & 0xff) << 24
        | (b[off + 1] & 0xff) << 16
        | (b[off + 2] & 0xff) << 8
        | (b[off + 3] & 0xff);
  }

  public static String indexToString(int index) {
    return (index & HARDENED) != 0
        ? Integer.toUnsignedString(index & ~HARDENED) + "'"
        : Integer.toString(index);
  }

  /** The fields before the key data, after Base58Check and length checks. */
  public record Header(
      int version, int depth, int parentFingerprint, int childNumber, byte[] chainCode) {}

  /**
   * Decodes Base58Check, checks the length and the depth-0 rules, and returns the header; {@code
   * keyData} receives the 33 key bytes. The caller checks the version.
   */
  public static Header decode(String text, byte[] keyData) {
    byte[] raw;
    try {
      raw = Base58.decodeCheck(text);
    } catch (CryptoException e) {
      throw new CryptoException("extended key: " + e.getMessage());
    }
    try {
      if (raw.length != SERIALIZED_LENGTH) {
        throw new CryptoException(
            "extended key must be " + SERIALIZED_LENGTH + " bytes, got " + raw.length);
      }
      int version = readInt(raw, 0);
      int depth = raw[4] & 0xff;
      int parentFingerprint = readInt(raw, 5);
      int childNumber = readInt(raw, 9);
      if (depth == 0 && parentFingerprint != 0) {
        throw new CryptoException(
            "extended key has depth 0 but a non-zero parent fingerprint "
                + String.format("%08x", parentFingerprint));
      }
      if (depth == 0 && childNumber != 0) {
        throw new CryptoException(
            "extended key has depth 0 but a non-zero child number "
                + Integer.toUnsignedString(childNumber));
      }
      System.arraycopy(raw, 45, keyData, 0, 33);
      return new Header(
          version, depth, parentFingerprint, childNumber, Arrays.copyOfRange(raw, 13, 45));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  public static byte[] encodeHeader(
      int version, int depth, int parentFingerprint, int childNumber, byte[] chainCode) {
    byte[] out = new byte[SERIALIZED_LENGTH];
    System.arraycopy(ser32(version), 0, out, 0, 4);
    out[4] = (byte) depth;
    System.arraycopy(ser32(parentFingerprint), 0, out, 5, 4);
    System.arraycopy(ser32(childNumber), 0, out, 9, 4);
    System.arraycopy(chainCode, 0, out, 13, 32);
    return out;
  }

  static void checkFields(int depth, int parentFingerprint, int childNumber, byte[] chainCode) {
    if (depth < 0 || depth > 255) {
      throw new IllegalArgumentException("depth must be 0..255, got " + depth);
    }
    if (chainCode.length != 32) {
      throw new IllegalArgumentException("chain code must be 32 bytes, got " + chainCode.length);
    }
    if (depth == 0 && (parentFingerprint != 0 || childNumber != 0)) {
      throw new IllegalArgumentException(
          "a depth-0 key must have parent fingerprint 0 and child number 0");
    }
  }

  public static String unknownVersion(int version) {
    return "unknown extended key version 0x" + String.format("%08x", version);
  }
}
