package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The public side of a sharing: every participant's verifying share and the group key. */
public record PublicKeyPackage(
    Ciphersuite suite,
    SortedMap<Identifier, Point> verifyingShares,
    Point verifyingKey,
    int minSigners) {

  public PublicKeyPackage {
    if (minSigners < 1 || minSigners > verifyingShares.size()) {
      throw new FrostException(
          FrostException.Kind.INVALID_THRESHOLD,
          "min signers must be between 1 and "
              + verifyingShares.size()
              + " (the number of participants), got "
              + minSigners);
    }
    verifyingShares = Collections.unmodifiableSortedMap(new TreeMap<>(verifyingShares));
  }

  public static PublicKeyPackage of(
      Ciphersuite suite,
      Map<Identifier, Point> verifyingShares,
      Point verifyingKey,
      int minSigners) {
    return new PublicKeyPackage(suite, new TreeMap<>(verifyingShares), verifyingKey, minSigners);
  }

  public Optional<Point> verifyingShare(Identifier id) {
    return Optional.ofNullable(verifyingShares.get(id));
  }

  public int maxSigners() {
    return verifyingShares.size();
  }

  /** Negates every public value if the group key has odd y (BIP340 even-y rule). */
  public PublicKeyPackage withEvenY() {
    if (verifyingKey.hasEvenY()) {
      return this;
    }
    TreeMap<Identifier, Point> negated = new TreeMap<>();
    verifyingShares.forEach((id, p) -> negated.put(id, p.negate()));
    return new PublicKeyPackage(suite, negated, verifyingKey.negate(), minSigners);
  }

  /** Adds t·G to every verifying share and to the group key; see {@link KeyPackage#tweak}. */
  public PublicKeyPackage tweak(Scalar t) {
    if (t.isZero()) {
      return this;
    }
    Point tG = Point.mulGenerator(t); // once: then one addition per point
    TreeMap<Identifier, Point> tweaked = new TreeMap<>();
    verifyingShares.forEach((id, p) -> tweaked.put(id, p.add(tG)));
    return new PublicKeyPackage(suite, tweaked, verifyingKey.add(tG), minSigners);
  }

  public PublicKeyPackage withSuite(Ciphersuite other) {
    return new PublicKeyPackage(other, verifyingShares, verifyingKey, minSigners);
  }
}
