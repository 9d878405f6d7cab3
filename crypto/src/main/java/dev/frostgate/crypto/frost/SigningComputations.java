package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public intermediate values of a signing round, exposed for conformance checks and diagnostics
 * (they are what the test vectors record step by step). Signing itself does not need this class.
 */
public final class SigningComputations {
  private SigningComputations() {}

  /** binding_factor_input per signer, for the key the ciphersuite signs with. */
  public static Map<Identifier, byte[]> bindingFactorInputs(
      Ciphersuite suite, Point verifyingKey, SigningPackage pkg) {
    byte[] prefix = SigningMath.bindingFactorPrefix(suite, verifyingKey, pkg);
    Map<Identifier, byte[]> out = new LinkedHashMap<>();
    for (Identifier id : pkg.commitments().keySet()) {
      out.put(id, SigningMath.bindingFactorInput(prefix, id));
    }
    return out;
  }

  public static Map<Identifier, Scalar> bindingFactors(
      Ciphersuite suite, Point verifyingKey, SigningPackage pkg) {
    return SigningMath.bindingFactors(suite, verifyingKey, pkg);
  }

  /** The group commitment R = Σ (D_i + ρ_i·E_i). */
  public static Point groupCommitment(Ciphersuite suite, Point verifyingKey, SigningPackage pkg) {
    return SigningMath.context(suite, verifyingKey, pkg).groupCommitment();
  }
}
