package dev.frostgate.crypto.seal;

import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.crypto.hash.Hkdf;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a secret scalar to a recipient's identity key, ECIES-style: the dealer's ephemeral key e
 * (E = e·G) and the recipient's x-only identity key P give the Diffie–Hellman point S = e·P = d·E;
 * HKDF-SHA256(S; E, P, context) gives a one-time ChaCha20-Poly1305 key and nonce; the context
 * ({@link SealContext}) is the associated data.
 *
 * <p>Key uniqueness: the AEAD key depends on (E, P, context). A fresh random e gives a fresh key
 * every time. A dealer that must be able to re-send the very same ciphertext after a restart (the
 * networked DKG) derives e from its secret polynomial and the context with {@link
 * #dealerEphemeral}: then one (E, P, context) always encrypts the same plaintext f(recipient), so
 * the derived nonce never covers two plaintexts.
 *
 * <p>A recipient that finds the share wrong discloses S for this one ciphertext with a proof
 * ({@link KeyDisclosure}); anyone then opens it with {@link #openDisclosed} and checks it. S of one
 * ciphertext tells nothing about any other ciphertext: each other recipient's S uses its own key.
 */
public final class ShareSealer {
  private static final byte[] SALT = Hashes.ascii("Frostgate/seal/hkdf/v1");
  private static final byte[] EPHEMERAL_DST = Hashes.ascii("Frostgate-seal-ephemeral-v1");
  private static final String AEAD = "ChaCha20-Poly1305";

  private ShareSealer() {}

  /** Seals under a fresh random ephemeral key (offline files, refresh, repair). */
  public static SealedShare seal(
      SealContext context, SecureRandom random, byte[] recipientKey, SecretScalar share) {
    SecretScalar e = SecretScalar.random(random);
    try {
      return seal(context, e, recipientKey, share);
    } finally {
      e.destroy();
    }
  }

  /**
   * Seals under the given ephemeral key, which must never encrypt another plaintext in the same
   * context to the same recipient (see the class comment).
   *
   * @param recipientKey the recipient's 32-byte x-only identity key
   * @throws SealException MALFORMED if the recipient key is not a valid x-only key
   */
  public static SealedShare seal(
      SealContext context, SecretScalar ephemeral, byte[] recipientKey, SecretScalar share) {
    Point p = recipientPoint(recipientKey);
    Point e = ephemeral.publicPoint();
    Point shared = ephemeral.multiply(p);
    byte[] plaintext = share.toBytes();
    try {
      return new SealedShare(e, aead(Cipher.ENCRYPT_MODE, context, shared, e, p, plaintext));
    } catch (AEADBadTagException impossible) {
      throw new IllegalStateException("encryption does not check a tag", impossible);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /**
   * One ephemeral key per dealer and context (the recipient excluded), derived from a secret only
   * the dealer holds (its polynomial's constant term): recomputable after a restart, unknown to
   * everyone else. The derivation is a hash of secret bytes (SHA-256 runs in data-independent time)
   * reduced mod n in constant time.
   */
  public static SecretScalar dealerEphemeral(SecretScalar dealerSecret, SealContext context) {
    byte[] secret = dealerSecret.toBytes();
    byte[] wide =
        Hashes.expandMessageXmd(Hashes.concat(secret, context.dealerScope()), EPHEMERAL_DST, 48);
    Arrays.fill(secret, (byte) 0);
    try {
      return SecretScalar.reduceWide(wide);
    } finally {
      Arrays.fill(wide, (byte) 0);
    }
  }

  /**
   * Opens a share sealed to this recipient.
   *
   * @throws SealException NOT_AUTHENTIC if it was not sealed to this key in this context (or was
   *     altered), NOT_A_SCALAR if its plaintext is not a valid nonzero scalar
   */
  public static SecretScalar open(
      SealContext context, Bip340KeyPair recipient, SealedShare sealed) {
    Point shared = recipient.agree(sealed.ephemeral());
    return decrypt(context, shared, recipientPoint(recipient.publicKey()), sealed);
  }

  /**
   * Opens a share with a Diffie–Hellman point its recipient disclosed. Check the disclosure first
   * ({@link KeyDisclosure#verify}); this only decrypts.
   */
  public static SecretScalar openDisclosed(
      SealContext context, byte[] recipientKey, SealedShare sealed, Point sharedPoint) {
    return decrypt(context, sharedPoint, recipientPoint(recipientKey), sealed);
  }

  private static SecretScalar decrypt(
      SealContext context, Point shared, Point recipient, SealedShare sealed) {
    byte[] plaintext;
    try {
      plaintext =
          aead(
              Cipher.DECRYPT_MODE,
              context,
              shared,
              sealed.ephemeral(),
              recipient,
              sealed.ciphertext());
    } catch (AEADBadTagException e) {
      throw new SealException(
          SealException.Kind.NOT_AUTHENTIC,
          "sealed share from "
              + context.dealer()
              + " to "
              + context.recipient()
              + " does not open: not sealed to this key and context, or altered");
    }
    try {
      return SecretScalar.fromBytes(plaintext);
    } catch (CryptoException e) {
      throw new SealException(
          SealException.Kind.NOT_A_SCALAR,
          "sealed share from " + context.dealer() + " holds no valid scalar");
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  static Point recipientPoint(byte[] recipientKey) {
    try {
      return Point.liftX(recipientKey);
    } catch (CryptoException e) {
      throw new SealException(
          SealException.Kind.MALFORMED, "recipient identity key: " + e.getMessage());
    }
  }

  private static byte[] aead(
      int mode, SealContext context, Point shared, Point ephemeral, Point recipient, byte[] input)
      throws AEADBadTagException {
    byte[] ad = context.associatedData();
    byte[] ikm = shared.compressed();
    byte[] okm =
        Hkdf.deriveSha256(
            SALT,
            ikm,
            Hashes.concat(ephemeral.compressed(), recipient.xOnly(), Hashes.sha256(ad)),
            44);
    Arrays.fill(ikm, (byte) 0);
    try {
      Cipher cipher = Cipher.getInstance(AEAD);
      cipher.init(
          mode, new SecretKeySpec(okm, 0, 32, "ChaCha20"), new IvParameterSpec(okm, 32, 12));
      cipher.updateAAD(ad);
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 is part of every JDK since 11", e);
    } finally {
      Arrays.fill(okm, (byte) 0);
    }
  }
}
