package dev.frostgate.crypto.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** SHA-256, BIP340 tagged hashes and RFC 9380 expand_message_xmd. */
public final class Hashes {
  private Hashes() {}

  public static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** SHA-256 of the concatenation of the parts. */
  public static byte[] sha256(byte[]... parts) {
    MessageDigest d = sha256Digest();
    for (byte[] p : parts) {
      d.update(p);
    }
    return d.digest();
  }

  /** SHA256(SHA256(x)), Bitcoin's hash256. */
  public static byte[] sha256d(byte[]... parts) {
    return sha256(sha256(parts));
  }

  /** A SHA-256 digest primed with BIP340's tag prefix SHA256(tag) ‖ SHA256(tag). */
  public static MessageDigest taggedDigest(String tag) {
    byte[] t = sha256(tag.getBytes(StandardCharsets.UTF_8));
    MessageDigest d = sha256Digest();
    d.update(t);
    d.update(t);
    return d;
  }

  /** BIP340 tagged hash of the concatenation of the parts. */
  public static byte[] taggedHash(String tag, byte[]... parts) {
    MessageDigest d = taggedDigest(tag);
    for (byte[] p : parts) {
      d.update(p);
    }
    return d.digest();
  }

  /**
   * RFC 9380 §5.3.1 expand_message_xmd with SHA-256.
   *
   * @param lenInBytes output length, at most 255·32
   */
  public static byte[] expandMessageXmd(byte[] msg, byte[] dst, int lenInBytes) {
    if (dst.length > 255) {
      throw new IllegalArgumentException("DST longer than 255 bytes");
    }
    int ell = (lenInBytes + 31) / 32;
    if (ell > 255 || lenInBytes > 65535) {
      throw new IllegalArgumentException("requested output too long");
    }
    byte[] dstPrime = Arrays.copyOf(dst, dst.length + 1);
    dstPrime[dst.length] = (byte) dst.length;
    byte[] lIBStr = {(byte) (lenInBytes >>> 8), (byte) lenInBytes};

    MessageDigest d = sha256Digest();
    d.update(new byte[64]); // Z_pad, SHA-256 block size
    d.update(msg);
    d.update(lIBStr);
    d.update((byte) 0);
    d.update(dstPrime);
    byte[] b0 = d.digest();

    byte[] out = new byte[ell * 32];
    byte[] bi = sha256(b0, new byte[] {1}, dstPrime);
    System.arraycopy(bi, 0, out, 0, 32);
    for (int i = 2; i <= ell; i++) {
      byte[] x = new byte[32];
      for (int j = 0; j < 32; j++) {
        x[j] = (byte) (b0[j] ^ bi[j]);
      }
      bi = sha256(x, new byte[] {(byte) i}, dstPrime);
      System.arraycopy(bi, 0, out, (i - 1) * 32, 32);
    }
    return Arrays.copyOf(out, lenInBytes);
  }

  public static byte[] concat(byte[]... parts) {
    int len = 0;
    for (byte[] p : parts) {
      len += p.length;
    }
    byte[] out = new byte[len];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }

  public static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
