package dev.frostgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandTest {
  @TempDir Path dir;
  Path secret;
  Path pieces;
  byte[] content;

  @BeforeEach
  void split() throws Exception {
    content =
        ("{\n  \"type\": \"key-package\",\n  \"version\": 1,\n  \"signing_share\": \""
                + "1f".repeat(32)
                + "\"\n}\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] tail = new byte[200];
    new SecureRandom().nextBytes(tail); // binary bytes too, incl. 0x00 and 0xff
    content = concat(content, tail);
    secret = dir.resolve("key-package.json");
    Files.write(secret, content);
    pieces = dir.resolve("pieces");
    Cli.Run r =
        Cli.run(
            "backup",
            "split",
            "--in",
            secret.toString(),
            "--threshold",
            "3",
            "--pieces",
            "5",
            "--out-dir",
            pieces.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("wrote 5 pieces (3-of-5");
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  Path piece(int i) {
    return pieces.resolve("piece-" + i + ".txt");
  }

  Cli.Run combine(Path out, Path... files) {
    List<String> args = new ArrayList<>(List.of("backup", "combine", "--out", out.toString()));
    for (Path f : files) {
      args.add(f.toString());
    }
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void piecesAreOneLineEachAndPrivate() throws Exception {
    for (int i = 1; i <= 5; i++) {
      List<String> lines = Files.readAllLines(piece(i));
      assertThat(lines).singleElement().asString().startsWith("fgbk1-");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(piece(i))))
          .isEqualTo("rw-------");
    }
    assertThat(pieces.resolve("piece-6.txt")).doesNotExist();
  }

  @Test
  void anyThreePiecesRestoreTheFileByteForByte() throws Exception {
    int n = 0;
    for (int a = 1; a <= 5; a++) {
      for (int b = a + 1; b <= 5; b++) {
        for (int c = b + 1; c <= 5; c++) {
          Path out = dir.resolve("restored-" + a + b + c + ".json");
          Cli.Run r = combine(out, piece(c), piece(a), piece(b));
          assertThat(r.exit()).as(r.err()).isZero();
          assertThat(Files.readAllBytes(out)).isEqualTo(content);
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
              .isEqualTo("rw-------");
          n++;
        }
      }
    }
    assertThat(n).isEqualTo(10);
    Path all = dir.resolve("all.json");
    assertThat(combine(all, piece(1), piece(2), piece(3), piece(4), piece(5)).exit()).isZero();
    assertThat(Files.readAllBytes(all)).isEqualTo(content);
  }

  @Test
  void aCorruptedPieceIsNamedByItsFile() throws Exception {
    String text = Files.readString(piece(2)).strip();
    int at = text.length() / 2;
    char flipped = text.charAt(at) == '0' ? '1' : '0';
    Files.writeString(piece(2), text.substring(0, at) + flipped + text.substring(at + 1) + "\n");
    Path out = dir.resolve("out.json");
    Cli.Run r = combine(out, piece(1), piece(2), piece(3));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(piece(2).toString()).contains("corrupted");
    assertThat(r.err()).doesNotContain(piece(1).toString());
    assertThat(out).doesNotExist();

    Files.writeString(piece(4), "not a piece\n");
    Cli.Run two = combine(out, piece(2), piece(4), piece(5));
    assertThat(two.exit()).isEqualTo(2);
    assertThat(two.err()).contains(piece(2).toString()).contains(piece(4).toString());
  }

  @Test
  void piecesOfAnotherSplitOrTooFewAreRejected() throws Exception {
    Path other = dir.resolve("other");
    assertThat(
            Cli.run(
                    "backup",
                    "split",
                    "--in",
                    secret.toString(),
                    "--threshold",
                    "3",
                    "--pieces",
                    "5",
                    "--out-dir",
                    other.toString())
                .exit())
        .isZero();
    Path out = dir.resolve("out.json");
    Cli.Run mixed = combine(out, piece(1), piece(2), other.resolve("piece-3.txt"));
    assertThat(mixed.exit()).isEqualTo(2);
    assertThat(mixed.err()).contains("MIXED_SETS");
    Cli.Run few = combine(out, piece(1), piece(2));
    assertThat(few.exit()).isEqualTo(2);
    assertThat(few.err()).contains("needs 3 of 5 pieces, got 2");
    assertThat(out).doesNotExist();
  }

  @Test
  void existingFilesAreNotOverwrittenWithoutForce() throws Exception {
    Cli.Run again =
        Cli.run(
            "backup",
            "split",
            "--in",
            secret.toString(),
            "--threshold",
            "3",
            "--pieces",
            "5",
            "--out-dir",
            pieces.toString());
    assertThat(again.exit()).isEqualTo(2);
    assertThat(again.err()).contains("already exists");
    Cli.Run r = combine(secret, piece(1), piece(2), piece(3));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("already exists");
  }

  @Test
  void badParametersAreExitTwo() {
    Cli.Run r =
        Cli.run(
            "backup",
            "split",
            "--in",
            secret.toString(),
            "--threshold",
            "6",
            "--pieces",
            "5",
            "--out-dir",
            dir.resolve("x").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--threshold must be between 1 and --pieces (5), got 6");
    Cli.Run missing =
        Cli.run(
            "backup",
            "split",
            "--in",
            dir.resolve("nope").toString(),
            "--threshold",
            "2",
            "--pieces",
            "3",
            "--out-dir",
            dir.resolve("x").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("nope: no such file");
  }
}
