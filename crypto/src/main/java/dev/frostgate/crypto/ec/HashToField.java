package dev.frostgate.crypto.ec;

import dev.frostgate.crypto.hash.Hashes;
import java.util.Arrays;

/**
 * RFC 9380 hash_to_field for the secp256k1 scalar field (expand_message_xmd with SHA-256, L = 48,
 * count = 1), as RFC 9591 uses it for H1, H3, HDKG and HID.
 */
public final class HashToField {
  private static final int L = 48;

  private HashToField() {}

  /** For public inputs: the result is a public {@link Scalar}. */
  public static Scalar toScalar(byte[] msg, byte[] dst) {
    return Scalar.reduce(Hashes.expandMessageXmd(msg, dst, L));
  }

  /**
   * For inputs that contain a secret (nonce derivation): the 48-byte digest is reduced in constant
   * time and the intermediate bytes are wiped.
   *
   * @throws CryptoException in the negligible case that the result is zero
   */
  public static SecretScalar toSecretScalar(byte[] msg, byte[] dst) {
    byte[] wide = Hashes.expandMessageXmd(msg, dst, L);
    byte[] reduced = WideReduction.reduce48(wide);
    Arrays.fill(wide, (byte) 0);
    try {
      return SecretScalar.fromBytes(reduced);
    } finally {
      Arrays.fill(reduced, (byte) 0);
    }
  }
}
