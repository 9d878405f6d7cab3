package dev.frostgate.node.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The validator's SQLite state file: schema migrations, WAL mode with {@code synchronous=FULL} (a
 * commit returns only after the WAL is synced to disk), one connection used under a lock, and a
 * boot counter.
 *
 * <p>Every {@link #open} is a restart: it records a new boot and voids every journal commitment
 * written before it, whether the previous process shut down cleanly or crashed. There is no clean
 * shutdown state to trust.
 *
 * <p>A lock file ({@code <file>.lock}) keeps a second process (or a second open in this JVM) from
 * using the same state at the same time.
 */
public final class StateDatabase implements AutoCloseable {

  /** The migrations under {@code db/migration/}, in order; V{n} is element n-1. */
  static final List<String> MIGRATIONS =
      List.of(
          "V1__validator_state.sql",
          "V2__dkg_resume.sql",
          "V3__dkg_round1_view.sql",
          "V4__drop_dkg_progress.sql",
          "V5__journal_package_digest.sql",
          "V6__peer_bans.sql",
          "V7__spend_lock_lifecycle.sql",
          "V8__request_txid.sql",
          "V9__key_refreshes.sql");

  private static final Pattern NAME = Pattern.compile("V(\\d+)__[a-z0-9_]+\\.sql");

  private final Path file;
  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Clock clock;
  private final long boot;
  private final int schemaVersion;

  /** Work done inside one transaction. */
  @FunctionalInterface
  public interface TransactionWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private StateDatabase(
      Path file, Connection connection, FileChannel lockChannel, FileLock lock, Clock clock)
      throws SQLException {
    this.file = file;
    this.connection = connection;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.clock = clock;
    this.schemaVersion = migrate();
    this.boot = startBoot();
  }

  /** The schema version this code writes (the highest migration it has). */
  public static int codeSchemaVersion() {
    return MIGRATIONS.size();
  }

  /** Opens (creating if needed) the state at file, with the system clock. */
  public static StateDatabase open(Path file) {
    return open(file, Clock.systemUTC());
  }

  /**
   * Opens (creating if needed) the state at file: applies missing migrations, each in its own
   * transaction, records a new boot and voids every earlier journal commitment.
   *
   * @throws DatabaseTooNewException if the file was written by a newer schema
   * @throws StorageException if the file is locked by another user, unreadable or corrupt
   */
  public static StateDatabase open(Path file, Clock clock) {
    Path abs = file.toAbsolutePath();
    FileChannel channel = null;
    FileLock lock = null;
    Connection c = null;
    try {
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
      channel =
          FileChannel.open(
              Path.of(abs + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new StorageException(abs + " is already in use by another validator process");
      }
      c = DriverManager.getConnection("jdbc:sqlite:" + abs);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 5000");
        try (ResultSet rs = s.executeQuery("PRAGMA journal_mode = WAL")) {
          if (!rs.next() || !"wal".equalsIgnoreCase(rs.getString(1))) {
            throw new StorageException(abs + ": cannot switch to WAL mode");
          }
        }
        s.execute("PRAGMA synchronous = FULL");
        s.execute("PRAGMA foreign_keys = ON");
      }
      return new StateDatabase(abs, c, channel, lock, clock);
    } catch (IOException | SQLException | RuntimeException e) {
      closeQuietly(c, channel, lock);
      if (e instanceof StorageException se) {
        throw se;
      }
      throw new StorageException("cannot open state database " + abs + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(Connection c, FileChannel channel, FileLock lock) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (SQLException ignored) {
      // already failing
    }
    try {
      if (lock != null) {
        lock.release();
      }
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // already failing
    }
  }

  private int migrate() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS schema_history (version INTEGER PRIMARY KEY,"
              + " name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
    }
    List<String> applied = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT version, name FROM schema_history ORDER BY version")) {
      while (rs.next()) {
        int version = rs.getInt(1);
        if (version != applied.size() + 1) {
          throw new StorageException(file + ": schema history has a gap before version " + version);
        }
        applied.add(rs.getString(2));
      }
    }
    if (applied.size() > MIGRATIONS.size()) {
      throw new DatabaseTooNewException(file.toString(), applied.size(), MIGRATIONS.size());
    }
    for (int i = 0; i < applied.size(); i++) {
      if (!applied.get(i).equals(MIGRATIONS.get(i))) {
        throw new StorageException(
            file
                + ": migration "
                + (i + 1)
                + " was applied as "
                + applied.get(i)
                + " but this code has "
                + MIGRATIONS.get(i));
      }
    }
    for (int v = applied.size() + 1; v <= MIGRATIONS.size(); v++) {
      String name = MIGRATIONS.get(v - 1);
      Matcher m = NAME.matcher(name);
      if (!m.matches() || Integer.parseInt(m.group(1)) != v) {
        throw new IllegalStateException("migration " + name + " is not named V" + v + "__*.sql");
      }
      List<String> statements = statements(readResource(name));
      int version = v;
      inTransaction(
          c -> {
            try (Statement s = c.createStatement()) {
              for (String sql : statements) {
                s.execute(sql);
              }
            }
            try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO schema_history VALUES (?, ?, ?)")) {
              ps.setInt(1, version);
              ps.setString(2, name);
              ps.setLong(3, clock.millis());
              ps.executeUpdate();
            }
            return null;
          });
    }
    return MIGRATIONS.size();
  }

  private static String readResource(String name) {
    String path = "/db/migration/" + name;
    try (InputStream in = StateDatabase.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing migration resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StorageException("cannot read " + path, e);
    }
  }

  /** Splits a migration script into statements (line comments removed; no ';' inside strings). */
  static List<String> statements(String script) {
    StringBuilder sb = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      int comment = line.indexOf("--");
      sb.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
    }
    List<String> out = new ArrayList<>();
    for (String part : sb.toString().split(";")) {
      if (!part.isBlank()) {
        out.add(part.trim());
      }
    }
    return out;
  }

  private long startBoot() throws SQLException {
    return inTransaction(
        c -> {
          long now = clock.millis();
          long b;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO boots (started_at) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, now);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
              rs.next();
              b = rs.getLong(1);
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE signing_journal SET voided_at = ? WHERE voided_at IS NULL")) {
            ps.setLong(1, now);
            ps.executeUpdate();
          }
          return b;
        });
  }

  /**
   * Runs work in one transaction on the single connection (callers are serialised); commits, which
   * with {@code synchronous=FULL} returns only after the data is on disk, or rolls back and
   * rethrows.
   */
  public synchronized <T> T inTransaction(TransactionWork<T> work) {
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StorageException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs read-only work on the single connection without an explicit transaction (no BEGIN or
   * COMMIT round trip): callers are serialised and no other process opens the file (the lock file),
   * so several statements read one consistent state. Never for writes.
   */
  public synchronized <T> T read(TransactionWork<T> work) {
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StorageException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Like {@link #inTransaction}, but the commit does not wait for the disk ({@code
   * synchronous=NORMAL} for this one commit: in WAL mode the row survives a process crash and
   * becomes durable at the next full commit or checkpoint; only a power loss can drop it). For rows
   * whose loss is harmless, such as the record that a request was signed (a node that forgets it
   * signs the same transaction again, which the spend locks allow). Never for journal rows or spend
   * locks.
   */
  public synchronized <T> T inRelaxedTransaction(TransactionWork<T> work) {
    try (var s = connection.createStatement()) {
      s.execute("PRAGMA synchronous = NORMAL");
      try {
        return inTransaction(work);
      } finally {
        s.execute("PRAGMA synchronous = FULL");
      }
    } catch (SQLException e) {
      throw new StorageException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The prepared statement for {@code sql} on this database's connection, prepared on first use and
   * kept while the database is open: SQLite's prepare costs more than most of the journal's
   * queries. Only for work inside {@link #inTransaction} or {@link #read} (callers are serialised,
   * so one statement is never used twice at once); the caller sets every parameter and must not
   * close it.
   */
  PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      statements.put(sql, ps);
    } else {
      ps.clearParameters();
    }
    return ps;
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /** The schema version of the open database (always {@link #codeSchemaVersion()}). */
  public int schemaVersion() {
    return schemaVersion;
  }

  /** The number of this start of the node, 1 for the first. */
  public long boot() {
    return boot;
  }

  public Clock clock() {
    return clock;
  }

  /** The signing journal in this database. */
  public SigningJournal journal() {
    return new SigningJournal(this);
  }

  /** The spend locks in this database (written only with the journal rows they allow). */
  public SpendLockTable spendLocks() {
    return new SpendLockTable(this);
  }

  /**
   * Keys metadata, requests, signing sessions and peer statistics (DKG progress: SqliteDkgStore).
   */
  public StateStore store() {
    return new StateStore(this);
  }

  /** The transport's peer bans in this database (they survive a restart). */
  public SqlitePeerBans peerBans() {
    return new SqlitePeerBans(this);
  }

  /** Closes the connection and releases the lock file. Nothing else happens on close. */
  @Override
  public synchronized void close() {
    closeQuietly(connection, lockChannel, lock);
  }
}
