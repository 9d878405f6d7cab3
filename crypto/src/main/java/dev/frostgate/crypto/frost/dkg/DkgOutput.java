package dev.frostgate.crypto.frost.dkg;

import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hash.Hashes;
import java.util.Objects;

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
    KeyPackage rawKeyPackage, PublicKeyPackage rawPublicKeyPackage, Hash32 transcriptHash) {

  public DkgOutput {
    Objects.requireNonNull(transcriptHash, "transcriptHash");
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

  public static byte[] chainCode(Hash32 transcriptHash) {
    return Hashes.taggedHash("Frostgate/threshold-chain-code", transcriptHash.bytes());
  }
}
