package dev.frostgate.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.testkit.node.ShareFixtures;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDatabaseTest {
  @TempDir Path dir;

  private static List<String> column(Path file, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  @Test
  void migratesFromEmptyAndReopens() throws SQLException {
    Path file = dir.resolve("sub/state.db");
    try (StateDatabase db = StateDatabase.open(file)) {
      assertThat(db.schemaVersion()).isEqualTo(StateDatabase.codeSchemaVersion()).isEqualTo(9);
      assertThat(db.boot()).isEqualTo(1);
      String mode =
          db.inTransaction(
              c -> {
                try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
                  rs.next();
                  return rs.getString(1);
                }
              });
      assertThat(mode).isEqualTo("2"); // FULL
    }
    assertThat(column(file, "PRAGMA journal_mode")).containsExactly("wal");
    assertThat(column(file, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        .contains(
            "boots",
            "dkg_exclusions",
            "dkg_results",
            "dkg_sessions",
            "dkg_votes",
            "key_metadata",
            "peer_bans",
            "peer_stats",
            "requests",
            "schema_history",
            "signing_journal",
            "signing_sessions",
            "spend_locks");
    assertThat(column(file, "SELECT name FROM pragma_table_info('signing_journal')"))
        .noneMatch(c -> c.contains("nonce") || c.contains("secret"));
    for (String dkg : List.of("dkg_sessions", "dkg_votes", "dkg_exclusions", "dkg_results")) {
      assertThat(column(file, "SELECT name FROM pragma_table_info('" + dkg + "')"))
          .as(dkg + " holds public data only")
          .noneMatch(c -> c.contains("nonce") || c.contains("secret") || c.contains("polynomial"));
    }
    try (StateDatabase db = StateDatabase.open(file)) {
      assertThat(db.boot()).isEqualTo(2);
    }
    assertThat(column(file, "SELECT version || ' ' || name FROM schema_history"))
        .containsExactly(
            "1 V1__validator_state.sql",
            "2 V2__dkg_resume.sql",
            "3 V3__dkg_round1_view.sql",
            "4 V4__drop_dkg_progress.sql",
            "5 V5__journal_package_digest.sql",
            "6 V6__peer_bans.sql",
            "7 V7__spend_lock_lifecycle.sql",
            "8 V8__request_txid.sql",
            "9 V9__key_refreshes.sql");
    // V1's never-written dkg_progress is gone.
    assertThat(column(file, "SELECT name FROM sqlite_master WHERE name = 'dkg_progress'"))
        .isEmpty();
  }

  @Test
  void refusesNewerDatabase() throws SQLException {
    Path file = dir.resolve("state.db");
    StateDatabase.open(file).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("INSERT INTO schema_history VALUES (10, 'V10__from_the_future.sql', 0)");
    }
    assertThatThrownBy(() -> StateDatabase.open(file))
        .isInstanceOf(DatabaseTooNewException.class)
        .hasMessageContaining("schema version 10 is newer than this Frostgate supports (9)");
    // The refusal released the lock file: the old state is still usable once fixed.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM schema_history WHERE version = 10");
    }
    StateDatabase.open(file).close();
  }

  @Test
  void refusesChangedMigration() throws SQLException {
    Path file = dir.resolve("state.db");
    StateDatabase.open(file).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("UPDATE schema_history SET name = 'V1__something_else.sql'");
    }
    assertThatThrownBy(() -> StateDatabase.open(file))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("was applied as V1__something_else.sql");
  }

  @Test
  void upgradesAVersion1DatabaseKeepingItsRows() throws SQLException {
    Path file = dir.resolve("v1.db");
    // A database as version 1 of this code left it: only V1 applied, one key and one request.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE schema_history (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
              + " applied_at INTEGER NOT NULL)");
      for (String sql :
          StateDatabase.statements(
              new String(
                  StateDatabase.class
                      .getResourceAsStream("/db/migration/V1__validator_state.sql")
                      .readAllBytes(),
                  java.nio.charset.StandardCharsets.UTF_8))) {
        s.execute(sql);
      }
      s.execute("INSERT INTO schema_history VALUES (1, 'V1__validator_state.sql', 0)");
      s.execute("INSERT INTO key_metadata VALUES (0, x'02', 'tpub', 'suite', 2, 3, 5)");
      s.execute("INSERT INTO boots (started_at) VALUES (1)");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    try (StateDatabase db = StateDatabase.open(file)) {
      assertThat(db.schemaVersion()).isEqualTo(9);
      assertThat(db.boot()).isEqualTo(2);
    }
    assertThat(column(file, "SELECT threshold_xpub FROM key_metadata")).containsExactly("tpub");
    assertThat(column(file, "SELECT version || ' ' || name FROM schema_history"))
        .containsExactly(
            "1 V1__validator_state.sql",
            "2 V2__dkg_resume.sql",
            "3 V3__dkg_round1_view.sql",
            "4 V4__drop_dkg_progress.sql",
            "5 V5__journal_package_digest.sql",
            "6 V6__peer_bans.sql",
            "7 V7__spend_lock_lifecycle.sql",
            "8 V8__request_txid.sql",
            "9 V9__key_refreshes.sql");
    assertThat(column(file, "SELECT count(*) FROM dkg_sessions")).containsExactly("0");
  }

  /**
   * V5 on a real version-4 file: its journal rows and spend locks are kept (the rows without a
   * package digest, and void like every row of an earlier boot), and a kept commitment is refused.
   */
  @Test
  void upgradesAVersion4DatabaseKeepingItsJournalAndLocks() throws SQLException {
    Path file = dir.resolve("v4.db");
    var u = ShareFixtures.spend(List.of(ShareFixtures.coin("v4", 50_000, 1)), 1, 30_000, 2);
    dev.frostgate.engine.Journal.PendingShare share = ShareFixtures.freshShare("r", 1, u);
    byte[] commitment =
        dev.frostgate.crypto.codec.FrostCodec.encode(share.row().commitments().get(0));
    fr.acinq.bitcoin.OutPoint coin = u.tx().txIn.get(0).outPoint;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE schema_history (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
              + " applied_at INTEGER NOT NULL)");
      for (int v = 1; v <= 4; v++) {
        String name = StateDatabase.MIGRATIONS.get(v - 1);
        for (String sql :
            StateDatabase.statements(
                new String(
                    StateDatabase.class.getResourceAsStream("/db/migration/" + name).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8))) {
          s.execute(sql);
        }
        s.execute("INSERT INTO schema_history VALUES (" + v + ", '" + name + "', 0)");
      }
      s.execute("INSERT INTO boots (started_at) VALUES (1)");
      try (var ps =
          c.prepareStatement(
              "INSERT INTO signing_journal (commitment, session_id, message_hashes, boot,"
                  + " created_at, voided_at) VALUES (?, ?, ?, 1, 2, NULL)")) {
        ps.setBytes(1, commitment);
        ps.setBytes(2, new byte[46]);
        ps.setBytes(3, share.row().messageHashes().get(0).bytes());
        ps.executeUpdate();
      }
      try (var ps =
          c.prepareStatement("INSERT INTO spend_locks VALUES (?, ?, ?, x'72', 1000, x'00', 3)")) {
        ps.setString(1, coin.txid.value.toHex());
        ps.setLong(2, coin.index);
        ps.setBytes(3, u.txid().value.toByteArray());
        ps.executeUpdate();
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    try (StateDatabase db = StateDatabase.open(file)) {
      assertThat(db.schemaVersion()).isEqualTo(9);
      assertThat(db.journal().all())
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.commitment()).isEqualTo(Bytes.of(commitment));
                assertThat(e.packageDigest()).isEmpty();
                assertThat(e.voided()).isTrue();
              });
      assertThat(db.spendLocks().locksOn(coin)).hasSize(1);
      assertThat(
              ShareFixtures.kind(
                  new SqliteJournal(db, ShareFixtures.CAP).recordShares(List.of(share))))
          .contains(dev.frostgate.engine.Journal.Refusal.Kind.COMMITMENT_VOID);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      JournalExport.exportTo(db, 1, out);
      assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
          .contains("\"package_digest\" : null");
    }
    assertThat(column(file, "SELECT name FROM pragma_table_info('signing_journal')"))
        .contains("package_digest");
  }

  @Test
  void secondOpenRefusedWhileInUse() {
    Path file = dir.resolve("state.db");
    try (StateDatabase db = StateDatabase.open(file)) {
      assertThatThrownBy(() -> StateDatabase.open(file))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("already in use");
    }
    StateDatabase.open(file).close();
  }

  @Test
  void migrationListMatchesResources() throws IOException, URISyntaxException {
    Path migrations = Path.of(StateDatabase.class.getResource("/db/migration").toURI());
    try (Stream<Path> files = Files.list(migrations)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted())
          .containsExactlyElementsOf(StateDatabase.MIGRATIONS);
    }
  }

  @Test
  void splitsScripts() {
    assertThat(
            StateDatabase.statements(
                "-- comment; with semicolon\nCREATE TABLE a (x INTEGER); -- trailing\n\n"
                    + "CREATE TABLE b (y TEXT);\n"))
        .containsExactly("CREATE TABLE a (x INTEGER)", "CREATE TABLE b (y TEXT)");
  }
}
