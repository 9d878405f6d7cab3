package dev.frostgate.crypto.hash;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869). The JDK gained a KDF API only in JDK 25, and Frostgate targets
 * Java 21; HMAC is the JDK's own, so this is the RFC's two steps and nothing else. Inputs and
 * outputs are secret: the caller wipes them.
 */
public final class Hkdf {
  private static final int HASH_LEN = 32;

  private Hkdf() {}

  /** Extract-then-expand: {@code length} bytes of output keying material. */
  public static byte[] deriveSha256(byte[] salt, byte[] ikm, byte[] info, int length) {
    byte[] prk = extract(salt, ikm);
    try {
      return expand(prk, info, length);
    } finally {
      Arrays.fill(prk, (byte) 0);
    }
  }

  /** HKDF-Extract(salt, IKM) = HMAC-SHA256(salt, IKM); an empty salt means 32 zero bytes. */
  static byte[] extract(byte[] salt, byte[] ikm) {
    return hmac(salt.length == 0 ? new byte[HASH_LEN] : salt, ikm);
  }

  /** HKDF-Expand(PRK, info, L) for L ≤ 255·32. */
  static byte[] expand(byte[] prk, byte[] info, int length) {
    if (length <= 0 || length > 255 * HASH_LEN) {
      throw new IllegalArgumentException("HKDF output length must be 1..8160, got " + length);
    }
    byte[] out = new byte[length];
    byte[] t = new byte[0];
    for (int i = 1, off = 0; off < length; i++) {
      byte[] next = hmac(prk, Hashes.concat(t, info, new byte[] {(byte) i}));
      Arrays.fill(t, (byte) 0);
      t = next;
      int n = Math.min(HASH_LEN, length - off);
      System.arraycopy(t, 0, out, off, n);
      off += n;
    }
    Arrays.fill(t, (byte) 0);
    return out;
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
