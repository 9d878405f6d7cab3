package dev.frostgate.crypto.frost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.ec.Scalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LagrangeTest {
  @Test
  void batchCoefficientsEqualOneByOneForSmallAndLargeIdentifiers() {
    Random r = new Random(3);
    for (int round = 0; round < 30; round++) {
      int t = 1 + r.nextInt(40);
      List<Identifier> ids = new ArrayList<>();
      java.util.Set<Long> used = new java.util.HashSet<>();
      boolean large = round % 3 == 0;
      while (ids.size() < t) {
        long v = large ? (r.nextLong() >>> 1) + 1 : 1 + r.nextInt(1000);
        if (used.add(v)) {
          ids.add(
              large && ids.size() % 2 == 0
                  ? Identifier.derive(
                      Ciphersuite.RFC9591, new byte[] {(byte) v, (byte) (v >> 8), (byte) round})
                  : Identifier.of(v));
        }
      }
      Map<Identifier, Scalar> batch = Lagrange.allAtZero(ids);
      for (Identifier id : ids) {
        assertThat(batch.get(id)).isEqualTo(Lagrange.atZero(id, ids));
      }
      // Σ λ_i = 1 (interpolating the constant polynomial 1).
      Scalar sum = Scalar.ZERO;
      for (Scalar l : batch.values()) {
        sum = sum.add(l);
      }
      assertThat(sum).isEqualTo(Scalar.ONE);
    }
  }

  @Test
  void smallInversesEqualBigIntegerModInverse() {
    Random r = new Random(5);
    java.math.BigInteger n = dev.frostgate.crypto.ec.Secp256k1.N;
    List<Long> ds =
        new ArrayList<>(List.of(1L, -1L, 2L, -2L, 3L, (1L << 62) - 1, -((1L << 62) - 1)));
    for (int i = 0; i < 2000; i++) {
      long d = r.nextLong() >> (1 + r.nextInt(62)); // every magnitude below 2^62
      if (d != 0) {
        ds.add(d);
      }
    }
    for (long d : ds) {
      assertThat(Lagrange.smallInverse(d))
          .as("1/%d mod n", d)
          .isEqualTo(java.math.BigInteger.valueOf(d).mod(n).modInverse(n));
    }
  }
}
