package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.Secp256k1;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lagrange coefficients over public identifiers (BigInteger is fine: nothing here is secret). */
public final class Lagrange {
  private static final BigInteger N = Secp256k1.N;

  private Lagrange() {}

  /** λ_i at x = 0 over the set {@code participants}, which must contain {@code i}. */
  public static Scalar atZero(Identifier i, Collection<Identifier> participants) {
    return at(Scalar.ZERO, i, participants);
  }

  /**
   * λ_i at x = 0 for every member of the set at once: O(t²) small-integer products (batched in
   * longs while the identifiers are small), one product of all identifiers, and a single modular
   * inversion for all denominators (Montgomery's trick). Public values only.
   */
  public static Map<Identifier, Scalar> allAtZero(Collection<Identifier> participants) {
    List<Identifier> ids = new ArrayList<>(participants);
    int t = ids.size();
    BigInteger[] x = new BigInteger[t];
    for (int i = 0; i < t; i++) {
      x[i] = ids.get(i).value().toBigInteger();
    }
    // numerator_i = Π_{j≠i} x_j ; denominator_i = Π_{j≠i} (x_j − x_i)
    BigInteger[] prefix = new BigInteger[t + 1];
    prefix[0] = BigInteger.ONE;
    for (int i = 0; i < t; i++) {
      prefix[i + 1] = prefix[i].multiply(x[i]).mod(N);
    }
    BigInteger suffix = BigInteger.ONE;
    BigInteger[] num = new BigInteger[t];
    for (int i = t - 1; i >= 0; i--) {
      num[i] = prefix[i].multiply(suffix).mod(N);
      suffix = suffix.multiply(x[i]).mod(N);
    }
    BigInteger[] den = new BigInteger[t];
    for (int i = 0; i < t; i++) {
      Product d = new Product();
      for (int j = 0; j < t; j++) {
        if (j != i) {
          d.times(x[j].subtract(x[i]));
        }
      }
      den[i] = d.value();
      if (den[i].signum() == 0) {
        throw duplicate();
      }
    }
    // Batch inversion of all denominators.
    BigInteger[] running = new BigInteger[t + 1];
    running[0] = BigInteger.ONE;
    for (int i = 0; i < t; i++) {
      running[i + 1] = running[i].multiply(den[i]).mod(N);
    }
    BigInteger inv = running[t].modInverse(N);
    Map<Identifier, Scalar> out = new HashMap<>();
    for (int i = t - 1; i >= 0; i--) {
      BigInteger denInv = inv.multiply(running[i]).mod(N);
      inv = inv.multiply(den[i]).mod(N);
      out.put(ids.get(i), Scalar.reduce(num[i].multiply(denInv)));
    }
    return out;
  }

  /**
   * λ_i evaluated at x over the set {@code participants}: Π_{j≠i} (x − x_j)/(x_i − x_j), the small
   * factors (at x = 0, every factor for small identifiers) multiplied in longs, one modular
   * inversion. Every signer computes this at x = 0 once per signature.
   */
  public static Scalar at(Scalar x, Identifier i, Collection<Identifier> participants) {
    BigInteger xi = i.value().toBigInteger();
    Product num = new Product();
    Product den = new Product();
    boolean found = false;
    for (Identifier j : participants) {
      if (j.equals(i)) {
        found = true;
        continue;
      }
      BigInteger xj = j.value().toBigInteger();
      num.times(x.toBigInteger().subtract(xj));
      den.times(xi.subtract(xj));
    }
    if (!found) {
      throw new FrostException(
          FrostException.Kind.UNKNOWN_IDENTIFIER, "participant " + i + " is not in the signer set");
    }
    BigInteger d = den.value();
    if (d.signum() == 0) {
      throw duplicate();
    }
    return Scalar.reduce(num.value().multiply(d.modInverse(N)));
  }

  private static FrostException duplicate() {
    return new FrostException(FrostException.Kind.DUPLICATE_IDENTIFIER, "duplicate identifiers");
  }

  /**
   * A product mod n whose small factors (|f| < 2^31, as identifiers and their differences are in
   * practice) are multiplied in a long, which stays below 2^63 while |acc| < 2^32; only the flushes
   * touch BigInteger. The value may be zero (a zero factor), never negative.
   */
  private static final class Product {
    private BigInteger big = BigInteger.ONE;
    private long acc = 1;

    void times(BigInteger f) {
      if (f.bitLength() < 31) {
        if (Math.abs(acc) >= (1L << 32)) {
          flush();
        }
        acc *= f.longValue();
      } else {
        big = big.multiply(f).mod(N);
      }
    }

    private void flush() {
      big = big.multiply(BigInteger.valueOf(acc)).mod(N);
      acc = 1;
    }

    BigInteger value() {
      flush();
      return big;
    }
  }
}
