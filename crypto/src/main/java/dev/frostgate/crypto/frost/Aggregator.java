package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The coordinator's step (RFC 9591 §5.3): verify every share against the signer's verifying share,
 * name the culprits if any is invalid, sum the shares and verify the final signature.
 */
public final class Aggregator {
  private Aggregator() {}

  /**
   * @throws FrostException INVALID_SIGNATURE_SHARE with the culprits; DUPLICATE_IDENTIFIER,
   *     UNKNOWN_IDENTIFIER, INSUFFICIENT_SIGNERS for malformed input; INVALID_SIGNATURE if the
   *     result does not verify
   */
  public static Signature aggregate(
      SigningPackage pkg, Collection<SignatureShare> shares, PublicKeyPackage publicKeys) {
    Map<Identifier, SignatureShare> byId = checkShares(pkg, shares, publicKeys);
    Ciphersuite suite = publicKeys.suite();
    PublicKeyPackage keys = suite.preAggregate(publicKeys);
    SigningMath.Context ctx = SigningMath.context(suite, keys.verifyingKey(), pkg);

    Map<Identifier, Scalar> lambdas = Lagrange.allAtZero(pkg.commitments().keySet());
    List<Identifier> culprits = new ArrayList<>();
    for (SignatureShare s : byId.values()) {
      if (!shareIsValid(suite, ctx, keys, s, lambdas.get(s.identifier()))) {
        culprits.add(s.identifier());
      }
    }
    if (!culprits.isEmpty()) {
      throw new FrostException(
          FrostException.Kind.INVALID_SIGNATURE_SHARE,
          "invalid signature share from participant(s) " + culprits,
          culprits);
    }
    Scalar z = Scalar.ZERO;
    for (SignatureShare s : byId.values()) {
      z = z.add(s.share());
    }
    // When the signers negated their nonces (Taproot, odd-y R), the shares sum to the signature
    // for −R, which has even y: that is the R of the signature.
    Point r = ctx.groupCommitment();
    Signature sig = new Signature(suite.negatesNonces(r) ? r.negate() : r, z);
    if (!suite.verify(sig, pkg.messageNoCopy(), keys.verifyingKey())) {
      throw new FrostException(
          FrostException.Kind.INVALID_SIGNATURE, "aggregate signature does not verify");
    }
    return sig;
  }

  /**
   * Verifies one share: z_i·G == R_i + (c·λ_i)·Y_i, with R_i negated when the Taproot ciphersuite
   * negated the nonces. Public values only.
   */
  static boolean shareIsValid(
      Ciphersuite suite,
      SigningMath.Context ctx,
      PublicKeyPackage keys,
      SignatureShare s,
      Scalar lambda) {
    Identifier id = s.identifier();
    Point ri = ctx.commitmentShares().get(id);
    if (suite.negatesNonces(ctx.groupCommitment())) {
      ri = ri.negate();
    }
    Point yi = keys.verifyingShares().get(id);
    Scalar k = ctx.challenge().multiply(lambda);
    if (s.share().isZero() || k.isZero()) {
      return false;
    }
    try {
      return Point.mulGenerator(s.share()).equals(ri.add(yi.multiply(k)));
    } catch (CryptoException e) {
      return false; // R_i + k·Y_i is the identity: cannot equal z_i·G with z_i ≠ 0
    }
  }

  private static Map<Identifier, SignatureShare> checkShares(
      SigningPackage pkg, Collection<SignatureShare> shares, PublicKeyPackage publicKeys) {
    TreeMap<Identifier, SignatureShare> byId = new TreeMap<>();
    for (SignatureShare s : shares) {
      if (byId.put(s.identifier(), s) != null) {
        throw new FrostException(
            FrostException.Kind.DUPLICATE_IDENTIFIER,
            "two signature shares from participant " + s.identifier(),
            List.of(s.identifier()));
      }
    }
    Set<Identifier> signers = pkg.commitments().keySet();
    Set<Identifier> unexpected = new TreeSet<>(byId.keySet());
    unexpected.removeAll(signers);
    if (!unexpected.isEmpty()) {
      throw new FrostException(
          FrostException.Kind.UNKNOWN_IDENTIFIER,
          "signature share(s) from participant(s) " + unexpected + " not in the signing package");
    }
    Set<Identifier> missing = new TreeSet<>(signers);
    missing.removeAll(byId.keySet());
    if (!missing.isEmpty()) {
      throw new FrostException(
          FrostException.Kind.INSUFFICIENT_SIGNERS,
          "missing signature share(s) from participant(s) " + missing);
    }
    if (signers.size() < publicKeys.minSigners()) {
      throw new FrostException(
          FrostException.Kind.INSUFFICIENT_SIGNERS,
          signers.size() + " signers, the threshold is " + publicKeys.minSigners());
    }
    Set<Identifier> unknown = new TreeSet<>(signers);
    unknown.removeAll(publicKeys.verifyingShares().keySet());
    if (!unknown.isEmpty()) {
      throw new FrostException(
          FrostException.Kind.UNKNOWN_IDENTIFIER,
          "participant(s) " + unknown + " have no verifying share in the public key package");
    }
    return byId;
  }
}
