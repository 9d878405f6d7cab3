package dev.frostgate.crypto.frost.dkg;

import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.hash.Hashes;

/**
 * A participant's DKG result. The raw packages hold the untweaked group key P: the root of the
 * threshold xpub, from which every deposit key is derived. {@link #keyPackage()} and {@link
 * #publicKeyPackage()} apply the ciphersuite's post-processing (Taproot: the BIP341 tweak with an
 * empty script tree), matching the ZF crates' part3 output.
 *
 * @param transcriptHash hash of every participant's round-1 broadcast, identical for all honest
 *     participants; signed by all in the certificate, and the source of the chain code
 */
public record DkgOutput(
    KeyPackage rawKeyPackage, PublicKeyPackage rawPublicKeyPackage, byte[] transcriptHash) {

  public DkgOutput {
    transcriptHash = transcriptHash.clone();
  }

  @Override
  public byte[] transcriptHash() {
    return transcriptHash.clone();
  }

  public KeyPackage keyPackage() {
    return rawKeyPackage.suite().postDkg(rawKeyPackage);
  }

  public PublicKeyPackage publicKeyPackage() {
    return rawPublicKeyPackage.suite().postDkg(rawPublicKeyPackage);
  }

  /** The chain code of the threshold xpub: fixed by the transcript, so every member derives it. */
  public byte[] chainCode() {
    return chainCode(transcriptHash);
  }

  public static byte[] chainCode(byte[] transcriptHash) {
    return Hashes.taggedHash("Frostgate/threshold-chain-code", transcriptHash);
  }
}
