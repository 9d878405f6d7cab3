package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public computations of a signing round (RFC 9591 §4.4–4.6), shared by signers and the
 * coordinator: binding factors, per-signer commitment shares and the group commitment.
 */
final class SigningMath {
  private SigningMath() {}

  /** Everything derived from a signing package and the group key. */
  record Context(Map<Identifier, Scalar> bindingFactors, Point groupCommitment, Scalar challenge) {}

  static byte[] encodeCommitmentList(SigningPackage pkg) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(pkg.commitments().size() * 98);
    for (SigningCommitments c : pkg.commitments().values()) {
      out.writeBytes(c.identifier().toBytes());
      out.writeBytes(c.hiding().compressed());
      out.writeBytes(c.binding().compressed());
    }
    return out.toByteArray();
  }

  /** binding_factor_input for one signer: PK ‖ H4(msg) ‖ H5(commitment list) ‖ id. */
  static byte[] bindingFactorInput(byte[] prefix, Identifier id) {
    byte[] out = new byte[prefix.length + 32];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(id.toBytes(), 0, out, prefix.length, 32);
    return out;
  }

  static byte[] bindingFactorPrefix(Ciphersuite suite, Point verifyingKey, SigningPackage pkg) {
    byte[] pk = verifyingKey.compressed();
    byte[] msgHash = suite.h4(pkg.messageNoCopy());
    byte[] comHash = suite.h5(encodeCommitmentList(pkg));
    byte[] prefix = new byte[pk.length + 64];
    System.arraycopy(pk, 0, prefix, 0, pk.length);
    System.arraycopy(msgHash, 0, prefix, pk.length, 32);
    System.arraycopy(comHash, 0, prefix, pk.length + 32, 32);
    return prefix;
  }

  static Map<Identifier, Scalar> bindingFactors(
      Ciphersuite suite, Point verifyingKey, SigningPackage pkg) {
    byte[] prefix = bindingFactorPrefix(suite, verifyingKey, pkg);
    Map<Identifier, Scalar> out = new LinkedHashMap<>();
    for (Identifier id : pkg.commitments().keySet()) {
      out.put(id, suite.h1(bindingFactorInput(prefix, id)));
    }
    return out;
  }

  /**
   * Binding factors, R = Σ (D_i + ρ_i·E_i) summed in one call, and the challenge: what a signer
   * needs, and what the coordinator needs to aggregate. The per-signer commitment shares R_i are
   * not formed (only blame needs them, see {@link Aggregator}).
   */
  static Context context(Ciphersuite suite, Point verifyingKey, SigningPackage pkg) {
    Map<Identifier, Scalar> rho = bindingFactors(suite, verifyingKey, pkg);
    List<Point> terms = new ArrayList<>(2 * pkg.commitments().size());
    try {
      for (SigningCommitments c : pkg.commitments().values()) {
        terms.add(c.hiding());
        terms.add(c.binding().multiply(rho.get(c.identifier())));
      }
      Point r = Point.sum(terms);
      return new Context(rho, r, suite.challenge(r, verifyingKey, pkg.messageNoCopy()));
    } catch (CryptoException e) {
      throw identityCommitment();
    }
  }

  private static FrostException identityCommitment() {
    return new FrostException(
        FrostException.Kind.IDENTITY_ELEMENT, "group commitment is the identity element");
  }
}
