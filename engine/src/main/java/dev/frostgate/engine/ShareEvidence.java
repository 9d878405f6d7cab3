package dev.frostgate.engine;

import dev.frostgate.crypto.frost.Aggregator;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.engine.request.RequestId;
import java.util.List;

/**
 * Proof that {@code accused} sent an invalid signature share: the signing package of one input and
 * every share of that session (each authenticated by its sender's signed envelope). Anyone holding
 * the input's public key package can re-run the check.
 */
public record ShareEvidence(
    Identifier accused,
    RequestId request,
    int attempt,
    long session,
    int input,
    SigningPackage signingPackage,
    List<SignatureShare> shares) {
  public ShareEvidence {
    shares = List.copyOf(shares);
  }

  /** Third-party check: aggregation over the evidence names the accused as a culprit. */
  public boolean verify(PublicKeyPackage inputPublicKeys) {
    try {
      Aggregator.aggregate(signingPackage, shares, inputPublicKeys);
      return false;
    } catch (FrostException e) {
      return e.kind() == FrostException.Kind.INVALID_SIGNATURE_SHARE
          && e.culprits().contains(accused);
    }
  }
}
