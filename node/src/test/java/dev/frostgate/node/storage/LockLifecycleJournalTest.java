package dev.frostgate.node.storage;

import static dev.frostgate.testkit.node.ShareFixtures.CAP;
import static dev.frostgate.testkit.node.ShareFixtures.coin;
import static dev.frostgate.testkit.node.ShareFixtures.freshShare;
import static dev.frostgate.testkit.node.ShareFixtures.kind;
import static dev.frostgate.testkit.node.ShareFixtures.spend;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.engine.Journal;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.spendlock.LifecycleConfig;
import dev.frostgate.engine.spendlock.LockLifecycle;
import dev.frostgate.engine.spendlock.LockTransition;
import dev.frostgate.engine.spendlock.LockedRequest;
import dev.frostgate.engine.spendlock.SpendVerdict;
import dev.frostgate.testkit.engine.InMemoryChainFacts;
import fr.acinq.bitcoin.TxId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spend-lock lifecycle on a real SQLite state file: transitions are durable before they take
 * effect, a release frees the locks for other requests but keeps them for audit, a crash at the
 * write loses nothing and the rule decides the same again, and exports carry the lock state.
 */
class LockLifecycleJournalTest {
  @TempDir Path dir;

  static final RequestId REQ1 = new RequestId("req-1");
  static final LifecycleConfig CONFIG = LifecycleConfig.defaults();

  private final SpendInput a = coin("lc-a", 50_000, 1);
  private final SpendInput b = coin("lc-b", 60_000, 2);
  private final UnsignedSpend first = spend(List.of(a, b), 1, 70_000, 2);
  private final UnsignedSpend thief = spend(List.of(b), 2, 30_000, 2);

  private static LockedRequest only(Journal j) {
    assertThat(j.lockedRequests()).hasSize(1);
    return j.lockedRequests().get(0).withRequest(1_000, List.of());
  }

  @Test
  void conflictBuriedReleasesAndTheCoinMaySignForAnotherRequest() {
    try (StateDatabase db = StateDatabase.open(dir.resolve("state.db"))) {
      SqliteJournal j = new SqliteJournal(db, CAP);
      assertThat(kind(j.recordShares(List.of(freshShare("req-1", 1, first))))).isEmpty();
      assertThat(j.checkSpend(thief, new RequestId("req-2")))
          .isInstanceOf(SpendVerdict.Reject.class);
      LockedRequest r = only(j);
      assertThat(r.shareSent()).isTrue();
      assertThat(r.signedTx()).isEmpty();

      InMemoryChainFacts chain =
          new InMemoryChainFacts()
              .advance(100)
              .mine(new TxId("ee".repeat(32)), List.of(b.outpoint()))
              .advance(5);
      LockTransition t = LockLifecycle.decide(r, chain, 0, CONFIG);
      assertThat(t).isInstanceOf(LockTransition.Release.class);
      j.recordTransition(t);

      assertThat(j.lockedRequests()).isEmpty();
      assertThat(j.lock(b.outpoint())).isEmpty();
      assertThat(j.checkSpend(thief, new RequestId("req-2")))
          .isInstanceOf(SpendVerdict.Approve.class);
      // Audit: the locks stay, and the release says who, when and why.
      assertThat(db.spendLocks().locksOn(b.outpoint())).hasSize(1);
      assertThat(j.transitions())
          .singleElement()
          .satisfies(
              row -> {
                assertThat(row.kind()).isEqualTo(LockTransitionTable.Kind.RELEASE);
                assertThat(row.reason()).contains(LockTransition.Reason.CONFLICT_BURIED);
                assertThat(row.decidedBy()).isEqualTo(LockTransitionTable.LIFECYCLE);
                assertThat(row.detail()).contains("6 confirmations");
                assertThat(row.createdAt()).isPositive();
              });
      // The released request's own locks still bind it: it cannot sign anew as if fresh.
      UnsignedSpend elsewhere = spend(List.of(coin("lc-c", 40_000, 3)), 1, 30_000, 2);
      assertThat(j.checkSpend(elsewhere, REQ1)).isInstanceOf(SpendVerdict.Reject.class);
    }
  }

  @Test
  void completionIsTrackedThenBumpedAndTheBumpIsSignedAsAFeeBump() {
    Path file = dir.resolve("state.db");
    InMemoryChainFacts chain = new InMemoryChainFacts().advance(100);
    try (StateDatabase db = StateDatabase.open(file)) {
      SqliteJournal j = new SqliteJournal(db, CAP);
      j.recordShares(List.of(freshShare("req-1", 1, first)));
      j.recordSigned(REQ1, first.txid(), List.of(Bip340Signature.of(new byte[64])));
      assertThat(only(j).signedTx()).contains(first.txid());
      LockTransition track = LockLifecycle.decide(only(j), chain, 0, CONFIG);
      assertThat(track).isEqualTo(new LockTransition.Track(REQ1, first.txid(), 100));
      j.recordTransition(track);
    }
    chain.advance(CONFIG.bumpAfterBlocks());
    try (StateDatabase db = StateDatabase.open(file)) {
      SqliteJournal j = new SqliteJournal(db, CAP);
      assertThat(only(j).watch()).contains(new LockedRequest.Watch(first.txid(), 100));
      LockTransition bump = LockLifecycle.decide(only(j), chain, 0, CONFIG);
      assertThat(bump).isInstanceOf(LockTransition.Bump.class);
      j.recordTransition(bump);
      assertThat(only(j).bumps()).isEqualTo(1);
      UnsignedSpend replacement = spend(List.of(a, b), 1, 70_000, 4);
      assertThat(j.checkSpend(replacement, REQ1))
          .isInstanceOfSatisfying(
              SpendVerdict.Approve.class,
              v -> assertThat(v.kind()).isEqualTo(SpendVerdict.Kind.FEE_BUMP));
      assertThat(kind(j.recordShares(List.of(freshShare("req-1", 2, replacement))))).isEmpty();
      j.recordSigned(REQ1, replacement.txid(), List.of(Bip340Signature.of(new byte[64])));
      assertThat(only(j).signedTx()).contains(replacement.txid());
      // The bump is waited on afresh.
      assertThat(LockLifecycle.decide(only(j), chain, 0, CONFIG))
          .isEqualTo(new LockTransition.Track(REQ1, replacement.txid(), 103));
    }
  }

  @Test
  void expiredRequestWithNoShareRowReleasesAtOnceOneWithAShareKeepsItsLocks() throws Exception {
    // Locks without a share row: what an import of a bare lock (or a lock written by a tool)
    // leaves. Only the journal's share rows tell whether a share may have left.
    try (StateDatabase db = StateDatabase.open(dir.resolve("state.db"))) {
      SqliteJournal j = new SqliteJournal(db, CAP);
      j.recordShares(List.of(freshShare("req-1", 1, first)));
      db.inTransaction(
          c -> {
            SpendLockTable.insertLocks(
                db,
                dev.frostgate.engine.spendlock.SpendProposal.of(
                        spend(List.of(coin("lc-d", 40_000, 4)), 3, 30_000, 2),
                        new RequestId("req-bare"))
                    .locks(),
                1);
            return null;
          });
      InMemoryChainFacts chain = new InMemoryChainFacts().advance(100);
      List<LockedRequest> all = j.lockedRequests();
      assertThat(all).extracting(LockedRequest::shareSent).containsExactly(false, true);
      for (LockedRequest r : all) {
        LockTransition t = LockLifecycle.decide(r.withRequest(10, List.of()), chain, 11, CONFIG);
        if (r.request().equals(REQ1)) {
          assertThat(t).isInstanceOf(LockTransition.Keep.class);
        } else {
          assertThat(t)
              .isInstanceOfSatisfying(
                  LockTransition.Release.class,
                  rel ->
                      assertThat(rel.reason()).isEqualTo(LockTransition.Reason.EXPIRED_UNSHARED));
          j.recordTransition(t);
        }
      }
      assertThat(j.lockedRequests()).extracting(LockedRequest::request).containsExactly(REQ1);
    }
  }

  /** A crash inside the transition's commit writes nothing; the rule decides the same again. */
  @Test
  void crashAtTheTransitionWriteLosesNothingAndRepeatsTheDecision() {
    Path file = dir.resolve("state.db");
    InMemoryChainFacts chain =
        new InMemoryChainFacts().advance(100).mine(first.txid(), List.of(a.outpoint())).advance(5);
    LockTransition decided;
    try (StateDatabase db = StateDatabase.open(file)) {
      new SqliteJournal(db, CAP).recordShares(List.of(freshShare("req-1", 1, first)));
    }
    try (StateDatabase db = StateDatabase.open(file)) {
      SqliteJournal j = new SqliteJournal(db, CAP, crashAt(SqliteJournal.Write.TRANSITION));
      decided = LockLifecycle.decide(only(j), chain, 0, CONFIG);
      assertThat(decided).isInstanceOf(LockTransition.Release.class);
      LockTransition d = decided;
      assertThatThrownBy(() -> j.recordTransition(d)).isInstanceOf(Crash.class);
    }
    try (StateDatabase db = StateDatabase.open(file)) {
      SqliteJournal j = new SqliteJournal(db, CAP);
      assertThat(j.transitions()).isEmpty();
      assertThat(j.lock(a.outpoint())).isPresent();
      assertThat(LockLifecycle.decide(only(j), chain, 0, CONFIG)).isEqualTo(decided);
      j.recordTransition(decided);
    }
    try (StateDatabase db = StateDatabase.open(file)) {
      assertThat(new SqliteJournal(db, CAP).lockedRequests()).isEmpty();
    }
  }

  @Test
  void exportCarriesTheLockStateAndImportIsIdempotent() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (StateDatabase db = StateDatabase.open(dir.resolve("old.db"))) {
      SqliteJournal j = new SqliteJournal(db, CAP);
      j.recordShares(List.of(freshShare("req-1", 1, first)));
      j.recordSigned(REQ1, first.txid(), List.of(Bip340Signature.of(new byte[64])));
      j.recordTransition(new LockTransition.Track(REQ1, first.txid(), 100));
      j.recordTransition(
          new LockTransition.Release(
              REQ1, LockTransition.Reason.SPEND_BURIED, Optional.of(first.txid()), "buried"));
      JournalExport.exportTo(db, 4, out);
    }
    String json = out.toString(StandardCharsets.UTF_8);
    assertThat(json).contains("\"version\" : 3").contains("\"lock_transitions\"");
    try (StateDatabase fresh = StateDatabase.open(dir.resolve("new.db"))) {
      JournalExport.ImportResult r =
          JournalExport.importFrom(fresh, 4, new ByteArrayInputStream(out.toByteArray()));
      assertThat(r.transitionsAdded()).isEqualTo(3);
      SqliteJournal j = new SqliteJournal(fresh, CAP);
      assertThat(j.lockedRequests()).isEmpty();
      assertThat(j.lock(a.outpoint())).isEmpty();
      assertThat(fresh.spendLocks().locksOn(a.outpoint())).hasSize(1);
      JournalExport.ImportResult again =
          JournalExport.importFrom(fresh, 4, new ByteArrayInputStream(out.toByteArray()));
      assertThat(again.transitionsAdded()).isZero();
      assertThat(again.transitionsAlreadyPresent()).isEqualTo(3);
    }
  }

  @Test
  void importRefusesAMalformedTransitionNamingIt() {
    String file =
        "{\"format\":\"frostgate-journal\",\"version\":3,\"validator_id\":4,\"journal\":[],"
            + "\"spend_locks\":[],\"lock_transitions\":[{\"request_id\":\"72\",\"kind\":\"RELEASE\","
            + "\"reason\":null,\"tx_hash\":null,\"height\":null,\"detail\":\"x\","
            + "\"decided_by\":\"lifecycle\",\"created_at\":\"2025-06-01T12:00:00Z\"}]}";
    try (StateDatabase db = StateDatabase.open(dir.resolve("state.db"))) {
      assertThatThrownBy(
              () ->
                  JournalExport.importFrom(
                      db, 4, new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8))))
          .isInstanceOf(JournalExport.JournalImportException.class)
          .hasMessageContaining("lock_transitions[0].reason");
      String v2 = file.replace("\"version\":3", "\"version\":2");
      assertThatThrownBy(
              () ->
                  JournalExport.importFrom(
                      db, 4, new ByteArrayInputStream(v2.getBytes(StandardCharsets.UTF_8))))
          .hasMessageContaining("lock_transitions: not a field of version 2");
    }
  }

  /** The simulated crash. */
  static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  static SqliteJournal.WritePoints crashAt(SqliteJournal.Write at) {
    return new SqliteJournal.WritePoints() {
      @Override
      public void beforeCommit(SqliteJournal.Write write) {
        if (write == at) {
          throw new Crash();
        }
      }

      @Override
      public void afterCommit(SqliteJournal.Write write) {}
    };
  }
}
