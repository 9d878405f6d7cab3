package dev.frostgate.crypto.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.backup.BackupException.Reason;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShamirBackupTest {
  private static final SecureRandom RND = new SecureRandom();

  static byte[] secret(int length, long seed) {
    byte[] s = new byte[length];
    new Random(seed).nextBytes(s);
    return s;
  }

  static Stream<Arguments> thresholds() {
    return Stream.of(
        Arguments.of(1, 1, 32),
        Arguments.of(1, 3, 32),
        Arguments.of(2, 2, 32),
        Arguments.of(2, 3, 1),
        Arguments.of(3, 5, 32),
        Arguments.of(3, 5, 1024),
        Arguments.of(5, 5, 100),
        Arguments.of(4, 9, 33),
        Arguments.of(7, 10, 64),
        Arguments.of(10, 15, 32),
        Arguments.of(2, 255, 32),
        Arguments.of(128, 255, 16),
        Arguments.of(255, 255, 4));
  }

  @ParameterizedTest(name = "{0}-of-{1}, {2} bytes")
  @MethodSource("thresholds")
  void roundTrip(int k, int m, int length) {
    byte[] s = secret(length, 31L * k + m);
    List<BackupPiece> pieces = ShamirBackup.split(s, k, m, RND);

    assertThat(pieces).hasSize(m);
    for (int i = 0; i < m; i++) {
      BackupPiece p = pieces.get(i);
      assertThat(p.index()).isEqualTo(i + 1);
      assertThat(p.threshold()).isEqualTo(k);
      assertThat(p.count()).isEqualTo(m);
      assertThat(p.secretLength()).isEqualTo(length);
      assertThat(p.setId()).isEqualTo(pieces.get(0).setId());
    }
    // all pieces, exactly k (the last k), and k shuffled from random positions
    assertThat(ShamirBackup.combine(pieces)).isEqualTo(s);
    assertThat(ShamirBackup.combine(pieces.subList(m - k, m))).isEqualTo(s);
    List<BackupPiece> shuffled = new ArrayList<>(pieces);
    Collections.shuffle(shuffled, new Random(k));
    assertThat(ShamirBackup.combine(shuffled.subList(0, k))).isEqualTo(s);
    // and through the text form
    List<String> texts = pieces.stream().map(BackupPiece::toText).toList();
    assertThat(ShamirBackup.combineText(texts.subList(0, k))).isEqualTo(s);
  }

  @Test
  void everySubsetOfThreeOfFive() {
    byte[] s = secret(32, 5);
    List<BackupPiece> pieces = ShamirBackup.split(s, 3, 5, RND);
    int succeeded = 0;
    for (int mask = 1; mask < 32; mask++) {
      List<BackupPiece> subset = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        if ((mask & (1 << i)) != 0) {
          subset.add(pieces.get(i));
        }
      }
      if (subset.size() >= 3) {
        assertThat(ShamirBackup.combine(subset)).isEqualTo(s);
        succeeded++;
      } else {
        expectReason(() -> ShamirBackup.combine(subset), Reason.NOT_ENOUGH_PIECES);
      }
    }
    assertThat(succeeded).isEqualTo(10 + 5 + 1);
  }

  @Test
  void splitsAreRandomized() {
    byte[] s = secret(32, 6);
    List<BackupPiece> a = ShamirBackup.split(s, 2, 3, RND);
    List<BackupPiece> b = ShamirBackup.split(s, 2, 3, RND);
    assertThat(a.get(0).setId()).isNotEqualTo(b.get(0).setId());
    assertThat(a.get(0).encode()).isNotEqualTo(b.get(0).encode());
  }

  @Test
  void fewerThanThresholdFails() {
    List<BackupPiece> pieces = ShamirBackup.split(secret(32, 7), 4, 6, RND);
    BackupException e =
        expectReason(() -> ShamirBackup.combine(pieces.subList(0, 3)), Reason.NOT_ENOUGH_PIECES);
    assertThat(e).hasMessageContaining("needs 4 of 6").hasMessageContaining("got 3");
    expectReason(() -> ShamirBackup.combine(List.of()), Reason.NOT_ENOUGH_PIECES);
  }

  @Test
  void pieceFromAnotherSplitFails() {
    byte[] s = secret(32, 8);
    List<BackupPiece> a = ShamirBackup.split(s, 2, 3, RND);
    List<BackupPiece> b = ShamirBackup.split(s, 2, 3, RND);
    expectReason(() -> ShamirBackup.combine(List.of(a.get(0), b.get(1))), Reason.MIXED_SETS);
    expectReason(
        () -> ShamirBackup.combine(List.of(a.get(0), a.get(1), b.get(2))), Reason.MIXED_SETS);
  }

  @Test
  void pieceFromAnotherSplitWithTheSameSetIdFailsTheDigest() {
    byte[] s = secret(32, 9);
    List<BackupPiece> a = ShamirBackup.split(s, 2, 3, RND);
    List<BackupPiece> b = ShamirBackup.split(secret(32, 10), 2, 3, RND);
    byte[] setIdA = a.get(0).setId();
    BackupPiece alien =
        TestPieces.forge(b.get(1), e -> System.arraycopy(setIdA, 0, e, 1, setIdA.length));
    expectReason(() -> ShamirBackup.combine(List.of(a.get(0), alien)), Reason.DIGEST_MISMATCH);
  }

  @Test
  void duplicateIndicesFail() {
    List<BackupPiece> pieces = ShamirBackup.split(secret(32, 11), 2, 3, RND);
    BackupException e =
        expectReason(
            () -> ShamirBackup.combine(List.of(pieces.get(1), pieces.get(1))),
            Reason.DUPLICATE_INDEX);
    assertThat(e.pieceIndices()).containsExactly(2);
  }

  @Test
  void inconsistentParametersFail() {
    List<BackupPiece> pieces = ShamirBackup.split(secret(32, 12), 2, 3, RND);
    BackupPiece otherThreshold = TestPieces.forge(pieces.get(2), e -> e[9] = 3);
    BackupException e =
        expectReason(
            () -> ShamirBackup.combine(List.of(pieces.get(0), otherThreshold)),
            Reason.INCONSISTENT_PARAMETERS);
    assertThat(e.pieceIndices()).containsExactly(1, 3);
    BackupPiece otherCount = TestPieces.forge(pieces.get(2), e2 -> e2[10] = 4);
    expectReason(
        () -> ShamirBackup.combine(List.of(pieces.get(0), otherCount)),
        Reason.INCONSISTENT_PARAMETERS);
  }

  @Test
  void forgedPieceWithExactlyKFailsTheDigest() {
    List<BackupPiece> pieces = ShamirBackup.split(secret(32, 13), 3, 5, RND);
    BackupPiece forged = TestPieces.forge(pieces.get(1), e -> e[TestPieces.DATA_OFFSET + 5] ^= 1);
    expectReason(
        () -> ShamirBackup.combine(List.of(pieces.get(0), forged, pieces.get(2))),
        Reason.DIGEST_MISMATCH);
  }

  @Test
  void forgedExtraPieceIsNamed() {
    byte[] s = secret(32, 14);
    List<BackupPiece> pieces = ShamirBackup.split(s, 3, 5, RND);
    BackupPiece forged = TestPieces.forge(pieces.get(4), e -> e[TestPieces.DATA_OFFSET] ^= 0x40);
    List<BackupPiece> given = new ArrayList<>(pieces.subList(0, 4));
    given.add(forged);
    BackupException e = expectReason(() -> ShamirBackup.combine(given), Reason.INCONSISTENT_PIECES);
    assertThat(e.pieceIndices()).containsExactly(5);
  }

  @Test
  void forgedBasePieceIsNamedWhenExtrasAllowIt() {
    byte[] s = secret(32, 15);
    List<BackupPiece> pieces = ShamirBackup.split(s, 3, 5, RND);
    BackupPiece forged =
        TestPieces.forge(pieces.get(0), e -> e[TestPieces.DATA_OFFSET + 31] ^= (byte) 0x80);
    List<BackupPiece> given = new ArrayList<>(pieces);
    given.set(0, forged);
    BackupException e = expectReason(() -> ShamirBackup.combine(given), Reason.INCONSISTENT_PIECES);
    assertThat(e.pieceIndices()).containsExactly(1);
  }

  @Test
  void combineTextNamesEveryCorruptedPiece() {
    List<BackupPiece> pieces = ShamirBackup.split(secret(32, 16), 2, 4, RND);
    List<String> texts = new ArrayList<>(pieces.stream().map(BackupPiece::toText).toList());
    texts.set(1, flipHexDigit(texts.get(1), 40));
    texts.set(3, flipHexDigit(texts.get(3), texts.get(3).length() - 1));
    BackupException e = expectReason(() -> ShamirBackup.combineText(texts), Reason.CORRUPTED_PIECE);
    assertThat(e.pieceIndices()).containsExactly(2, 4);
  }

  @Test
  void oneOfMPiecesCarryThePayloadInTheClear() {
    // Documented behaviour of k = 1: the polynomial is constant.
    byte[] s = secret(32, 17);
    List<BackupPiece> pieces = ShamirBackup.split(s, 1, 2, RND);
    assertThat(Arrays.copyOf(pieces.get(0).data(), 32)).isEqualTo(s);
    assertThat(pieces.get(0).data()).isEqualTo(pieces.get(1).data());
  }

  @Test
  void splitChecksItsArguments() {
    byte[] s = secret(32, 18);
    assertThatThrownBy(() -> ShamirBackup.split(new byte[0], 1, 1, RND))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShamirBackup.split(new byte[4097], 1, 1, RND))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShamirBackup.split(s, 0, 3, RND))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShamirBackup.split(s, 4, 3, RND))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShamirBackup.split(s, 1, 256, RND))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShamirBackup.split(s, 1, 0, RND))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ShamirBackup.split(new byte[1024], 2, 2, RND)).hasSize(2);
  }

  @Test
  void splitDoesNotModifyTheSecret() {
    byte[] s = secret(32, 19);
    byte[] copy = s.clone();
    ShamirBackup.split(s, 3, 5, RND);
    assertThat(s).isEqualTo(copy);
  }

  @Test
  void errorsAndToStringNeverShowSecretOrData() {
    byte[] s = secret(32, 20);
    String secretHex = HexFormat.of().formatHex(s);
    List<BackupPiece> pieces = ShamirBackup.split(s, 1, 3, RND); // data = secret ‖ digest
    String dataHex = HexFormat.of().formatHex(pieces.get(0).data());
    List<String> texts = new ArrayList<>();
    for (BackupPiece p : pieces) {
      texts.add(p.toString());
    }
    BackupPiece forged = TestPieces.forge(pieces.get(2), e -> e[TestPieces.DATA_OFFSET] ^= 1);
    texts.add(
        catchBackup(() -> ShamirBackup.combine(List.of(pieces.get(0), pieces.get(1), forged)))
            .getMessage());
    texts.add(
        catchBackup(() -> ShamirBackup.combine(List.of(pieces.get(0), pieces.get(0))))
            .getMessage());
    byte[] bad = pieces.get(0).encode();
    bad[TestPieces.DATA_OFFSET] ^= 1;
    texts.add(catchBackup(() -> BackupPiece.decode(bad)).getMessage());
    for (String t : texts) {
      assertThat(t.toLowerCase()).doesNotContain(secretHex).doesNotContain(dataHex);
      assertThat(t).doesNotContain(secretHex.substring(0, 16));
    }
    assertThat(pieces.get(0).toString()).contains("redacted").contains(pieces.get(0).setIdHex());
  }

  static String flipHexDigit(String text, int position) {
    char c = text.charAt(position);
    char replacement = c == '0' ? '1' : '0';
    return text.substring(0, position) + replacement + text.substring(position + 1);
  }

  static BackupException catchBackup(ThrowingCallable call) {
    try {
      call.call();
    } catch (BackupException e) {
      return e;
    } catch (Throwable t) {
      throw new AssertionError("expected a BackupException", t);
    }
    throw new AssertionError("expected a BackupException, nothing was thrown");
  }

  static BackupException expectReason(ThrowingCallable call, Reason reason) {
    BackupException e = catchBackup(call);
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
    return e;
  }
}
