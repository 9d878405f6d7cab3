package dev.frostgate.node.storage;

import static dev.frostgate.node.storage.SigningJournalTest.bytes;
import static dev.frostgate.node.storage.SpendGuardTest.SIGHASHES;
import static dev.frostgate.node.storage.SpendLocksTest.A;
import static dev.frostgate.node.storage.SpendLocksTest.ALICE;
import static dev.frostgate.node.storage.SpendLocksTest.B;
import static dev.frostgate.node.storage.SpendLocksTest.C;
import static dev.frostgate.node.storage.SpendLocksTest.CAP;
import static dev.frostgate.node.storage.SpendLocksTest.REQ1;
import static dev.frostgate.node.storage.SpendLocksTest.REQ2;
import static dev.frostgate.node.storage.SpendLocksTest.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.node.storage.JournalExport.ImportResult;
import dev.frostgate.node.storage.JournalExport.JournalImportException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalExportTest {
  @TempDir Path dir;

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
    SpendGuard g = db.spendGuard(CAP);
    g.lockAndRecord(
        tx(1, REQ1, List.of(A, B), ALICE, 1_000), bytes(32, 1), SIGHASHES, bytes(66, 1));
    g.lockAndRecord(
        tx(2, REQ1, List.of(A, B), ALICE, 2_000), bytes(32, 2), SIGHASHES, bytes(66, 2));
    db.journal().recordBeforeShare(bytes(16, 3), List.of(bytes(32, 3)), bytes(33, 3));
    return db;
  }

  @Test
  void roundTripToNewHardware() {
    byte[] json;
    List<JournalEntry> oldJournal;
    List<SpendLock> oldLocks;
    try (StateDatabase old = oldMachine()) {
      json = export(old, 4);
      oldJournal = old.journal().all();
      oldLocks = old.spendGuard(CAP).all();
    }
    assertThat(new String(json, StandardCharsets.UTF_8))
        .contains("\"format\" : \"frostgate-journal\"", "\"version\" : 1", "\"validator_id\" : 4");
    try (StateDatabase fresh = StateDatabase.open(dir.resolve("new.db"))) {
      ImportResult r = importInto(fresh, 4, json);
      assertThat(r).isEqualTo(new ImportResult(3, 0, 4, 0));
      assertThat(fresh.spendGuard(CAP).all()).containsExactlyInAnyOrderElementsOf(oldLocks);
      List<JournalEntry> imported = fresh.journal().all();
      assertThat(imported)
          .extracting(JournalEntry::commitment)
          .containsExactlyInAnyOrderElementsOf(
              oldJournal.stream().map(JournalEntry::commitment).toList());
      // Imported commitments are never honoured: their nonces stayed on the old machine.
      assertThat(imported).allMatch(JournalEntry::voided);
      assertThatThrownBy(() -> fresh.journal().requireHonourable(bytes(32, 1), bytes(66, 1)))
          .isInstanceOf(SessionVoidedException.class);
      // And the locks bind the new machine.
      SpendVerdict v = fresh.spendGuard(CAP).check(tx(9, REQ2, List.of(B, C), ALICE, 1_000));
      assertThat(v.approved()).isFalse();

      // Merging the same file again is a no-op.
      assertThat(importInto(fresh, 4, json)).isEqualTo(new ImportResult(0, 3, 0, 4));
      assertThat(fresh.journal().all()).hasSize(3);
      // Exporting the new machine and importing into the old one adds nothing either.
      byte[] back = export(fresh, 4);
      try (StateDatabase old = StateDatabase.open(dir.resolve("old.db"))) {
        assertThat(importInto(old, 4, back)).isEqualTo(new ImportResult(0, 3, 0, 4));
      }
    }
  }

  @Test
  void importKeepsNewerLocalRows() {
    byte[] json;
    try (StateDatabase old = oldMachine()) {
      json = export(old, 4);
    }
    try (StateDatabase fresh = StateDatabase.open(dir.resolve("new.db"))) {
      fresh
          .spendGuard(CAP)
          .lockAndRecord(tx(7, REQ2, List.of(C), ALICE, 10), bytes(32, 7), SIGHASHES, bytes(66, 7));
      importInto(fresh, 4, json);
      assertThat(fresh.journal().all()).hasSize(4);
      assertThat(fresh.spendGuard(CAP).all()).hasSize(5);
    }
  }

  @Test
  void refusesOtherValidatorNewerFormatAndContradictions() {
    byte[] json;
    try (StateDatabase old = oldMachine()) {
      json = export(old, 4);
    }
    String text = new String(json, StandardCharsets.UTF_8);
    try (StateDatabase fresh = StateDatabase.open(dir.resolve("new.db"))) {
      assertThatThrownBy(() -> importInto(fresh, 5, json))
          .isInstanceOf(JournalImportException.class)
          .hasMessageContaining("of validator 4, not of this validator (5)");
      byte[] newer = text.replace("\"version\" : 1", "\"version\" : 2").getBytes();
      assertThatThrownBy(() -> importInto(fresh, 4, newer))
          .isInstanceOf(JournalImportException.class)
          .hasMessageContaining("format version 2 is not supported");
      assertThatThrownBy(() -> importInto(fresh, 4, "{\"format\":\"x\"}".getBytes()))
          .isInstanceOf(JournalImportException.class);

      // A local row with the same commitment but other messages: the whole file is refused.
      fresh.journal().recordBeforeShare(bytes(16, 3), List.of(bytes(32, 9)), bytes(33, 3));
      assertThatThrownBy(() -> importInto(fresh, 4, json))
          .isInstanceOf(JournalImportException.class)
          .hasMessageContaining("contradicts");
      assertThat(fresh.journal().all()).hasSize(1);
      assertThat(fresh.spendGuard(CAP).all()).isEmpty();
    }
  }
}
