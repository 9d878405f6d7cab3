package dev.frostgate.node.storage;

import static dev.frostgate.testkit.node.ShareFixtures.CAP;
import static dev.frostgate.testkit.node.ShareFixtures.ME;
import static dev.frostgate.testkit.node.ShareFixtures.coin;
import static dev.frostgate.testkit.node.ShareFixtures.commitments;
import static dev.frostgate.testkit.node.ShareFixtures.freshShare;
import static dev.frostgate.testkit.node.ShareFixtures.kind;
import static dev.frostgate.testkit.node.ShareFixtures.packages;
import static dev.frostgate.testkit.node.ShareFixtures.share;
import static dev.frostgate.testkit.node.ShareFixtures.spend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.Journal;
import dev.frostgate.engine.Journal.Refusal.Kind;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.spendlock.SpendLock;
import dev.frostgate.engine.spendlock.SpendVerdict;
import dev.frostgate.node.storage.JournalExport.ImportResult;
import dev.frostgate.node.storage.JournalExport.JournalImportException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalExportTest {
  @TempDir Path dir;

  private final SpendInput a = coin("je-a", 50_000, 1);
  private final SpendInput b = coin("je-b", 60_000, 2);
  private final SpendInput c = coin("je-c", 40_000, 3);
  private final UnsignedSpend first = spend(List.of(a, b), 1, 70_000, 2);
  private final UnsignedSpend bump = spend(List.of(a, b), 1, 70_000, 4);

  /** Written on the old machine: a share of req-1 and a fee bump of it (2 inputs each). */
  private final Journal.PendingShare share1 = freshShare("req-1", 1, first);

  private final Journal.PendingShare share2 = freshShare("req-1", 2, bump);

  private static byte[] export(StateDatabase db, int id) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JournalExport.exportTo(db, id, out);
    return out.toByteArray();
  }

  private static ImportResult importInto(StateDatabase db, int id, byte[] json) {
    return JournalExport.importFrom(db, id, new ByteArrayInputStream(json));
  }

  private StateDatabase oldMachine() {
    StateDatabase db = StateDatabase.open(dir.resolve("old.db"));
    SqliteJournal j = new SqliteJournal(db, CAP);
    assertThat(kind(j.recordShares(List.of(share1)))).isEmpty();
    assertThat(kind(j.recordShares(List.of(share2)))).isEmpty();
    return db;
  }

  private byte[] oldExport() {
    try (StateDatabase old = oldMachine()) {
      return export(old, 4);
    }
  }

  @Test
  void roundTripToNewHardware() {
    byte[] json;
    List<JournalEntry> oldJournal;
    List<SpendLock> oldLocks;
    try (StateDatabase old = oldMachine()) {
      json = export(old, 4);
      oldJournal = old.journal().all();
      oldLocks = old.spendLocks().all();
    }
    assertThat(new String(json, StandardCharsets.UTF_8))
        .contains(
            "\"format\" : \"frostgate-journal\"",
            "\"version\" : 3",
            "\"validator_id\" : 4",
            "\"package_digest\" : \"" + share1.row().packageDigest().toString() + "\"");
    try (StateDatabase fresh = StateDatabase.open(dir.resolve("new.db"))) {
      ImportResult r = importInto(fresh, 4, json);
      assertThat(r).isEqualTo(new ImportResult(4, 0, 4, 0, 0, 0));
      assertThat(fresh.spendLocks().all()).containsExactlyInAnyOrderElementsOf(oldLocks);
      List<JournalEntry> imported = fresh.journal().all();
      assertThat(imported)
          .extracting(JournalEntry::commitment, JournalEntry::packageDigest)
          .containsExactlyInAnyOrderElementsOf(
              oldJournal.stream()
                  .map(e -> org.assertj.core.groups.Tuple.tuple(e.commitment(), e.packageDigest()))
                  .toList());
      // Imported commitments are never honoured: their nonces stayed on the old machine.
      assertThat(imported).allMatch(JournalEntry::voided);
      SqliteJournal j = new SqliteJournal(fresh, CAP);
      assertThat(kind(j.recordShares(List.of(share1)))).contains(Kind.COMMITMENT_VOID);
      // And the locks bind the new machine.
      UnsignedSpend conflicting = spend(List.of(b, c), 2, 70_000, 2);
      assertThat(j.checkSpend(conflicting, new RequestId("req-2")))
          .isInstanceOfSatisfying(
              SpendVerdict.Reject.class,
              locked ->
                  assertThat(locked.reason()).isEqualTo(SpendVerdict.Reason.CONFLICTING_SPEND));

      // Merging the same file again is a no-op.
      assertThat(importInto(fresh, 4, json)).isEqualTo(new ImportResult(0, 4, 0, 4, 0, 0));
      assertThat(fresh.journal().all()).hasSize(4);
      // Exporting the new machine and importing into the old one adds nothing either.
      byte[] back = export(fresh, 4);
      try (StateDatabase old = StateDatabase.open(dir.resolve("old.db"))) {
        assertThat(importInto(old, 4, back)).isEqualTo(new ImportResult(0, 4, 0, 4, 0, 0));
      }
    }
  }

  @Test
  void importKeepsNewerLocalRows() {
    byte[] json = oldExport();
    try (StateDatabase fresh = StateDatabase.open(dir.resolve("new.db"))) {
      UnsignedSpend other = spend(List.of(c), 2, 30_000, 2);
      new SqliteJournal(fresh, CAP).recordShares(List.of(freshShare("req-2", 1, other)));
      importInto(fresh, 4, json);
      assertThat(fresh.journal().all()).hasSize(5);
      assertThat(fresh.spendLocks().all()).hasSize(5);
    }
  }

  /** A version 1 file (before the journal bound the package) imports with no digest. */
  @Test
  void readsVersionOneFiles() {
    String v3 = new String(oldExport(), StandardCharsets.UTF_8);
    String v1 =
        withoutTransitions(v3)
            .replace("\"version\" : 3", "\"version\" : 1")
            .replaceAll("\\s*\"package_digest\" : \"[0-9a-f]*\",", "");
    assertThat(v1).doesNotContain("package_digest");
    try (StateDatabase fresh = StateDatabase.open(dir.resolve("new.db"))) {
      assertThat(importInto(fresh, 4, v1.getBytes(StandardCharsets.UTF_8)).journalAdded())
          .isEqualTo(4);
      assertThat(fresh.journal().all()).allMatch(e -> e.voided() && e.packageDigest().isEmpty());
    }
  }

  /** A version 2 file (before the lock lifecycle) imports: every lock stays live. */
  @Test
  void readsVersionTwoFiles() {
    String v2 =
        withoutTransitions(new String(oldExport(), StandardCharsets.UTF_8))
            .replace("\"version\" : 3", "\"version\" : 2");
    assertThat(v2).doesNotContain("lock_transitions");
    try (StateDatabase fresh = StateDatabase.open(dir.resolve("new.db"))) {
      ImportResult r = importInto(fresh, 4, v2.getBytes(StandardCharsets.UTF_8));
      assertThat(r).isEqualTo(new ImportResult(4, 0, 4, 0, 0, 0));
      assertThat(new SqliteJournal(fresh, CAP).lockedRequests())
          .singleElement()
          .satisfies(l -> assertThat(l.locks()).hasSize(4));
    }
  }

  private static String withoutTransitions(String export) {
    String out = export.replaceAll(",\\s*\"lock_transitions\" : \\[\\s*\\]", "");
    assertThat(out).doesNotContain("lock_transitions");
    return out;
  }

  @Test
  void refusesOtherValidatorNewerFormatAndContradictions() {
    byte[] json = oldExport();
    String text = new String(json, StandardCharsets.UTF_8);
    try (StateDatabase fresh = StateDatabase.open(dir.resolve("new.db"))) {
      assertThatThrownBy(() -> importInto(fresh, 5, json))
          .isInstanceOf(JournalImportException.class)
          .hasMessageContaining("of validator 4, not of this validator (5)");
      byte[] newer = text.replace("\"version\" : 3", "\"version\" : 4").getBytes();
      assertThatThrownBy(() -> importInto(fresh, 4, newer))
          .isInstanceOf(JournalImportException.class)
          .hasMessageContaining("format version 4 is not supported");
      assertThatThrownBy(() -> importInto(fresh, 4, "{\"format\":\"x\"}".getBytes()))
          .isInstanceOf(JournalImportException.class);
      byte[] noDigest = text.replaceFirst("\"package_digest\" : \"[0-9a-f]*\",", "").getBytes();
      assertThatThrownBy(() -> importInto(fresh, 4, noDigest))
          .isInstanceOf(JournalImportException.class)
          .hasMessageContaining("journal[0].package_digest: missing");
      byte[] shortDigest =
          text.replaceFirst("(\"package_digest\" : \"[0-9a-f]*)[0-9a-f]{2}\"", "$1\"").getBytes();
      assertThatThrownBy(() -> importInto(fresh, 4, shortDigest))
          .isInstanceOf(JournalImportException.class)
          .hasMessageContaining("package_digest: must be 32 bytes");

      // A local row with the same commitment for another signing package: the file is refused.
      var mine = share1.row().commitments();
      Identifier three = Identifier.of(3);
      var otherPackage = packages(first, mine, Map.of(three, commitments(three, 2)));
      assertThat(ME).isEqualTo(mine.get(0).identifier());
      new SqliteJournal(fresh, CAP).recordShares(List.of(share("req-1", 1, first, otherPackage)));
      assertThatThrownBy(() -> importInto(fresh, 4, json))
          .isInstanceOf(JournalImportException.class)
          .hasMessageContaining("contradicts");
      assertThat(fresh.journal().all()).hasSize(2);
      assertThat(fresh.spendLocks().all()).hasSize(2);
    }
  }

  @Test
  void refusesTimesAMillisecondTimestampCannotHold() {
    // Found with JournalImportFuzzTest's oracle: Instant reaches the year 1e9, epoch milliseconds
    // in a long do not, and the import threw ArithmeticException (an internal error of the CLI).
    String text = new String(oldExport(), StandardCharsets.UTF_8);
    try (StateDatabase fresh = StateDatabase.open(dir.resolve("new.db"))) {
      for (String t : new String[] {"+999999999-01-01T00:00:00Z", "1969-12-31T23:59:59Z"}) {
        byte[] json =
            text.replaceFirst("\"created_at\" : \"[^\"]*\"", "\"created_at\" : \"" + t + "\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> importInto(fresh, 4, json))
            .isInstanceOf(JournalImportException.class)
            .hasMessageContaining("journal[0].created_at: must be between 1970 and the year 9999");
      }
      assertThat(fresh.journal().all()).isEmpty();
    }
  }
}
