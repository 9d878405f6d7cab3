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
