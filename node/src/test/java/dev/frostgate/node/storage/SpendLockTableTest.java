package dev.frostgate.node.storage;

import static dev.frostgate.testkit.node.ShareFixtures.CAP;
import static dev.frostgate.testkit.node.ShareFixtures.coin;
import static dev.frostgate.testkit.node.ShareFixtures.freshShare;
import static dev.frostgate.testkit.node.ShareFixtures.kind;
import static dev.frostgate.testkit.node.ShareFixtures.spend;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.engine.Journal;
import dev.frostgate.engine.Journal.Refusal.Kind;
import fr.acinq.bitcoin.OutPoint;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spend locks are written with the journal rows, in the one write path (recordShares). */
class SpendLockTableTest {
  @TempDir Path dir;

  private final SpendInput a = coin("sg-a", 50_000, 1);
  private final SpendInput b = coin("sg-b", 60_000, 2);

  private static OutPoint outpoint(SpendInput in) {
    return in.outpoint();
  }

  @Test
  void approvalWritesLocksAndJournalTogether() {
    Path file = dir.resolve("state.db");
    UnsignedSpend first = spend(List.of(a, b), 1, 70_000, 2);
    try (StateDatabase db = StateDatabase.open(file)) {
      SqliteJournal j = new SqliteJournal(db, CAP);
      assertThat(kind(j.recordShares(List.of(freshShare("req-1", 1, first))))).isEmpty();
      assertThat(db.spendLocks().all()).hasSize(2);
      assertThat(db.journal().all()).hasSize(2); // one row per input's commitment
    }
    // After a restart the locks still hold.
    try (StateDatabase db = StateDatabase.open(file)) {
      SqliteJournal j = new SqliteJournal(db, CAP);
      SpendInput c = coin("sg-c", 40_000, 3);
      UnsignedSpend conflicting = spend(List.of(b, c), 2, 70_000, 2);
      List<java.util.Optional<Journal.Refusal>> refused =
          j.recordShares(List.of(freshShare("req-2", 1, conflicting)));
      assertThat(refused.get(0))
          .hasValueSatisfying(
              r -> {
                assertThat(r.kind()).isEqualTo(Kind.CONFLICTING_SPEND);
                assertThat(r.detail()).contains("CONFLICTING_SPEND");
              });
      // Nothing written by the refusal.
      assertThat(db.spendLocks().locksOn(outpoint(c))).isEmpty();
      assertThat(db.journal().all()).hasSize(2);
      // A fee bump of the same request, signed in a new session with fresh commitments.
      UnsignedSpend bump = spend(List.of(a, b), 1, 70_000, 4);
      assertThat(kind(j.recordShares(List.of(freshShare("req-1", 2, bump))))).isEmpty();
      assertThat(db.spendLocks().locksOn(outpoint(a))).hasSize(2);
    }
  }

  @Test
  void voidedCommitmentWritesNoLock() {
    Path file = dir.resolve("state.db");
    UnsignedSpend first = spend(List.of(a), 1, 30_000, 2);
    Journal.PendingShare recorded = freshShare("req-1", 1, first);
    try (StateDatabase db = StateDatabase.open(file)) {
      new SqliteJournal(db, CAP).recordShares(List.of(recorded));
    }
    try (StateDatabase db = StateDatabase.open(file)) {
      SqliteJournal j = new SqliteJournal(db, CAP);
      // The voided commitment named for another request's spend: refused, and its lock with it.
      UnsignedSpend other = spend(List.of(b), 2, 30_000, 2);
      Journal.ShareRow row = recorded.row();
      Journal.ShareRow reused =
          new Journal.ShareRow(
              new dev.frostgate.engine.request.RequestId("req-2"),
              0,
              1,
              other.txid(),
              other.sigHashes().stream().map(Hash32::of).toList(),
              row.commitments(),
              row.packageDigest());
      assertThat(kind(j.recordShares(List.of(new Journal.PendingShare(reused, other)))))
          .contains(Kind.COMMITMENT_VOID);
      assertThat(db.spendLocks().locksOn(outpoint(b))).isEmpty();
      assertThat(db.journal().all()).hasSize(1);
    }
  }
}
