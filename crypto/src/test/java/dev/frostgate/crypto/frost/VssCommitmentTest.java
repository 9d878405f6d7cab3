package dev.frostgate.crypto.frost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VssCommitmentTest {
  private static final Random RANDOM = new Random(11);

  private static Scalar randomScalar() {
    return Scalar.reduce(new BigInteger(256, RANDOM).add(BigInteger.ONE));
  }

  /** Σ_k x^k·C_k term by term with general multiplications: the reference for evaluate. */
  private static Point termByTerm(List<Point> coefficients, Scalar x) {
    List<Point> terms = new ArrayList<>();
    Scalar power = Scalar.ONE;
    for (Point c : coefficients) {
      terms.add(c.multiply(power));
      power = power.multiply(x);
    }
    return Point.sum(terms);
  }

  @Test
  void evaluatesSmallAndLargeIdentifiersAsTheSumOfTerms() {
    for (int t : new int[] {1, 2, 10, 17}) {
      List<Point> coefficients = new ArrayList<>();
      for (int k = 0; k < t; k++) {
        coefficients.add(Point.mulGenerator(randomScalar()));
      }
      VssCommitment c = new VssCommitment(coefficients);
      List<Identifier> ids = new ArrayList<>();
      for (long x = 1; x <= Point.MAX_SMALL_MULTIPLIER + 2; x++) {
        ids.add(Identifier.of(x)); // both sides of the by-sums limit
      }
      ids.add(Identifier.of(1L << 40));
      ids.add(Identifier.derive(Ciphersuite.TAPROOT, new byte[] {(byte) t}));
      for (Identifier id : ids) {
        assertThat(c.evaluate(id))
            .as("t=%d at %s", t, id)
            .isEqualTo(termByTerm(coefficients, id.value()));
      }
    }
  }

  @Test
  void aSmallMultiplierSumEqualsTheGeneralMultiplication() {
    Point p = Point.mulGenerator(randomScalar());
    Point q = Point.mulGenerator(randomScalar());
    for (int k = 1; k <= Point.MAX_SMALL_MULTIPLIER; k++) {
      assertThat(p.multiplySmallAdd(k, q)).isEqualTo(p.multiply(Scalar.of(k)).add(q));
    }
    // k·P + (−k·P) is the identity, which no Point holds.
    assertThatThrownBy(() -> p.multiplySmallAdd(3, p.multiply(Scalar.of(3)).negate()))
        .isInstanceOf(dev.frostgate.crypto.ec.CryptoException.class);
    assertThatThrownBy(() -> p.multiplySmallAdd(Point.MAX_SMALL_MULTIPLIER + 1, q))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.multiplySmallAdd(0, q)).isInstanceOf(IllegalArgumentException.class);
  }
}
