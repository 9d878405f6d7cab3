package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import java.util.Arrays;
import java.util.List;

/** FROST round 2 (RFC 9591 §5.2): a signer's signature share. */
public final class Round2 {
  private Round2() {}

  /**
   * Signs the package's message with this participant's share and nonces. The nonces are consumed:
   * they are wiped whether or not signing succeeds.
   *
   * @throws FrostException if the package lacks this signer's commitments or holds different ones,
   *     has fewer than t signers, or the nonces were already used
   */
  public static SignatureShare sign(SigningPackage pkg, SigningNonces nonces, KeyPackage key) {
    Identifier me = key.identifier();
    SigningCommitments mine =
        pkg.commitment(me)
            .orElseThrow(
                () ->
                    new FrostException(
                        FrostException.Kind.MISSING_COMMITMENT,
                        "signing package has no commitment from this signer (" + me + ")"));
    if (!mine.equals(nonces.commitments())) {
      throw new FrostException(
          FrostException.Kind.INCORRECT_COMMITMENT,
          "signing package carries a different commitment for this signer (" + me + ")");
    }
    if (pkg.commitments().size() < key.minSigners()) {
      throw new FrostException(
          FrostException.Kind.INSUFFICIENT_SIGNERS,
          "signing package has "
              + pkg.commitments().size()
              + " signers, the threshold is "
              + key.minSigners());
    }
    SecretScalar[] de = nonces.take();
    KeyPackage signingKey = key.suite().preSign(key);
    try {
      SigningMath.Context ctx = SigningMath.context(key.suite(), signingKey.verifyingKey(), pkg);
      Scalar lambda = Lagrange.atZero(me, pkg.commitments().keySet());
      return new SignatureShare(me, computeShare(key.suite(), ctx, de, signingKey, lambda));
    } finally {
      de[0].destroy();
      de[1].destroy();
      if (signingKey != key) {
        signingKey.destroy();
      }
    }
  }

  /**
   * Signs only if the package's message is the one this signer approved (after its own policy
   * checks), so a coordinator cannot substitute another message.
   *
   * @throws FrostException MESSAGE_MISMATCH otherwise (the nonces are then discarded)
   */
  public static SignatureShare signApproved(
      SigningPackage pkg, SigningNonces nonces, KeyPackage key, byte[] approvedMessage) {
    if (!Arrays.equals(pkg.messageNoCopy(), approvedMessage)) {
      nonces.discard();
      throw new FrostException(
          FrostException.Kind.MESSAGE_MISMATCH,
          "signing package message differs from the approved message",
          List.of());
    }
    return sign(pkg, nonces, key);
  }

  /** z_i = d_i + e_i·ρ_i + λ_i·s_i·c, all secret arithmetic in libsecp256k1. */
  private static Scalar computeShare(
      Ciphersuite suite,
      SigningMath.Context ctx,
      SecretScalar[] de,
      KeyPackage key,
      Scalar lambda) {
    SecretScalar d = de[0];
    SecretScalar e = de[1];
    boolean negate = suite.negatesNonces(ctx.groupCommitment());
    SecretScalar dd = negate ? d.negate() : d;
    SecretScalar ee = negate ? e.negate() : e;
    SecretScalar eRho = ee.multiply(ctx.bindingFactors().get(key.identifier()));
    SecretScalar sLc = key.signingShare().multiply(lambda.multiply(ctx.challenge()));
    SecretScalar partial = dd.add(eRho);
    SecretScalar z = partial.add(sLc);
    try {
      return z.reveal(); // z_i is published: it is the output of this round
    } finally {
      if (negate) {
        dd.destroy();
        ee.destroy();
      }
      eRho.destroy();
      sLc.destroy();
      partial.destroy();
      z.destroy();
    }
  }
}
