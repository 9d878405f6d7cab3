package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.Secp256k1;
import java.math.BigInteger;
import java.util.Collection;

/** Lagrange coefficients over public identifiers (BigInteger is fine: nothing here is secret). */
public final class Lagrange {
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
  public static java.util.Map<Identifier, Scalar> allAtZero(Collection<Identifier> participants) {
    BigInteger n = Secp256k1.N;
    java.util.List<Identifier> ids = new java.util.ArrayList<>(participants);
    int t = ids.size();
    BigInteger[] x = new BigInteger[t];
    long[] small = new long[t];
    boolean allSmall = true;
    for (int i = 0; i < t; i++) {
      x[i] = ids.get(i).value().toBigInteger();
      allSmall &= x[i].bitLength() <= 30;
      small[i] = allSmall ? x[i].longValue() : 0;
    }
    // numerator_i = Π_{j≠i} x_j ; denominator_i = Π_{j≠i} (x_j − x_i)
    BigInteger[] prefix = new BigInteger[t + 1];
    prefix[0] = BigInteger.ONE;
    for (int i = 0; i < t; i++) {
      prefix[i + 1] = prefix[i].multiply(x[i]).mod(n);
    }
    BigInteger suffix = BigInteger.ONE;
    BigInteger[] num = new BigInteger[t];
    for (int i = t - 1; i >= 0; i--) {
      num[i] = prefix[i].multiply(suffix).mod(n);
      suffix = suffix.multiply(x[i]).mod(n);
    }
    BigInteger[] den = new BigInteger[t];
    for (int i = 0; i < t; i++) {
      BigInteger d = BigInteger.ONE;
      if (allSmall) {
        long acc = 1;
        for (int j = 0; j < t; j++) {
          if (j == i) {
            continue;
          }
          long diff = small[j] - small[i];
          if (diff == 0) {
            throw new FrostException(
                FrostException.Kind.DUPLICATE_IDENTIFIER, "duplicate identifiers");
          }
          // |acc| < 2^32 and |diff| < 2^31 keep the product inside a long.
          if (Math.abs(acc) >= (1L << 32)) {
            d = d.multiply(BigInteger.valueOf(acc)).mod(n);
            acc = 1;
          }
          acc *= diff;
        }
        d = d.multiply(BigInteger.valueOf(acc)).mod(n);
      } else {
        for (int j = 0; j < t; j++) {
          if (j != i) {
            d = d.multiply(x[j].subtract(x[i])).mod(n);
          }
        }
        if (d.signum() == 0) {
          throw new FrostException(
              FrostException.Kind.DUPLICATE_IDENTIFIER, "duplicate identifiers");
        }
      }
      den[i] = d;
    }
    // Batch inversion of all denominators.
    BigInteger[] running = new BigInteger[t + 1];
    running[0] = BigInteger.ONE;
    for (int i = 0; i < t; i++) {
      running[i + 1] = running[i].multiply(den[i]).mod(n);
    }
    BigInteger inv = running[t].modInverse(n);
    java.util.Map<Identifier, Scalar> out = new java.util.HashMap<>();
    for (int i = t - 1; i >= 0; i--) {
      BigInteger denInv = inv.multiply(running[i]).mod(n);
      inv = inv.multiply(den[i]).mod(n);
      out.put(ids.get(i), Scalar.reduce(num[i].multiply(denInv)));
    }
    return out;
  }

  /** λ_i evaluated at x over the set {@code participants}: Π_{j≠i} (x − x_j)/(x_i − x_j). */
  public static Scalar at(Scalar x, Identifier i, Collection<Identifier> participants) {
    BigInteger n = Secp256k1.N;
    BigInteger xi = i.value().toBigInteger();
    BigInteger num = BigInteger.ONE;
    BigInteger den = BigInteger.ONE;
    boolean found = false;
    for (Identifier j : participants) {
      if (j.equals(i)) {
        found = true;
        continue;
      }
      BigInteger xj = j.value().toBigInteger();
      num = num.multiply(x.toBigInteger().subtract(xj)).mod(n);
      den = den.multiply(xi.subtract(xj)).mod(n);
    }
    if (!found) {
      throw new FrostException(
          FrostException.Kind.UNKNOWN_IDENTIFIER, "participant " + i + " is not in the signer set");
    }
    if (den.signum() == 0) {
      throw new FrostException(FrostException.Kind.DUPLICATE_IDENTIFIER, "duplicate identifiers");
    }
    return Scalar.reduce(num.multiply(den.modInverse(n)));
  }
}
