package dev.frostgate.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.frostgate.node.storage.JournalExport.ImportResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Coverage-guided fuzzing of the journal import file ({@code frostgate journal import}, {@link
 * JournalExport#importFrom}) into a real SQLite state database. An import either succeeds or throws
 * a {@link StorageException} (what the CLI reports as bad input); a successful import is
 * idempotent: importing the same file again adds nothing. The database is emptied after every
 * input, so each input is judged on its own. Seeds: the export of {@link JournalExportTest}'s
 * validator 4 (two shares of one request, a fee bump, their spend locks), and a version-1 file.
 */
class JournalImportFuzzTest {
  static final int VALIDATOR = 4;
  private static final StateDatabase DB = open();

  private static StateDatabase open() {
    try {
      Path dir = Files.createTempDirectory("frostgate-journal-fuzz");
      dir.toFile().deleteOnExit();
      return StateDatabase.open(
          dir.resolve("state.db"),
          Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  void importFile(byte[] data) {
    try {
      ImportResult first = JournalExport.importFrom(DB, VALIDATOR, new ByteArrayInputStream(data));
      ImportResult again = JournalExport.importFrom(DB, VALIDATOR, new ByteArrayInputStream(data));
      assertThat(again.journalAdded()).isZero();
      assertThat(again.locksAdded()).isZero();
      assertThat(again.journalAlreadyPresent())
          .isEqualTo(first.journalAdded() + first.journalAlreadyPresent());
    } catch (StorageException e) {
      assertThat(e.getMessage()).isNotNull();
    } finally {
      DB.inTransaction(
          c -> {
            try (Statement s = c.createStatement()) {
              s.executeUpdate("DELETE FROM signing_journal");
              s.executeUpdate("DELETE FROM spend_locks");
            }
            return null;
          });
    }
  }
}
