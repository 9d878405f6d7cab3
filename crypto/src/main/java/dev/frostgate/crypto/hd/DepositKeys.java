package dev.frostgate.crypto.hd;

import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.TaprootCiphersuite;
import java.util.Arrays;

/**
 * The key packages that sign for one deposit (or change) output. From the raw DKG packages (group
 * key P, the xpub's root): add the BIP32 tweak of {@code <xpub>/0/N} to every share (a valid
 * sharing of P_N = P + IL·G), then apply the BIP341 key-path tweak (even y, then +
 * H_TapTweak(x(P_N))·G). The result signs, under the Taproot ciphersuite, for exactly the key in
 * the deposit's address.
 */
public final class DepositKeys {
  private DepositKeys() {}

  public static KeyPackage depositKeyPackage(KeyPackage raw, ThresholdXpub xpub, long n) {
    return forOutput(raw, xpub.deposit(n));
  }

  public static KeyPackage changeKeyPackage(KeyPackage raw, ThresholdXpub xpub, long n) {
    return forOutput(raw, xpub.change(n));
  }

  public static PublicKeyPackage depositPublicKeyPackage(
      PublicKeyPackage raw, ThresholdXpub xpub, long n) {
    return forOutput(raw, xpub.deposit(n));
  }

  public static PublicKeyPackage changePublicKeyPackage(
      PublicKeyPackage raw, ThresholdXpub xpub, long n) {
    return forOutput(raw, xpub.change(n));
  }

  private static KeyPackage forOutput(KeyPackage raw, Derivation d) {
    checkRoot(raw.verifyingKey().equals(d.childKey().addMulGenerator(d.tweak().negate())));
    KeyPackage child = raw.withSuite(Ciphersuite.TAPROOT).tweak(d.tweak());
    KeyPackage output =
        child.withEvenY().tweak(TaprootCiphersuite.taprootTweak(child.verifyingKey(), new byte[0]));
    checkOutput(output.verifyingKey().xOnly(), d);
    return output;
  }

  private static PublicKeyPackage forOutput(PublicKeyPackage raw, Derivation d) {
    checkRoot(raw.verifyingKey().equals(d.childKey().addMulGenerator(d.tweak().negate())));
    PublicKeyPackage child = raw.withSuite(Ciphersuite.TAPROOT).tweak(d.tweak());
    PublicKeyPackage output =
        child.withEvenY().tweak(TaprootCiphersuite.taprootTweak(child.verifyingKey(), new byte[0]));
    checkOutput(output.verifyingKey().xOnly(), d);
    return output;
  }

  private static void checkRoot(boolean sameRoot) {
    if (!sameRoot) {
      throw new FrostException(
          FrostException.Kind.WRONG_CIPHERSUITE,
          "key package's group key is not the threshold xpub's root key");
    }
  }

  private static void checkOutput(byte[] outputKey, Derivation d) {
    if (!Arrays.equals(outputKey, d.taprootOutput().outputKey())) {
      throw new IllegalStateException(
          "derived key package does not match the deposit's output key");
    }
  }
}
