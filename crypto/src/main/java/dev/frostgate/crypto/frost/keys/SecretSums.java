package dev.frostgate.crypto.frost.keys;

import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** Constant-time sums of secret scalars and the identifier-set checks shared by this package. */
final class SecretSums {
  private SecretSums() {}

  /**
   * Σ values, computed in libsecp256k1. The inputs are not consumed; intermediate sums are wiped.
   *
   * @throws FrostException IDENTITY_ELEMENT if the sum is zero (negligible for honest inputs; a
   *     zero share cannot be represented)
   */
  static SecretScalar sum(Collection<SecretScalar> values, String what) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException(what + ": nothing to sum");
    }
    SecretScalar acc = null;
    try {
      for (SecretScalar v : values) {
        if (acc == null) {
          acc = v.copy();
        } else {
          SecretScalar next = acc.add(v);
          acc.destroy();
          acc = next;
        }
      }
    } catch (CryptoException e) {
      if (acc != null) {
        acc.destroy();
      }
      throw new FrostException(FrostException.Kind.IDENTITY_ELEMENT, what + " sums to zero");
    }
    return acc;
  }

  /** a − b in constant time; neither input is consumed. */
  static SecretScalar subtract(SecretScalar a, SecretScalar b, String what) {
    SecretScalar minusB = b.negate();
    try {
      return a.add(minusB);
    } catch (CryptoException e) {
      throw new FrostException(FrostException.Kind.IDENTITY_ELEMENT, what + " is zero");
    } finally {
      minusB.destroy();
    }
  }

  /**
   * The identifiers as a sorted set.
   *
   * @throws FrostException DUPLICATE_IDENTIFIER naming the repeated identifiers
   */
  static SortedSet<Identifier> distinct(Collection<Identifier> ids, String what) {
    TreeSet<Identifier> set = new TreeSet<>();
    TreeSet<Identifier> dups = new TreeSet<>();
    for (Identifier id : ids) {
      if (!set.add(id)) {
        dups.add(id);
      }
    }
    if (!dups.isEmpty()) {
      throw new FrostException(
          FrostException.Kind.DUPLICATE_IDENTIFIER,
          what + " list repeats identifier(s) " + dups,
          List.copyOf(dups));
    }
    return set;
  }

  static void destroyAll(Collection<SecretScalar> values) {
    for (SecretScalar v : values) {
      v.destroy();
    }
  }
}
