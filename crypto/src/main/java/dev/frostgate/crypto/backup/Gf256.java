package dev.frostgate.crypto.backup;

/**
 * Constant-time arithmetic in GF(2^8) with the AES reduction polynomial x^8 + x^4 + x^3 + x + 1
 * (0x11B). Elements are ints in [0, 255]. No table is indexed by an operand and no branch depends
 * on one: multiplication is a fixed 8-round shift-and-xor with masks, inversion is x^254 by a fixed
 * square-and-multiply chain. Addition (and subtraction) is xor.
 */
final class Gf256 {
  private Gf256() {}

  /** a · b. */
  static int mul(int a, int b) {
    int r = 0;
    for (int i = 0; i < 8; i++) {
      r ^= a & -(b & 1); // add a when the low bit of b is set
      int carry = -((a >>> 7) & 1); // all ones when a overflows on the shift
      a = ((a << 1) ^ (0x1B & carry)) & 0xFF;
      b >>>= 1;
    }
    return r;
  }

  /** a^-1 = a^254; maps 0 to 0 (callers never invert 0). */
  static int inv(int a) {
    int square = a;
    int result = 1;
    // 254 = 2 + 4 + 8 + 16 + 32 + 64 + 128
    for (int i = 0; i < 7; i++) {
      square = mul(square, square);
      result = mul(result, square);
    }
    return result;
  }

  /**
   * Lagrange basis coefficients l_i(target) for the distinct nonzero points xs: l_i(target) =
   * Π_{j≠i} (target − x_j) / (x_i − x_j). The x coordinates are public; the arithmetic is constant
   * time all the same.
   */
  static int[] lagrange(int[] xs, int target) {
    int[] out = new int[xs.length];
    for (int i = 0; i < xs.length; i++) {
      int num = 1;
      int den = 1;
      for (int j = 0; j < xs.length; j++) {
        if (j != i) {
          num = mul(num, target ^ xs[j]);
          den = mul(den, xs[i] ^ xs[j]);
        }
      }
      out[i] = mul(num, inv(den));
    }
    return out;
  }
}
