package dev.frostgate.crypto.seal;

import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Dleq;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.hash.Hashes;
import java.util.Arrays;
import java.util.Objects;

/**
 * A recipient's disclosure of the Diffie–Hellman point S = d·E of one {@link SealedShare}, with a
 * Chaum–Pedersen proof that S was computed with its identity key (P = d·G). With it anyone opens
 * that ciphertext and checks the share; nothing else sent to the recipient opens with it (every
 * other ciphertext has another E, or another recipient key). The proof is bound to the sealed share
 * and its context, so it cannot be presented for another one.
 */
public record KeyDisclosure(Point sharedPoint, Dleq.Proof proof) {
  /** Encoded length: 33-byte compressed S, then the 64-byte proof. */
  public static final int ENCODED_BYTES = 33 + 64;

  public KeyDisclosure {
    Objects.requireNonNull(sharedPoint, "sharedPoint");
    Objects.requireNonNull(proof, "proof");
  }

  /** Discloses the key of {@code sealed}, which was sealed to {@code recipient}. */
  public static KeyDisclosure disclose(
      SealContext context, Bip340KeyPair recipient, SealedShare sealed) {
    Point shared = recipient.agree(sealed.ephemeral());
    return new KeyDisclosure(
        shared, recipient.proveAgreement(sealed.ephemeral(), shared, binding(context, sealed)));
  }

  /** True iff S = d·E for the d behind {@code recipientKey}, proven for this sealed share. */
  public boolean verify(SealContext context, byte[] recipientKey, SealedShare sealed) {
    Point p;
    try {
      p = Point.liftX(recipientKey);
    } catch (CryptoException e) {
      return false;
    }
    return Dleq.verify(p, sealed.ephemeral(), sharedPoint, binding(context, sealed), proof);
  }

  private static byte[] binding(SealContext context, SealedShare sealed) {
    return Hashes.concat(
        Hashes.ascii("Frostgate/seal/disclosure/v1"),
        Hashes.sha256(context.associatedData()),
        sealed.digest().bytes());
  }

  public byte[] encode() {
    return Hashes.concat(sharedPoint.compressed(), proof.toBytes());
  }

  /**
   * Strict inverse of {@link #encode()}.
   *
   * @throws SealException MALFORMED, saying what is wrong
   */
  public static KeyDisclosure decode(byte[] bytes) {
    if (bytes.length != ENCODED_BYTES) {
      throw new SealException(
          SealException.Kind.MALFORMED,
          "key disclosure must be " + ENCODED_BYTES + " bytes, got " + bytes.length);
    }
    try {
      byte[] s = Arrays.copyOfRange(bytes, 0, 33);
      if (s[0] != 2 && s[0] != 3) {
        throw new CryptoException("shared point is not a compressed point");
      }
      return new KeyDisclosure(
          Point.decode(s), Dleq.Proof.fromBytes(Arrays.copyOfRange(bytes, 33, ENCODED_BYTES)));
    } catch (CryptoException e) {
      throw new SealException(SealException.Kind.MALFORMED, "key disclosure: " + e.getMessage());
    }
  }
}
