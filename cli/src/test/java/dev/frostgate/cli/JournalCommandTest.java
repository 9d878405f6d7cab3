package dev.frostgate.cli;

import static dev.frostgate.cli.Cli.fails;
import static dev.frostgate.cli.Cli.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.node.storage.SqliteJournal;
import dev.frostgate.node.storage.StateDatabase;
import dev.frostgate.testkit.node.ShareFixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalCommandTest {
  @Test
  void exportThenImportMovesTheJournalToANewDatabase(@TempDir Path dir) {
    Path oldDb = dir.resolve("old.db");
    try (StateDatabase db = StateDatabase.open(oldDb)) {
      var u = ShareFixtures.spend(List.of(ShareFixtures.coin("cli", 50_000, 1)), 1, 30_000, 2);
      new SqliteJournal(db, ShareFixtures.CAP)
          .recordShares(List.of(ShareFixtures.freshShare("req", 1, u)));
    }
    Path export = dir.resolve("journal.json");
    ok(
        "journal",
        "export",
        "--db",
        oldDb.toString(),
        "--validator",
        "3",
        "--out",
        export.toString());

    Path newDb = dir.resolve("new.db");
    Cli.Run r =
        ok(
            "journal",
            "import",
            "--db",
            newDb.toString(),
            "--validator",
            "3",
            "--in",
            export.toString());
    assertThat(r.out()).contains("1 journal rows added");
    try (StateDatabase db = StateDatabase.open(newDb)) {
      assertThat(db.journal().all()).hasSize(1);
    }
    // Idempotent, and another validator's file is refused.
    Cli.Run again =
        ok(
            "journal",
            "import",
            "--db",
            newDb.toString(),
            "--validator",
            "3",
            "--in",
            export.toString());
    assertThat(again.out()).contains("0 journal rows added (1 already present)");
    Cli.Run other =
        fails(
            2,
            "journal",
            "import",
            "--db",
            newDb.toString(),
            "--validator",
            "4",
            "--in",
            export.toString());
    assertThat(other.err()).contains("journal.json");
    fails(
        2,
        "journal",
        "export",
        "--db",
        dir.resolve("missing.db").toString(),
        "--validator",
        "3",
        "--out",
        dir.resolve("x.json").toString());
    fails(
        2,
        "journal",
        "export",
        "--db",
        oldDb.toString(),
        "--validator",
        "3",
        "--out",
        export.toString());
  }
}
