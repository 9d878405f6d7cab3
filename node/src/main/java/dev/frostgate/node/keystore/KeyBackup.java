package dev.frostgate.node.keystore;

import dev.frostgate.crypto.backup.BackupPiece;
import dev.frostgate.crypto.backup.ShamirBackup;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Backup of a key file: the export of {@link KeyStore#exportEncrypted} as is, or split k-of-m with
 * the crypto core's Shamir backup ({@link ShamirBackup}: every piece carries a checksum, the
 * combined file a digest, so a damaged piece is named). The pieces split the <em>encrypted</em>
 * file: whoever gathers k pieces still needs the passphrase (or, for a PKCS#11 file, the token key,
 * which the token's own backup procedure must preserve).
 */
public final class KeyBackup {
  private KeyBackup() {}

  /**
   * Splits an exported key file into m pieces, any k of which restore it.
   *
   * @throws KeyStoreException MALFORMED_FILE if the bytes are not a key file
   * @throws IllegalArgumentException on a bad k or m
   */
  public static List<BackupPiece> split(byte[] keyFile, int k, int m, SecureRandom random) {
    Objects.requireNonNull(keyFile, "keyFile");
    KeyFile.decode(keyFile, "key file to back up");
    return ShamirBackup.split(keyFile, k, m, random);
  }

  /**
   * Combines pieces back into the key file (check, then {@link KeyStore#importEncrypted}).
   *
   * @throws dev.frostgate.crypto.backup.BackupException naming bad pieces
   * @throws KeyStoreException MALFORMED_FILE if the combined bytes are not a key file
   */
  public static byte[] combine(Collection<BackupPiece> pieces) {
    byte[] keyFile = ShamirBackup.combine(pieces);
    KeyFile.decode(keyFile, "key file combined from backup pieces");
    return keyFile;
  }

  /** Like {@link #combine} for the pieces' text form ({@code fgbk1-...}). */
  public static byte[] combineText(Collection<String> pieces) {
    byte[] keyFile = ShamirBackup.combineText(pieces);
    KeyFile.decode(keyFile, "key file combined from backup pieces");
    return keyFile;
  }
}
