package dev.frostgate.node.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An audit of several validators' state databases after a run (a chaos round, a load): no nonce
 * commitment appears in two journal rows (each commitment signs once, anywhere), and no outpoint is
 * spent by transactions of two different requests for which shares were recorded (no conflicting
 * spends signed). Fee bumps of one request spend the same outpoints and are not conflicts.
 *
 * <p>Read-only: each file is opened with SQLite's read-only mode, so the audit neither starts a
 * boot nor voids commitments ({@link StateDatabase#open} does both) and leaves the evidence as it
 * found it.
 */
public final class JournalAudit {
  private JournalAudit() {}

  /** One finding, naming the databases involved. */
  public record Violation(String kind, String detail) {
    @Override
    public String toString() {
      return kind + ": " + detail;
    }
  }

  /** What the audit read and found. */
  public record Report(
      int databases, int journalRows, int signedLocks, List<Violation> violations) {
    public Report {
      violations = List.copyOf(violations);
    }

    public boolean clean() {
      return violations.isEmpty();
    }
  }

  private record Lock(String outpoint, String request, Path db) {}

  /** Audits the databases together. */
  public static Report audit(List<Path> databases) {
    Map<String, List<Path>> commitments = new LinkedHashMap<>();
    List<Lock> locks = new ArrayList<>();
    int rows = 0;
    for (Path db : databases) {
      if (!Files.isRegularFile(db)) {
        throw new StorageException(db + ": no such state database");
      }
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
          Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT commitment FROM signing_journal")) {
          while (rs.next()) {
            rows++;
            commitments
                .computeIfAbsent(HexFormat.of().formatHex(rs.getBytes(1)), k -> new ArrayList<>())
                .add(db);
          }
        }
        // Locks of transactions this node recorded a share for (the engine's 46-byte session id
        // carries the transaction hash at offset 12): those spends may have been signed.
        try (ResultSet rs =
            s.executeQuery(
                "SELECT l.txid, l.vout, l.request_id FROM spend_locks l WHERE EXISTS (SELECT 1"
                    + " FROM signing_journal j WHERE length(j.session_id) = 46"
                    + " AND substr(j.session_id, 13, 32) = l.tx_hash)")) {
          while (rs.next()) {
            locks.add(
                new Lock(
                    rs.getString(1) + ":" + rs.getInt(2),
                    new String(rs.getBytes(3), java.nio.charset.StandardCharsets.UTF_8),
                    db));
          }
        }
      } catch (SQLException e) {
        throw new StorageException(db + ": cannot audit: " + e.getMessage(), e);
      }
    }
    List<Violation> found = new ArrayList<>();
    commitments.forEach(
        (com, where) -> {
          if (where.size() > 1) {
            found.add(
                new Violation(
                    "commitment used twice",
                    "commitment "
                        + com.substring(0, Math.min(16, com.length()))
                        + "... in "
                        + where.size()
                        + " journal rows: "
                        + where));
          }
        });
    Map<String, Map<String, Set<Path>>> requestsByOutpoint = new LinkedHashMap<>();
    for (Lock l : locks) {
      requestsByOutpoint
          .computeIfAbsent(l.outpoint(), k -> new LinkedHashMap<>())
          .computeIfAbsent(l.request(), k -> new LinkedHashSet<>())
          .add(l.db());
    }
    requestsByOutpoint.forEach(
        (outpoint, requests) -> {
          if (requests.size() > 1) {
            found.add(
                new Violation(
                    "conflicting spends signed",
                    "outpoint " + outpoint + " spent for requests " + requests));
          }
        });
    return new Report(databases.size(), rows, locks.size(), found);
  }
}
