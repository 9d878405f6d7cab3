package dev.frostgate.crypto.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class BackupPieceProperties {
  private static final SecureRandom RND = new SecureRandom();

  /**
   * Alters one byte of one encoded piece of a random k-of-m split; the change must be rejected at
   * decoding or, failing that, at combining. Never may a different secret come out.
   */
  @Property(tries = 500, seed = "20240611")
  void everySingleByteChangeIsRejected(
      @ForAll @Size(min = 1, max = 64) byte[] secret,
      @ForAll @IntRange(min = 1, max = 8) int k,
      @ForAll @IntRange(min = 0, max = 4) int extra,
      @ForAll @IntRange(min = 0, max = 1000) int pieceChoice,
      @ForAll @IntRange(min = 0, max = 100_000) int positionChoice,
      @ForAll @IntRange(min = 1, max = 255) int delta) {
    int m = k + extra;
    List<BackupPiece> pieces = ShamirBackup.split(secret, k, m, RND);
    int victim = pieceChoice % m;
    byte[] encoded = pieces.get(victim).encode();
    int position = positionChoice % encoded.length;
    encoded[position] ^= (byte) delta;

    List<BackupPiece> given = new ArrayList<>(pieces);
    BackupException e =
        ShamirBackupTest.catchBackup(
            () -> {
              given.set(victim, BackupPiece.decode(encoded));
              ShamirBackup.combine(given);
            });
    assertThat(e.reason()).isNotNull();
  }

  @Property(tries = 200, seed = "424242")
  void anyKPiecesRecoverTheSecret(
      @ForAll @Size(min = 1, max = 200) byte[] secret,
      @ForAll @IntRange(min = 1, max = 20) int k,
      @ForAll @IntRange(min = 0, max = 20) int extra,
      @ForAll long shuffleSeed) {
    int m = k + extra;
    List<BackupPiece> pieces = new ArrayList<>(ShamirBackup.split(secret, k, m, RND));
    java.util.Collections.shuffle(pieces, new java.util.Random(shuffleSeed));
    assertThat(ShamirBackup.combine(pieces.subList(0, k))).isEqualTo(secret);
  }
}
