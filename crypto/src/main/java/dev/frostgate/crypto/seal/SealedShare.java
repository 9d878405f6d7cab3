package dev.frostgate.crypto.seal;

import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hash.Hashes;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A secret scalar encrypted to one recipient's identity key: the dealer's ephemeral public key E
 * and the ChaCha20-Poly1305 ciphertext of the 32-byte scalar (48 bytes with its tag). Public: it
 * may travel through relays, files and logs; only the recipient's identity key (or a {@link
 * KeyDisclosure} for exactly this ciphertext) opens it.
 */
public record SealedShare(Point ephemeral, byte[] ciphertext) {
  /** Ciphertext length: a 32-byte scalar and a 16-byte tag. */
  public static final int CIPHERTEXT_BYTES = 48;

  /** Encoded length: 33-byte compressed E, then the ciphertext. */
  public static final int ENCODED_BYTES = 33 + CIPHERTEXT_BYTES;

  public SealedShare {
    Objects.requireNonNull(ephemeral, "ephemeral");
    if (ciphertext.length != CIPHERTEXT_BYTES) {
      throw new SealException(
          SealException.Kind.MALFORMED,
          "sealed share ciphertext must be "
              + CIPHERTEXT_BYTES
              + " bytes, got "
              + ciphertext.length);
    }
    ciphertext = ciphertext.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /** 33-byte compressed E ‖ 48-byte ciphertext. */
  public byte[] encode() {
    return Hashes.concat(ephemeral.compressed(), ciphertext);
  }

  /**
   * Strict inverse of {@link #encode()}.
   *
   * @throws SealException MALFORMED, saying what is wrong
   */
  public static SealedShare decode(byte[] bytes) {
    if (bytes.length != ENCODED_BYTES) {
      throw new SealException(
          SealException.Kind.MALFORMED,
          "sealed share must be " + ENCODED_BYTES + " bytes, got " + bytes.length);
    }
    byte[] e = Arrays.copyOfRange(bytes, 0, 33);
    if (e[0] != 2 && e[0] != 3) {
      throw new SealException(
          SealException.Kind.MALFORMED, "sealed share ephemeral key is not a compressed point");
    }
    Point ephemeral;
    try {
      ephemeral = Point.decode(e);
    } catch (CryptoException ex) {
      throw new SealException(
          SealException.Kind.MALFORMED, "sealed share ephemeral key: " + ex.getMessage());
    }
    return new SealedShare(ephemeral, Arrays.copyOfRange(bytes, 33, ENCODED_BYTES));
  }

  /** SHA-256 of the encoding: what signatures and disclosures refer to. */
  public Hash32 digest() {
    return Hash32.of(Hashes.sha256(encode()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SealedShare s
        && s.ephemeral.equals(ephemeral)
        && Arrays.equals(s.ciphertext, ciphertext);
  }

  @Override
  public int hashCode() {
    return 31 * ephemeral.hashCode() + Arrays.hashCode(ciphertext);
  }

  @Override
  public String toString() {
    return "SealedShare[" + HexFormat.of().formatHex(digest().bytes(), 0, 8) + "]";
  }
}
