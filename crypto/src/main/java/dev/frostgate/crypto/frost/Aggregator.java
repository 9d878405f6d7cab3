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
 * The coordinator's step (RFC 9591 §5.3), optimistic as the Zcash Foundation's {@code
 * frost-core::aggregate}: sum the shares, verify the final signature, and only if it is invalid
 * verify every share against its signer's verifying share to name every culprit. A valid session
 * (the common case) costs the group commitment and one signature verification; checking each share
 * first would add a k·G and a k·P per signer and change nothing, since a signature that verifies is
 * the output either way.
 */
public final class Aggregator {
  private Aggregator() {}

  /**
   * @throws FrostException INVALID_SIGNATURE_SHARE naming every signer whose share is invalid (the
   *     signing package and the shares are the evidence: this method re-run on them names the same
   *     culprits); INVALID_SIGNATURE if the signature does not verify although every share does;
   *     DUPLICATE_IDENTIFIER, UNKNOWN_IDENTIFIER, INSUFFICIENT_SIGNERS for malformed input
   */
  public static Signature aggregate(
      SigningPackage pkg, Collection<SignatureShare> shares, PublicKeyPackage publicKeys) {
    Map<Identifier, SignatureShare> byId = checkShares(pkg, shares, publicKeys);
    Ciphersuite suite = publicKeys.suite();
    PublicKeyPackage keys = suite.preAggregate(publicKeys);
    SigningMath.Context ctx = SigningMath.context(suite, keys.verifyingKey(), pkg);
    Scalar z = Scalar.ZERO;
    for (SignatureShare s : byId.values()) {
      z = z.add(s.share());
    }
    // When the signers negated their nonces (Taproot, odd-y R), the shares sum to the signature
    // for −R, which has even y: that is the R of the signature.
    Point r = ctx.groupCommitment();
    Signature sig = new Signature(suite.negatesNonces(r) ? r.negate() : r, z);
    if (suite.verify(sig, pkg.messageNoCopy(), keys.verifyingKey())) {
      return sig;
    }
    List<Identifier> culprits = invalidShares(suite, ctx, pkg, keys, byId.values());
    if (!culprits.isEmpty()) {
      throw new FrostException(
          FrostException.Kind.INVALID_SIGNATURE_SHARE,
          "invalid signature share from participant(s) " + culprits,
          culprits);
    }
    throw new FrostException(
        FrostException.Kind.INVALID_SIGNATURE, "aggregate signature does not verify");
  }

  /**
   * Blame, run only when the aggregate signature is invalid: every signer whose share fails its
   * check, in ascending order.
   */
  private static List<Identifier> invalidShares(
      Ciphersuite suite,
      SigningMath.Context ctx,
      SigningPackage pkg,
      PublicKeyPackage keys,
      Collection<SignatureShare> shares) {
    Map<Identifier, Scalar> lambdas = Lagrange.allAtZero(pkg.commitments().keySet());
    List<Identifier> culprits = new ArrayList<>();
    for (SignatureShare s : shares) {
      if (!shareIsValid(suite, ctx, pkg, keys, s, lambdas.get(s.identifier()))) {
        culprits.add(s.identifier());
      }
    }
    return culprits;
  }

  /**
   * Verifies one share: z_i·G == R_i + (c·λ_i)·Y_i with R_i = D_i + ρ_i·E_i, negated when the
   * Taproot ciphersuite negated the nonces. Public values only.
   */
  static boolean shareIsValid(
      Ciphersuite suite,
      SigningMath.Context ctx,
      SigningPackage pkg,
      PublicKeyPackage keys,
      SignatureShare s,
      Scalar lambda) {
    Identifier id = s.identifier();
    SigningCommitments c = pkg.commitments().get(id);
    Scalar rho = ctx.bindingFactors().get(id);
    Scalar k = ctx.challenge().multiply(lambda);
    boolean negate = suite.negatesNonces(ctx.groupCommitment());
    // The share is valid iff ±D_i ± ρ_i·E_i + k·Y_i − z_i·G is the identity. libsecp256k1 cannot
    // represent the identity, so the terms are summed in one call (no partial sum has to be a
    // point) and a zero scalar drops its term.
    List<Point> terms = new ArrayList<>(4);
    terms.add(negate ? c.hiding().negate() : c.hiding());
    if (!rho.isZero()) {
      terms.add(c.binding().multiply(negate ? rho.negate() : rho));
    }
    if (!k.isZero()) {
      terms.add(keys.verifyingShares().get(id).multiply(k));
    }
    if (!s.share().isZero()) {
      terms.add(Point.mulGenerator(s.share().negate()));
    }
    try {
      Point.sum(terms);
      return false; // a point, not the identity
    } catch (CryptoException e) {
      return true; // the sum is the identity
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
