package dev.frostgate.crypto.hd;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;

/**
 * The result of a non-hardened derivation from a root key: the child key and the sum of the BIP32
 * tweaks IL along the path, so that {@code childKey == rootKey + tweak·G}. A FROST key package
 * derives to the child by adding {@code tweak} to every secret share (the Lagrange coefficients sum
 * to one) and {@code tweak·G} to every verifying share.
 */
public record Derivation(Point childKey, Scalar tweak) {

  /**
   * Derives {@code root/path[0]/path[1]/...}.
   *
   * @throws IllegalArgumentException if the path is empty or has a hardened index
   */
  public static Derivation of(ExtendedPublicKey root, int... path) {
    if (path.length == 0) {
      throw new IllegalArgumentException("derivation path is empty");
    }
    ExtendedPublicKey k = root;
    Scalar tweak = Scalar.ZERO;
    for (int index : path) {
      ExtendedPublicKey.Child c = k.deriveChildWithTweak(index);
      k = c.key();
      tweak = tweak.add(c.tweak());
    }
    return new Derivation(k.key(), tweak);
  }

  /** The key-path taproot output of the child key. */
  public TaprootOutput taprootOutput() {
    return TaprootOutput.of(childKey);
  }
}
