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
    if (den.isZero()) {
      throw duplicate();
    }
    return Scalar.reduce(num.value().multiply(den.inverse()));
  }

  private static FrostException duplicate() {
    return new FrostException(FrostException.Kind.DUPLICATE_IDENTIFIER, "duplicate identifiers");
  }

  /**
   * A product mod n whose small factors (|f| < 2^30, as identifiers and their differences are in
   * practice) are multiplied in a long, which stays below 2^62 while |acc| < 2^32; only the flushes
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

    boolean isZero() {
      return acc == 0 || big.signum() == 0; // |acc| < 2^62 < n: zero mod n only if zero
    }

    /** The inverse mod n of a nonzero product. */
    BigInteger inverse() {
      return big.equals(BigInteger.ONE) ? smallInverse(acc) : value().modInverse(N);
    }
  }

  /**
   * d⁻¹ mod n for a nonzero |d| < 2^62 (a signer set's Lagrange denominator, for small
   * identifiers), at a fraction of {@code BigInteger.modInverse}: with n = q·|d| + r, the extended
   * Euclidean algorithm on (|d|, r) runs in longs (its coefficients are bounded by |d| and r) and
   * gives s·|d| + t·r = 1, so (s − t·q)·|d| ≡ 1 (mod n).
   */
  static BigInteger smallInverse(long d) {
    long a = Math.abs(d);
    BigInteger[] qr = N.divideAndRemainder(BigInteger.valueOf(a));
    long r0 = a;
    long r1 = qr[1].longValue();
    long s0 = 1;
    long s1 = 0;
    long t0 = 0;
    long t1 = 1;
    while (r1 != 0) {
      long q = r0 / r1;
      long r = r0 - q * r1;
      r0 = r1;
      r1 = r;
      long s = s0 - q * s1;
      s0 = s1;
      s1 = s;
      long t = t0 - q * t1;
      t0 = t1;
      t1 = t;
    }
    // r0 = gcd(|d|, n) = 1 since n is prime and 0 < |d| < n.
    BigInteger inv = BigInteger.valueOf(s0).subtract(BigInteger.valueOf(t0).multiply(qr[0])).mod(N);
    return d < 0 ? N.subtract(inv) : inv;
  }
}
