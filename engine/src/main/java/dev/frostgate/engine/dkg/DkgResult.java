package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.dkg.DkgCertificate;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hd.ThresholdXpub;
import java.util.Objects;

/**
 * What a completed DKG leaves for storage: this validator's raw (untweaked) key package, the raw
 * public key package, the transcript hash, the certificate signed by every participant, the
 * verified test signature and the threshold xpub.
 */
public record DkgResult(
    DkgSessionId session,
    KeyPackage rawKeyPackage,
    PublicKeyPackage rawPublicKeyPackage,
    Hash32 transcriptHash,
    DkgCertificate certificate,
    Signature testSignature,
    ThresholdXpub xpub) {
  public DkgResult {
    Objects.requireNonNull(transcriptHash, "transcriptHash");
  }
}
