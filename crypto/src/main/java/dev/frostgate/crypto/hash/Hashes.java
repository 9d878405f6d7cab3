package dev.frostgate.crypto.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/** SHA-256, BIP340 tagged hashes and RFC 9380 expand_message_xmd. */
public final class Hashes {
  private static final Primed SHA256 = new Primed(new byte[0]);

  /** expand_message_xmd's Z_pad (one all-zero block), hashed once. */
  private static final Primed AFTER_Z_PAD = new Primed(new byte[64]);

  /** Per BIP340 tag, SHA256(tag) ‖ SHA256(tag) (one block), hashed once. */
  private static final ConcurrentHashMap<String, Primed> TAGGED = new ConcurrentHashMap<>();

  private Hashes() {}

  /**
   * A SHA-256 state after a fixed public prefix, never updated itself: each use gets a clone, which
   * costs a fraction of a provider lookup ({@code MessageDigest.getInstance}) and of hashing the
   * prefix again. A provider whose digest cannot be cloned gets a fresh digest fed the prefix.
   */
  private record Primed(MessageDigest state, byte[] prefix) {
    Primed(byte[] prefix) {
      this(newSha256(), prefix);
      state.update(prefix);
    }

    MessageDigest fresh() {
      try {
        return (MessageDigest) state.clone();
      } catch (CloneNotSupportedException e) {
        MessageDigest d = newSha256();
        d.update(prefix);
        return d;
      }
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  public static MessageDigest sha256Digest() {
    return SHA256.fresh();
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
    return TAGGED
        .computeIfAbsent(
            tag,
            k -> {
              byte[] t = sha256(k.getBytes(StandardCharsets.UTF_8));
              return new Primed(concat(t, t));
            })
        .fresh();
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
    MessageDigest d = AFTER_Z_PAD.fresh();
    d.update(msg);
    d.update((byte) (lenInBytes >>> 8));
    d.update((byte) lenInBytes);
    d.update((byte) 0);
    d.update(dst);
    d.update((byte) dst.length);
    byte[] b0 = d.digest();

    byte[] out = new byte[ell * 32];
    byte[] bi = new byte[32];
    for (int i = 1; i <= ell; i++) {
      // b_1 = H(b_0 ‖ 1 ‖ DST'), b_i = H((b_0 XOR b_(i-1)) ‖ i ‖ DST')
      for (int j = 0; j < 32; j++) {
        bi[j] ^= b0[j];
      }
      d.update(bi);
      d.update((byte) i);
      d.update(dst);
      d.update((byte) dst.length);
      bi = d.digest();
      System.arraycopy(bi, 0, out, (i - 1) * 32, 32);
    }
    return lenInBytes == out.length ? out : Arrays.copyOf(out, lenInBytes);
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
