package dev.frostgate.crypto.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Gf256Test {

  /** Textbook (branching, variable-time) multiplication modulo x^8 + x^4 + x^3 + x + 1. */
  static int referenceMul(int a, int b) {
    int product = 0;
    while (b != 0) {
      if ((b & 1) != 0) {
        product ^= a;
      }
      a <<= 1;
      if ((a & 0x100) != 0) {
        a ^= 0x11B;
      }
      b >>= 1;
    }
    return product;
  }

  /** Inverse by exhaustive search over the reference multiplication; 0 maps to 0. */
  static int referenceInv(int a) {
    for (int b = 1; b < 256; b++) {
      if (referenceMul(a, b) == 1) {
        return b;
      }
    }
    return 0;
  }

  @Test
  void multiplicationMatchesReferenceForAll65536Pairs() {
    int mismatches = 0;
    for (int a = 0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        int got = Gf256.mul(a, b);
        assertThat(got).isBetween(0, 255);
        if (got != referenceMul(a, b)) {
          mismatches++;
        }
      }
    }
    assertThat(mismatches).isZero();
  }

  @Test
  void inverseMatchesReferenceForAllElements() {
    assertThat(Gf256.inv(0)).isZero();
    for (int a = 1; a < 256; a++) {
      int inv = Gf256.inv(a);
      assertThat(inv).as("inverse of %d", a).isEqualTo(referenceInv(a));
      assertThat(Gf256.mul(a, inv)).isEqualTo(1);
    }
  }

  @Test
  void knownAesFieldValues() {
    // FIPS 197 §4.2 and the S-box's inverse of 0x53.
    assertThat(Gf256.mul(0x57, 0x83)).isEqualTo(0xC1);
    assertThat(Gf256.mul(0x57, 0x13)).isEqualTo(0xFE);
    assertThat(Gf256.inv(0x53)).isEqualTo(0xCA);
  }

  @Test
  void lagrangeCoefficientsReproduceAPolynomial() {
    // f(x) = 7 + 11x + 200x^2; interpolate from x = 3, 9, 250 and evaluate at 0 and 42.
    int[] xs = {3, 9, 250};
    int[] ys = new int[3];
    for (int i = 0; i < 3; i++) {
      ys[i] = eval(xs[i]);
    }
    for (int target : new int[] {0, 42, 3}) {
      int[] l = Gf256.lagrange(xs, target);
      int acc = 0;
      for (int i = 0; i < 3; i++) {
        acc ^= Gf256.mul(l[i], ys[i]);
      }
      assertThat(acc).isEqualTo(eval(target));
    }
  }

  private static int eval(int x) {
    return 7 ^ referenceMul(11, x) ^ referenceMul(200, referenceMul(x, x));
  }
}
