package dev.frostgate.crypto.backup;

import dev.frostgate.crypto.hash.Hashes;
import java.util.Arrays;
import java.util.function.Consumer;

/** Helpers that build well-formed (checksum-valid) but forged pieces. */
final class TestPieces {
  private TestPieces() {}

  /** Recomputes the trailing checksum of an encoding in place. */
  static byte[] reseal(byte[] encoded) {
    int bodyLength = encoded.length - BackupPiece.CHECKSUM_LENGTH;
    byte[] body = Arrays.copyOf(encoded, bodyLength);
    byte[] sum = Hashes.taggedHash("Frostgate/backup-piece", body);
    System.arraycopy(sum, 0, encoded, bodyLength, BackupPiece.CHECKSUM_LENGTH);
    return encoded;
  }

  /** Encodes p, lets edit change the bytes, then reseals the checksum. */
  static byte[] forgeBytes(BackupPiece p, Consumer<byte[]> edit) {
    byte[] e = p.encode();
    edit.accept(e);
    return reseal(e);
  }

  static BackupPiece forge(BackupPiece p, Consumer<byte[]> edit) {
    return BackupPiece.decode(forgeBytes(p, edit));
  }

  /** Offset of the first data byte in the encoding. */
  static final int DATA_OFFSET = 14;
}
