package dev.frostgate.crypto.backup;

import static dev.frostgate.crypto.backup.ShamirBackupTest.catchBackup;
import static dev.frostgate.crypto.backup.ShamirBackupTest.expectReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.backup.BackupException.Reason;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BackupPieceTest {
  private static final SecureRandom RND = new SecureRandom();

  private static BackupPiece piece() {
    return ShamirBackup.split(ShamirBackupTest.secret(32, 1), 3, 5, RND).get(3);
  }

  @Test
  void encodingLayout() {
    BackupPiece p = piece();
    byte[] e = p.encode();
    assertThat(e).hasSize(14 + 48 + 8);
    assertThat(e[0]).isEqualTo((byte) 1);
    assertThat(Arrays.copyOfRange(e, 1, 9)).isEqualTo(p.setId());
    assertThat(e[9]).isEqualTo((byte) 3);
    assertThat(e[10]).isEqualTo((byte) 5);
    assertThat(e[11]).isEqualTo((byte) 4);
    assertThat(e[12]).isZero();
    assertThat(e[13]).isEqualTo((byte) 48);
    assertThat(p.version()).isEqualTo(1);
  }

  @Test
  void binaryAndTextRoundTripCanonically() {
    BackupPiece p = piece();
    byte[] e = p.encode();
    BackupPiece decoded = BackupPiece.decode(e);
    assertThat(decoded).isEqualTo(p);
    assertThat(decoded.encode()).isEqualTo(e);
    String text = p.toText();
    assertThat(text).matches("fgbk1-[0-9a-f]{140}");
    assertThat(BackupPiece.fromText(text)).isEqualTo(p);
    assertThat(BackupPiece.fromText(text).toText()).isEqualTo(text);
  }

  @Test
  void largestPieceRoundTrips() {
    BackupPiece p = ShamirBackup.split(new byte[1024], 255, 255, RND).get(254);
    assertThat(p.index()).isEqualTo(255);
    assertThat(BackupPiece.decode(p.encode())).isEqualTo(p);
  }

  @Test
  void everyTruncationIsRejected() {
    byte[] e = piece().encode();
    for (int len = 0; len < e.length; len++) {
      byte[] truncated = Arrays.copyOf(e, len);
      expectReason(() -> BackupPiece.decode(truncated), Reason.TRUNCATED);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 8, 100})
  void paddingIsRejected(int extra) {
    byte[] e = piece().encode();
    expectReason(
        () -> BackupPiece.decode(Arrays.copyOf(e, e.length + extra)), Reason.TRAILING_DATA);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 2, 0x7f, 0xff})
  void otherVersionsAreRejected(int version) {
    byte[] e = TestPieces.forgeBytes(piece(), b -> b[0] = (byte) version);
    BackupException x = expectReason(() -> BackupPiece.decode(e), Reason.UNSUPPORTED_VERSION);
    assertThat(x).hasMessageContaining("version " + version);
  }

  @Test
  void everySingleByteChangeIsRejectedAtDecode() {
    byte[] e = piece().encode();
    int rejected = 0;
    for (int pos = 0; pos < e.length; pos++) {
      for (int delta = 1; delta < 256; delta++) {
        byte[] altered = e.clone();
        altered[pos] ^= (byte) delta;
        catchBackup(() -> BackupPiece.decode(altered));
        rejected++;
      }
    }
    assertThat(rejected).isEqualTo(e.length * 255);
  }

  @Test
  void corruptionNamesTheIndex() {
    byte[] e = piece().encode();
    e[TestPieces.DATA_OFFSET + 3] ^= 0x10;
    BackupException x = expectReason(() -> BackupPiece.decode(e), Reason.CORRUPTED_PIECE);
    assertThat(x.pieceIndices()).containsExactly(4);
    assertThat(x).hasMessageContaining("index 4");
  }

  @Test
  void checksumValidButOutOfRangeFieldsAreRejected() {
    BackupPiece p = piece(); // 3 of 5, index 4
    List<java.util.function.Consumer<byte[]>> edits =
        List.of(
            b -> b[9] = 0, // k = 0
            b -> b[9] = 6, // k > m
            b -> b[10] = 0, // m = 0
            b -> b[11] = 0, // index 0
            b -> b[11] = 6); // index > m
    for (var edit : edits) {
      byte[] e = TestPieces.forgeBytes(p, edit);
      expectReason(() -> BackupPiece.decode(e), Reason.MALFORMED_FIELD);
    }
  }

  @Test
  void declaredLengthOutOfRangeIsRejected() {
    byte[] e = piece().encode();
    byte[] tooShort = e.clone();
    tooShort[13] = 16; // 0 secret bytes
    expectReason(() -> BackupPiece.decode(tooShort), Reason.MALFORMED_FIELD);
    byte[] tooLong = e.clone();
    tooLong[12] = 0x10;
    tooLong[13] = 0x11; // 4113
    expectReason(() -> BackupPiece.decode(tooLong), Reason.MALFORMED_FIELD);
  }

  @Test
  void malformedTextIsRejected() {
    String t = piece().toText();
    String hex = t.substring(6);
    for (String bad :
        List.of(
            "",
            "fgbk1-",
            hex,
            "fgbk2-" + hex,
            "FGBK1-" + hex,
            "fgbk1" + hex,
            "fgbk1-" + hex.toUpperCase(),
            "fgbk1-" + hex.substring(1),
            " " + t,
            t + "\n",
            t + " ",
            "fgbk1-" + hex.substring(0, 10) + "g" + hex.substring(11),
            "fgbk1-" + hex.substring(0, 10) + "-" + hex.substring(11))) {
      BackupException x = catchBackup(() -> BackupPiece.fromText(bad));
      assertThat(x.reason()).as(bad).isIn(Reason.MALFORMED_TEXT, Reason.TRUNCATED);
    }
    expectReason(() -> BackupPiece.fromText(t + "00"), Reason.TRAILING_DATA);
    expectReason(() -> BackupPiece.fromText(t.substring(0, t.length() - 2)), Reason.TRUNCATED);
  }

  @Test
  void everySingleHexDigitChangeIsRejected() {
    String t = piece().toText();
    for (int pos = 0; pos < t.length(); pos++) {
      for (char c : "0123456789abcdefABCDEFgz-".toCharArray()) {
        if (c == t.charAt(pos)) {
          continue;
        }
        String altered = t.substring(0, pos) + c + t.substring(pos + 1);
        catchBackup(() -> BackupPiece.fromText(altered));
      }
    }
  }
}
