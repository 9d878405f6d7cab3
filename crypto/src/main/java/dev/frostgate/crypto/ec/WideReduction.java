package dev.frostgate.crypto.ec;

/**
 * Constant-time reduction of a 48-byte big-endian integer modulo the group order n, for
 * hash_to_field outputs that are secret (RFC 9591's H3 nonce derivation). Fixed loops, no branch or
 * memory access depends on the value; uses 2^256 ≡ c (mod n) with c = 2^256 − n (129 bits).
 */
final class WideReduction {
  // c = 2^256 - n, little-endian 32-bit limbs.
  private static final long[] C = {0x2FC9BEBFL, 0x402DA173L, 0x50B75FC4L, 0x45512319L, 0x1L};
  // n, little-endian 32-bit limbs.
  private static final long[] N = {
    0xD0364141L, 0xBFD25E8CL, 0xAF48A03BL, 0xBAAEDCE6L,
    0xFFFFFFFEL, 0xFFFFFFFFL, 0xFFFFFFFFL, 0xFFFFFFFFL
  };
  private static final long MASK = 0xFFFFFFFFL;

  private WideReduction() {}

  static byte[] reduce48(byte[] wide) {
    if (wide.length != 48) {
      throw new IllegalArgumentException("wide reduction takes 48 bytes");
    }
    long[] x = new long[12];
    for (int i = 0; i < 12; i++) {
      int off = 44 - 4 * i;
      x[i] =
          ((wide[off] & 0xFFL) << 24)
              | ((wide[off + 1] & 0xFFL) << 16)
              | ((wide[off + 2] & 0xFFL) << 8)
              | (wide[off + 3] & 0xFFL);
    }
    // x = H·2^256 + L with H of 4 limbs: fold to < 2^258, then twice more to < 2^256.
    long[] s = fold(x, 4);
    s = fold(s, 1);
    s = fold(s, 1);
    // s < 2^256 < 2n: one conditional subtraction of n.
    long[] d = new long[8];
    long borrow = 0;
    for (int i = 0; i < 8; i++) {
      long t = s[i] - N[i] - borrow;
      d[i] = t & MASK;
      borrow = (t >>> 63) & 1;
    }
    // borrow == 1 means s < n: keep s; else take d.
    long keepS = -borrow; // all ones if borrow
    byte[] out = new byte[32];
    for (int i = 0; i < 8; i++) {
      long limb = (s[i] & keepS) | (d[i] & ~keepS);
      int off = 28 - 4 * i;
      out[off] = (byte) (limb >>> 24);
      out[off + 1] = (byte) (limb >>> 16);
      out[off + 2] = (byte) (limb >>> 8);
      out[off + 3] = (byte) limb;
    }
    return out;
  }

  /**
   * Given limbs[0..8+highLimbs), returns 9 limbs of low + high·c, where low is limbs[0..8) and high
   * is the remaining {@code highLimbs} limbs.
   */
  private static long[] fold(long[] limbs, int highLimbs) {
    long[] acc = new long[9 + highLimbs + C.length];
    for (int i = 0; i < 8; i++) {
      acc[i] = limbs[i];
    }
    for (int i = 0; i < highLimbs; i++) {
      long h = limbs[8 + i];
      long carry = 0;
      for (int j = 0; j < C.length; j++) {
        long t = acc[i + j] + h * C[j] + carry; // < 2^64 as an unsigned value
        acc[i + j] = t & MASK;
        carry = t >>> 32;
      }
      int k = i + C.length;
      while (k < acc.length) { // fixed trip count: runs to the end regardless of carry
        long t = acc[k] + carry;
        acc[k] = t & MASK;
        carry = t >>> 32;
        k++;
      }
    }
    long[] out = new long[9];
    System.arraycopy(acc, 0, out, 0, 8);
    long top = 0;
    for (int i = 8; i < acc.length; i++) {
      top |= acc[i] << (32 * (i - 8)); // only acc[8] can be nonzero here, and it is < 4
    }
    out[8] = top;
    return out;
  }
}
