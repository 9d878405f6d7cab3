package dev.frostgate.crypto.ec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WideReductionTest {
  @Test
  void matchesBigIntegerOnRandomAndEdgeInputs() {
    Random r = new Random(1);
    for (int i = 0; i < 20_000; i++) {
      byte[] x = new byte[48];
      r.nextBytes(x);
      if (i % 7 == 0) {
        Arrays.fill(x, 0, 16, (byte) 0); // values near n
      }
      check(x);
    }
    byte[] ones = new byte[48];
    Arrays.fill(ones, (byte) 0xff);
    check(ones);
    check(new byte[48]);
    byte[] n = Secp256k1.N.toByteArray();
    byte[] nPadded = new byte[48];
    System.arraycopy(n, n.length - 32, nPadded, 16, 32);
    check(nPadded);
    byte[] nMinus1 = new byte[48];
    byte[] nm1 = Secp256k1.N.subtract(BigInteger.ONE).toByteArray();
    System.arraycopy(nm1, nm1.length - 32, nMinus1, 16, 32);
    check(nMinus1);
  }

  private static void check(byte[] x) {
    BigInteger expected = new BigInteger(1, x).mod(Secp256k1.N);
    assertThat(new BigInteger(1, WideReduction.reduce48(x))).isEqualTo(expected);
  }
}
