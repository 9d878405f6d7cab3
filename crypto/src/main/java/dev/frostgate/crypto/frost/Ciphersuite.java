package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.HashToField;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.hash.Hashes;
import java.util.List;

/**
 * A FROST ciphersuite over secp256k1 with SHA-256. Two exist: {@link #RFC9591}, exactly RFC 9591
 * §6.5, and {@link #TAPROOT}, byte-compatible with the Zcash Foundation's {@code
 * frost-secp256k1-tr} as released, v2.2.0 and v3.0.0 (BIP340 challenge, even-y keys and nonces,
 * x-only signatures, DKG proofs of knowledge on the published φ₀).
 *
 * <p>The hash functions are shared; the ciphersuites differ only in the hooks below, which are the
 * points where ZF's Taproot ciphersuite overrides frost-core.
 */
public sealed interface Ciphersuite permits Rfc9591Ciphersuite, TaprootCiphersuite {

  Ciphersuite RFC9591 = new Rfc9591Ciphersuite();
  Ciphersuite TAPROOT = new TaprootCiphersuite();

  /** The context string, e.g. {@code FROST-secp256k1-SHA256-v1}; also the ciphersuite's name. */
  String contextString();

  /** Both ciphersuites, for lookups by name. */
  static List<Ciphersuite> all() {
    return List.of(RFC9591, TAPROOT);
  }

  /**
   * Finds a ciphersuite by its context string.
   *
   * @throws FrostException WRONG_CIPHERSUITE listing the known names
   */
  static Ciphersuite byName(String name) {
    for (Ciphersuite c : all()) {
      if (c.contextString().equals(name)) {
        return c;
      }
    }
    throw new FrostException(
        FrostException.Kind.WRONG_CIPHERSUITE,
        "unknown ciphersuite '"
            + name
            + "'; known: "
            + RFC9591.contextString()
            + ", "
            + TAPROOT.contextString());
  }

  // ---- hash functions (RFC 9591 §6.5) ----

  default Scalar h1(byte[] m) {
    return HashToField.toScalar(m, dst("rho"));
  }

  /** The challenge hash. */
  Scalar h2(byte[] m);

  /** Nonce derivation: its input contains the secret share, so its output is secret. */
  default SecretScalar h3(byte[] m) {
    return HashToField.toSecretScalar(m, dst("nonce"));
  }

  default byte[] h4(byte[] m) {
    return Hashes.sha256(dst("msg"), m);
  }

  default byte[] h5(byte[] m) {
    return Hashes.sha256(dst("com"), m);
  }

  default Scalar hdkg(byte[] m) {
    return HashToField.toScalar(m, dst("dkg"));
  }

  default Scalar hid(byte[] m) {
    return HashToField.toScalar(m, dst("id"));
  }

  private byte[] dst(String label) {
    return Hashes.ascii(contextString() + label);
  }

  // ---- hooks where the Taproot ciphersuite differs ----
  // As in frost-core's Ciphersuite trait, the package hooks default to RFC 9591's behaviour (no
  // change); only the Taproot suite overrides them.

  /** c = H2(R ‖ PK ‖ msg), with the ciphersuite's encoding of R and PK. */
  Scalar challenge(Point groupCommitment, Point verifyingKey, byte[] message);

  /** The key package a signer actually signs with (Taproot: even-y group key). */
  default KeyPackage preSign(KeyPackage keyPackage) {
    return keyPackage;
  }

  /** The public key package the coordinator verifies with (Taproot: even-y group key). */
  default PublicKeyPackage preAggregate(PublicKeyPackage publicKeyPackage) {
    return publicKeyPackage;
  }

  /** Whether signers must negate their nonces for this group commitment (Taproot: odd y). */
  default boolean negatesNonces(Point groupCommitment) {
    return false;
  }

  /** Post-processing of DKG output (Taproot: BIP341 tweak with an empty script tree). */
  default KeyPackage postDkg(KeyPackage keyPackage) {
    return keyPackage;
  }

  default PublicKeyPackage postDkg(PublicKeyPackage publicKeyPackage) {
    return publicKeyPackage;
  }

  /** Serialized signature: 65 bytes (R compressed ‖ z) for RFC 9591, 64 (x(R) ‖ z) for BIP340. */
  byte[] serializeSignature(Signature signature);

  /**
   * Strict decoding of {@link #serializeSignature}.
   *
   * @throws FrostException MALFORMED_ENCODING, MALFORMED_ELEMENT or MALFORMED_SCALAR
   */
  Signature deserializeSignature(byte[] bytes);

  /** Verifies a signature under this ciphersuite's rules. */
  boolean verify(Signature signature, byte[] message, Point verifyingKey);
}
