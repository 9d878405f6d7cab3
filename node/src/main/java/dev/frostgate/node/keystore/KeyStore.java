package dev.frostgate.node.keystore;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.SecretPolynomial;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a validator keeps its FROST key package (the long-lived secret share), encrypted at rest.
 * One file per (validator id, group key); the ciphertext is bound to the validator id, the group
 * key and the ciphersuite, so a file copied to another validator or group does not open.
 *
 * <p>Implementations: {@link EncryptedFileKeyStore} (passphrase, Argon2id + AES-256-GCM; test
 * networks) and {@link Pkcs11KeyStore} (a non-extractable AES key in a PKCS#11 token; production).
 * Both write the format documented in {@code KeyFile}. Every failure is a {@link KeyStoreException}
 * with a typed {@link KeyStoreException.Reason}.
 *
 * <p>Secrets: the encoded key package is wiped right after encryption and after decoding; the
 * caller owns the returned {@link KeyPackage} and should {@link KeyPackage#destroy()} it after use.
 * {@link #close()} wipes the passphrase (or logs out of the token).
 */
public interface KeyStore extends AutoCloseable {

  /**
   * Encrypts and stores the key package, atomically replacing an earlier file for the same
   * validator and group key (for instance after a share refresh). The key package is not modified.
   *
   * @return what the new file's header says
   */
  StoredKeyInfo store(KeyPackage keyPackage, KeyMetadata metadata);

  /**
   * Loads and decrypts the key package of this validator for this group key.
   *
   * @throws KeyStoreException NOT_FOUND; VALIDATOR_MISMATCH or GROUP_KEY_MISMATCH when the file
   *     found belongs elsewhere; WRONG_PASSPHRASE_OR_CORRUPTED / CORRUPTED_OR_OTHER_TOKEN_KEY;
   *     MALFORMED_FILE; and the token errors of {@link Pkcs11KeyStore}
   */
  KeyPackage load(int validatorId, Point groupKey);

  /**
   * Like {@link #load(int, Point)}, and also checks the ciphersuite.
   *
   * @throws KeyStoreException CIPHERSUITE_MISMATCH naming both suites
   */
  KeyPackage load(int validatorId, Point groupKey, Ciphersuite expectedSuite);

  /** Whether a key file exists for this validator and group key (it is not opened). */
  boolean exists(int validatorId, Point groupKey);

  /** The clear header of the key file, if there is one (no passphrase or PIN needed). */
  Optional<StoredKeyInfo> info(int validatorId, Point groupKey);

  /**
   * The key file as stored, still encrypted: the backup export. Split it with {@link
   * KeyBackup#split} for k-of-m custody.
   */
  byte[] exportEncrypted(int validatorId, Point groupKey);

  /**
   * Restores an exported key file (structure, protection type checked; authenticity is checked by
   * the next {@link #load}), written atomically with mode 0600.
   *
   * @return the restored file's header
   */
  StoredKeyInfo importEncrypted(byte[] keyFile);

  /**
   * Encrypts and stores this validator's secret DKG polynomial of one session (its round-1 secret),
   * atomically replacing an earlier file for the same validator and session. It is as sensitive as
   * a share (it determines every share this validator deals), so it is protected exactly like a key
   * package, in a file of its own kind ({@code dkg-polynomial-<id>-<session hash>.fgdkg}, see
   * {@code KeyFile}): the session hash is inside the ciphertext, the constant term's public point
   * a_0·G in the authenticated header. The polynomial is not modified.
   *
   * @param sessionHash the 32-byte hash naming the DKG session
   */
  void storeDkgPolynomial(
      int validatorId,
      Ciphersuite suite,
      byte[] sessionHash,
      SecretPolynomial polynomial,
      Instant createdAt);

  /**
   * Loads this validator's DKG polynomial of one session, if one was stored; the caller owns it and
   * destroys it after use.
   *
   * @throws KeyStoreException as {@link #load(int, Point)} (also MALFORMED_FILE when the decrypted
   *     polynomial names another session or does not match the header's a_0·G)
   */
  Optional<SecretPolynomial> loadDkgPolynomial(
      int validatorId, Ciphersuite suite, byte[] sessionHash);

  /** Deletes the DKG polynomial file of one session, if there is one (after the DKG completed). */
  void deleteDkgPolynomial(int validatorId, byte[] sessionHash);

  /**
   * Encrypts a secret that is not a key package (an identity key, a polynomial, nonce randomness:
   * the offline ceremony's secret files) under this store's protection, in the {@link SealedSecret}
   * format. {@code context} is authenticated, not stored: the caller keeps it (a ceremony file
   * keeps its public fields beside the sealed bytes) and gives the same bytes to {@link
   * #openSecret}. The plaintext is not modified; the caller wipes it.
   *
   * @return the sealed secret, self-describing (protection parameters, nonce, ciphertext)
   */
  byte[] sealSecret(byte[] context, byte[] plaintext);

  /**
   * Decrypts what {@link #sealSecret} sealed under the same {@code context}; the caller wipes the
   * result.
   *
   * @param source names the file in error messages
   * @throws KeyStoreException MALFORMED_FILE, UNSUPPORTED_VERSION, WRONG_PROTECTION (sealed by the
   *     other kind of store), WRONG_PASSPHRASE_OR_CORRUPTED / CORRUPTED_OR_OTHER_TOKEN_KEY (also
   *     when the context differs), and the token errors of {@link Pkcs11KeyStore}
   */
  byte[] openSecret(byte[] sealed, byte[] context, String source);

  /** Wipes the passphrase or logs out of the token. */
  @Override
  void close();
}
