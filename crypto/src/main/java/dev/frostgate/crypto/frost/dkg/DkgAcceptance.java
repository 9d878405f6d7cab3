package dev.frostgate.crypto.frost.dkg;

import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.InProcessSigning;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.hash.Hashes;
import java.security.SecureRandom;
import java.util.List;

/**
 * The mandatory test signature that ends a DKG: t participants sign a message fixed by the
 * transcript, and the group key is accepted only if the signature verifies. It proves the shares
 * really interpolate to the group key before any coin is sent to it.
 */
public final class DkgAcceptance {
  private DkgAcceptance() {}

  /** The message of the test signature (32 bytes, so it is also a valid BIP340 digest). */
  public static byte[] testMessage(byte[] transcriptHash) {
    return Hashes.taggedHash("Frostgate/dkg-test-signature", transcriptHash);
  }

  /**
   * Runs the whole test signature in one process (the demo and tests; validators run it over the
   * network).
   */
  public static Signature signInProcess(
      List<KeyPackage> signers,
      PublicKeyPackage publicKeys,
      byte[] transcriptHash,
      SecureRandom rnd) {
    Signature sig = InProcessSigning.sign(publicKeys, signers, testMessage(transcriptHash), rnd);
    verify(publicKeys, transcriptHash, sig);
    return sig;
  }

  /**
   * @throws FrostException INVALID_SIGNATURE if the test signature does not verify
   */
  public static void verify(PublicKeyPackage publicKeys, byte[] transcriptHash, Signature sig) {
    if (!publicKeys
        .suite()
        .verify(
            sig,
            testMessage(transcriptHash),
            publicKeys.suite().preAggregate(publicKeys).verifyingKey())) {
      throw new FrostException(
          FrostException.Kind.INVALID_SIGNATURE,
          "DKG test signature does not verify: the group key must not be used");
    }
  }
}
