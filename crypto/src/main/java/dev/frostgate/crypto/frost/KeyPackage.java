package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;

/**
 * One participant's long-lived signing material: its secret share s_i, its verifying share s_i·G,
 * the group key and the threshold. {@link #toString()} never shows the share.
 */
public record KeyPackage(
    Ciphersuite suite,
    Identifier identifier,
    SecretScalar signingShare,
    Point verifyingShare,
    Point verifyingKey,
    int minSigners) {

  public KeyPackage {
    if (minSigners < 1) {
      throw new FrostException(
          FrostException.Kind.INVALID_THRESHOLD,
          "min signers must be at least 1, got " + minSigners);
    }
  }

  /**
   * Builds a key package from a share, checking that the given verifying share matches it.
   *
   * @throws FrostException INVALID_SECRET_SHARE if s_i·G differs from the verifying share
   */
  public static KeyPackage checked(
      Ciphersuite suite,
      Identifier identifier,
      SecretScalar signingShare,
      Point verifyingShare,
      Point verifyingKey,
      int minSigners) {
    if (!signingShare.publicPoint().equals(verifyingShare)) {
      throw new FrostException(
          FrostException.Kind.INVALID_SECRET_SHARE,
          "signing share of participant " + identifier + " does not match its verifying share");
    }
    return new KeyPackage(
        suite, identifier, signingShare, verifyingShare, verifyingKey, minSigners);
  }

  /** This package with the group key negated if it has odd y (BIP340 even-y rule). */
  public KeyPackage withEvenY() {
    if (verifyingKey.hasEvenY()) {
      return this;
    }
    return new KeyPackage(
        suite,
        identifier,
        signingShare.negate(),
        verifyingShare.negate(),
        verifyingKey.negate(),
        minSigners);
  }

  /**
   * Adds a public tweak t to the group secret: s_i + t, Y_i + t·G, Y + t·G. Adding the same
   * constant to every share adds it to the interpolated secret, so the result is a valid sharing of
   * the tweaked key. Used for BIP32 child keys and the BIP341 Taproot tweak.
   */
  public KeyPackage tweak(Scalar t) {
    return new KeyPackage(
        suite,
        identifier,
        signingShare.add(t),
        verifyingShare.addMulGenerator(t),
        verifyingKey.addMulGenerator(t),
        minSigners);
  }

  /** The same key material under another ciphersuite (the sharing is ciphersuite-independent). */
  public KeyPackage withSuite(Ciphersuite other) {
    return new KeyPackage(
        other, identifier, signingShare, verifyingShare, verifyingKey, minSigners);
  }

  /** Wipes the secret share. */
  public void destroy() {
    signingShare.destroy();
  }
}
