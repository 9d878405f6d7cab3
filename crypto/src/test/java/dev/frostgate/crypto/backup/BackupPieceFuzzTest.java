package dev.frostgate.crypto.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Coverage-guided fuzzing of backup pieces ({@code frostgate backup combine} reads them from
 * files): a piece decodes (binary, or text {@code fgbk1-<hex>}) to a value that encodes back to the
 * input, or fails with a {@link BackupException}; combining any set of pieces gives a secret or a
 * {@link BackupException}. The input is also read with its checksum recomputed, and as lines of
 * text pieces (each line also with its checksum recomputed). Seeds: the pieces of a 2-of-3 split,
 * binary and as text lines.
 */
class BackupPieceFuzzTest {
  @FuzzTest
  void combine(byte[] data) {
    decode(data);
    if (data.length > BackupPiece.CHECKSUM_LENGTH) {
      decode(resealed(data));
    }
    String text = new String(data, StandardCharsets.ISO_8859_1);
    List<String> lines = List.of(text.split("\n", 32));
    combineText(lines);
    combineText(lines.stream().map(BackupPieceFuzzTest::resealedText).toList());
  }

  private static void decode(byte[] data) {
    try {
      BackupPiece p = BackupPiece.decode(data);
      assertThat(p.encode()).isEqualTo(data);
      assertThat(BackupPiece.fromText(p.toText()).encode()).isEqualTo(data);
    } catch (BackupException e) {
      assertThat(e.reason()).isNotNull();
    }
  }

  private static void combineText(List<String> lines) {
    try {
      assertThat(ShamirBackup.combineText(lines)).isNotNull();
    } catch (BackupException e) {
      assertThat(e.reason()).isNotNull();
    }
  }

  private static byte[] resealed(byte[] piece) {
    byte[] out = piece.clone();
    int body = out.length - BackupPiece.CHECKSUM_LENGTH;
    byte[] sum = BackupPiece.checksum(Arrays.copyOf(out, body));
    System.arraycopy(sum, 0, out, body, BackupPiece.CHECKSUM_LENGTH);
    return out;
  }

  private static String resealedText(String line) {
    if (!line.startsWith(BackupPiece.TEXT_PREFIX)) {
      return line;
    }
    try {
      byte[] b = HexFormat.of().parseHex(line.substring(BackupPiece.TEXT_PREFIX.length()));
      return b.length > BackupPiece.CHECKSUM_LENGTH
          ? BackupPiece.TEXT_PREFIX + HexFormat.of().formatHex(resealed(b))
          : line;
    } catch (IllegalArgumentException e) {
      return line;
    }
  }
}
