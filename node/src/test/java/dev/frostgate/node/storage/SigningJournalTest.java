package dev.frostgate.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningJournalTest {
  @TempDir Path dir;

  static byte[] bytes(int len, int fill) {
    byte[] b = new byte[len];
    java.util.Arrays.fill(b, (byte) fill);
    return b;
  }

  static final byte[] SESSION = bytes(32, 1);
  static final List<byte[]> MESSAGES = List.of(bytes(32, 2), bytes(32, 3));
  static final byte[] COMMITMENT = bytes(66, 4);

  @Test
  void recordsAndHonoursWithinOneRun() {
    try (StateDatabase db = StateDatabase.open(dir.resolve("state.db"))) {
      SigningJournal j = db.journal();
      assertThat(j.wasCommitmentIssued(COMMITMENT)).isInstanceOf(CommitmentStatus.NotIssued.class);
      JournalEntry e = j.recordBeforeShare(SESSION, MESSAGES, COMMITMENT);
      assertThat(e.boot()).isEqualTo(db.boot());
      assertThat(e.voided()).isFalse();
      assertThat(j.wasCommitmentIssued(COMMITMENT))
          .isEqualTo(new CommitmentStatus.Issued(j.entries(SESSION).get(0)));
      assertThat(j.requireHonourable(SESSION, COMMITMENT).messageHashes())
          .containsExactly(Bytes.of(MESSAGES.get(0)), Bytes.of(MESSAGES.get(1)));
      // A retry of the same share is allowed and writes nothing new.
      j.recordBeforeShare(SESSION, MESSAGES, COMMITMENT);
      assertThat(j.all()).hasSize(1);
    }
  }

  @Test
  void refusesNonceReuse() {
    try (StateDatabase db = StateDatabase.open(dir.resolve("state.db"))) {
      SigningJournal j = db.journal();
      j.recordBeforeShare(SESSION, MESSAGES, COMMITMENT);
      assertThatThrownBy(() -> j.recordBeforeShare(SESSION, List.of(bytes(32, 9)), COMMITMENT))
          .isInstanceOf(NonceReuseException.class)
          .hasMessageContaining("other messages");
      assertThatThrownBy(() -> j.recordBeforeShare(bytes(32, 7), MESSAGES, COMMITMENT))
          .isInstanceOf(NonceReuseException.class)
          .hasMessageContaining("in session");
      assertThatThrownBy(() -> j.requireHonourable(bytes(32, 7), COMMITMENT))
          .isInstanceOf(SessionVoidedException.class);
      assertThat(j.all()).hasSize(1);
    }
  }

  @Test
  void checksInputs() {
    try (StateDatabase db = StateDatabase.open(dir.resolve("state.db"))) {
      SigningJournal j = db.journal();
      assertThatThrownBy(() -> j.recordBeforeShare(SESSION, List.of(bytes(31, 1)), COMMITMENT))
          .hasMessageContaining("32 bytes");
      assertThatThrownBy(() -> j.recordBeforeShare(SESSION, List.of(), COMMITMENT))
          .hasMessageContaining("at least one");
      assertThatThrownBy(() -> j.recordBeforeShare(new byte[0], MESSAGES, COMMITMENT))
          .hasMessageContaining("session id");
    }
  }

  @Test
  void restartVoidsEarlierCommitments() {
    Path file = dir.resolve("state.db");
    StateDatabase db = StateDatabase.open(file);
    db.journal().recordBeforeShare(SESSION, MESSAGES, COMMITMENT);
    // Crash: no shutdown step of any kind, just the connection gone.
    db.close();

    try (StateDatabase again = StateDatabase.open(file)) {
      SigningJournal j = again.journal();
      assertThat(j.wasCommitmentIssued(COMMITMENT)).isInstanceOf(CommitmentStatus.Voided.class);
      assertThatThrownBy(() -> j.requireHonourable(SESSION, COMMITMENT))
          .isInstanceOf(SessionVoidedException.class)
          .hasMessageContaining("before a restart");
      assertThatThrownBy(() -> j.recordBeforeShare(SESSION, MESSAGES, COMMITMENT))
          .isInstanceOf(SessionVoidedException.class);
      // A fresh commitment in the same session is fine.
      j.recordBeforeShare(SESSION, MESSAGES, bytes(66, 5));
      assertThat(j.entries(SESSION)).hasSize(2);
    }
  }

  /** The row survives a process killed right after recordBeforeShare returned. */
  @Test
  void rowSurvivesKilledProcess() throws Exception {
    Path file = dir.resolve("state.db");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED",
                JournalCrashChild.class.getName(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isEqualTo(JournalCrashChild.HALT_STATUS);
    assertThat(new File(file + "-wal")).exists(); // never checkpointed: no clean close
    try (StateDatabase db = StateDatabase.open(file)) {
      assertThat(db.journal().wasCommitmentIssued(COMMITMENT))
          .isInstanceOf(CommitmentStatus.Voided.class);
    }
  }
}
