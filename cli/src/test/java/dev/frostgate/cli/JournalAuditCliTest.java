package dev.frostgate.cli;

import static dev.frostgate.cli.Cli.fails;
import static dev.frostgate.cli.Cli.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.node.storage.SqliteJournal;
import dev.frostgate.node.storage.StateDatabase;
import dev.frostgate.testkit.node.ShareFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code frostgate journal audit} on crafted state databases: a clean set passes; a cloned
 * validator's database (every commitment in two journals) and two requests sharing an outpoint are
 * each reported and exit 1; the files are only read.
 */
class JournalAuditCliTest {
  private static final SpendInput COIN = ShareFixtures.coin("audit", 50_000, 1);

  private static Path journalWithShare(Path dir, String name, String request) {
    Path file = dir.resolve(name);
    try (StateDatabase db = StateDatabase.open(file)) {
      var u = ShareFixtures.spend(List.of(COIN), 1, 30_000, 2);
      assertThat(
              new SqliteJournal(db, ShareFixtures.CAP)
                  .recordShares(List.of(ShareFixtures.freshShare(request, 1, u))))
          .containsOnly(java.util.Optional.empty());
    }
    return file;
  }

  @Test
  void aCleanSetPassesAndTheFilesAreNotChanged(@TempDir Path dir) throws Exception {
    Path a = journalWithShare(dir, "a.db", "req-1");
    Path b = journalWithShare(dir, "b.db", "req-1");
    byte[] before = Files.readAllBytes(a);
    Cli.Run r = ok("journal", "audit", "--db", a.toString(), b.toString());
    assertThat(r.out()).contains("audited 2 databases: 2 journal rows", "audit clean");
    assertThat(Files.readAllBytes(a)).as("read-only").isEqualTo(before);
  }

  @Test
  void aCommitmentInTwoJournalsFails(@TempDir Path dir) throws Exception {
    Path a = journalWithShare(dir, "a.db", "req-1");
    Path clone = dir.resolve("clone.db");
    Files.copy(a, clone);
    Cli.Run r = fails(1, "journal", "audit", "--db", a.toString(), clone.toString());
    assertThat(r.out()).contains("VIOLATION commitment used twice", "a.db", "clone.db");
    assertThat(r.err()).contains("audit violation");
  }

  @Test
  void twoRequestsSpendingOneOutpointFail(@TempDir Path dir) {
    Path a = journalWithShare(dir, "a.db", "req-1");
    Path b = journalWithShare(dir, "b.db", "req-2");
    Cli.Run r = fails(1, "journal", "audit", "--db", a.toString(), b.toString());
    assertThat(r.out())
        .contains("VIOLATION conflicting spends signed", "req-1", "req-2")
        .doesNotContain("commitment used twice");
  }

  @Test
  void aMissingDatabaseIsABadArgument(@TempDir Path dir) {
    Path missing = dir.resolve("missing.db");
    assertThat(fails(2, "journal", "audit", "--db", missing.toString()).err())
        .contains(missing.toString(), "no such state database");
  }
}
