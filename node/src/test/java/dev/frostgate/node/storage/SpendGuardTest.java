package dev.frostgate.node.storage;

import static dev.frostgate.node.storage.SigningJournalTest.bytes;
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

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpendGuardTest {
  @TempDir Path dir;

  static final List<byte[]> SIGHASHES = List.of(bytes(32, 0x51), bytes(32, 0x52));

  @Test
  void approvalWritesLocksAndJournalTogether() {
    Path file = dir.resolve("state.db");
    SpendProposal first = tx(1, REQ1, List.of(A, B), ALICE, 1_000);
    try (StateDatabase db = StateDatabase.open(file)) {
      SpendGuard guard = db.spendGuard(CAP);
      SpendVerdict v = guard.lockAndRecord(first, bytes(32, 1), SIGHASHES, bytes(66, 1));
      assertThat(v.approved()).isTrue();
      assertThat(guard.all()).containsExactlyInAnyOrderElementsOf(first.locks());
      assertThat(db.journal().all()).hasSize(1);
    }
    // After a restart the locks still hold.
    try (StateDatabase db = StateDatabase.open(file)) {
      SpendGuard guard = db.spendGuard(CAP);
      SpendProposal conflicting = tx(2, REQ2, List.of(B, C), ALICE, 1_000);
      SpendVerdict v = guard.lockAndRecord(conflicting, bytes(32, 2), SIGHASHES, bytes(66, 2));
      assertThat(v)
          .isInstanceOfSatisfying(
              SpendVerdict.Reject.class,
              r -> assertThat(r.reason()).isEqualTo(SpendVerdict.Reason.CONFLICTING_SPEND));
      // Nothing written by the rejection.
      assertThat(guard.locksOn(C)).isEmpty();
      assertThat(db.journal().all()).hasSize(1);
      // A fee bump of the same request, signed in a new session with a fresh commitment.
      SpendProposal bump = tx(3, REQ1, List.of(A, B), ALICE, 4_000);
      assertThat(guard.lockAndRecord(bump, bytes(32, 3), SIGHASHES, bytes(66, 3)))
          .isInstanceOfSatisfying(
              SpendVerdict.Approve.class,
              a -> assertThat(a.kind()).isEqualTo(SpendVerdict.Kind.FEE_BUMP));
      assertThat(guard.locksOn(A)).hasSize(2);
    }
  }

  @Test
  void voidedCommitmentWritesNoLock() {
    Path file = dir.resolve("state.db");
    try (StateDatabase db = StateDatabase.open(file)) {
      db.journal().recordBeforeShare(bytes(32, 1), SIGHASHES, bytes(66, 1));
    }
    try (StateDatabase db = StateDatabase.open(file)) {
      SpendGuard guard = db.spendGuard(CAP);
      SpendProposal p = tx(1, REQ1, List.of(A), ALICE, 1_000);
      assertThatThrownBy(() -> guard.lockAndRecord(p, bytes(32, 1), SIGHASHES, bytes(66, 1)))
          .isInstanceOf(SessionVoidedException.class);
      assertThat(guard.all()).isEmpty(); // the lock was rolled back with the journal row
      assertThat(guard.check(p).approved()).isTrue();
    }
  }
}
