package dev.frostgate.crypto.frost.dkg;

import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hash.Hashes;

/**
 * The mandatory test signature that ends a DKG: t participants sign a message fixed by the
 * transcript, and the group key is accepted only if the signature verifies. It proves the shares
 * really interpolate to the group key before any coin is sent to it.
 */
public final class DkgAcceptance {
  private DkgAcceptance() {}

  /** The message of the test signature (32 bytes, so it is also a valid BIP340 digest). */
  public static byte[] testMessage(Hash32 transcriptHash) {
    return Hashes.taggedHash("Frostgate/dkg-test-signature", transcriptHash.bytes());
  }

  /**
   * @throws FrostException INVALID_SIGNATURE if the test signature does not verify
   */
  public static void verify(PublicKeyPackage publicKeys, Hash32 transcriptHash, Signature sig) {
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
