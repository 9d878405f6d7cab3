package dev.frostgate.crypto.frost;

import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.HashToField;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.hash.Hashes;
import java.util.Arrays;

/** FROST(secp256k1, SHA-256) exactly as RFC 9591 §6.5. */
public final class Rfc9591Ciphersuite implements Ciphersuite {
  static final String CONTEXT = "FROST-secp256k1-SHA256-v1";

  Rfc9591Ciphersuite() {}

  @Override
  public String contextString() {
    return CONTEXT;
  }

  @Override
  public Scalar h2(byte[] m) {
    return HashToField.toScalar(m, Hashes.ascii(CONTEXT + "chal"));
  }

  @Override
  public Scalar challenge(Point groupCommitment, Point verifyingKey, byte[] message) {
    return h2(Hashes.concat(groupCommitment.compressed(), verifyingKey.compressed(), message));
  }

  @Override
  public byte[] serializeSignature(Signature signature) {
    return Hashes.concat(signature.r().compressed(), signature.z().toBytes());
  }

  @Override
  public Signature deserializeSignature(byte[] bytes) {
    if (bytes.length != 65) {
      throw new FrostException(
          FrostException.Kind.MALFORMED_ENCODING,
          "signature must be 65 bytes for " + CONTEXT + ", got " + bytes.length);
    }
    return new Signature(
        Encodings.point(Arrays.copyOfRange(bytes, 0, 33), "signature R"),
        Encodings.scalar(Arrays.copyOfRange(bytes, 33, 65), "signature z"));
  }

  @Override
  public boolean verify(Signature signature, byte[] message, Point verifyingKey) {
    Scalar c = challenge(signature.r(), verifyingKey, message);
    try {
      // z·G == R + c·PK
      if (signature.z().isZero() || c.isZero()) {
        return false;
      }
      Point lhs = Point.mulGenerator(signature.z());
      Point rhs = signature.r().add(verifyingKey.multiply(c));
      return lhs.equals(rhs);
    } catch (CryptoException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return CONTEXT;
  }
}
