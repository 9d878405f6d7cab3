package dev.frostgate.node.runtime;

import static dev.frostgate.testkit.node.ShareFixtures.CAP;
import static dev.frostgate.testkit.node.ShareFixtures.coin;
import static dev.frostgate.testkit.node.ShareFixtures.freshShare;
import static dev.frostgate.testkit.node.ShareFixtures.kind;
import static dev.frostgate.testkit.node.ShareFixtures.spend;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.engine.spendlock.LifecycleConfig;
import dev.frostgate.engine.spendlock.LockLifecycle;
import dev.frostgate.engine.spendlock.LockTransition;
import dev.frostgate.node.metrics.ValidatorMetrics;
import dev.frostgate.node.storage.SqliteJournal;
import dev.frostgate.node.storage.StateDatabase;
import dev.frostgate.testkit.engine.InMemoryChainFacts;
import fr.acinq.bitcoin.TxId;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: the journal-write histogram and the held-locks gauge, fed by {@link JournalMetrics} at
 * the write points of a real SQLite journal.
 */
class JournalMetricsTest {
  @TempDir Path dir;

  private static String sample(ValidatorMetrics m, String line) {
    return m.scrape().lines().filter(l -> l.startsWith(line + " ")).findFirst().orElse("(none)");
  }

  private static JournalMetrics journalMetrics(ValidatorMetrics m, StateDatabase db) {
    return new JournalMetrics(m, () -> db.spendLocks().liveOutpointCount(), System::nanoTime);
  }

  @Test
  void eachSyncedCommitIsObservedAndTheLockGaugeFollowsLocksAndTheirRelease() {
    ValidatorMetrics metrics = new ValidatorMetrics();
    SpendInput a = coin("jm-a", 50_000, 1);
    SpendInput b = coin("jm-b", 60_000, 2);
    UnsignedSpend first = spend(List.of(a, b), 1, 70_000, 2);
    try (StateDatabase db = StateDatabase.open(dir.resolve("state.db"))) {
      SqliteJournal j = new SqliteJournal(db, CAP, journalMetrics(metrics, db));
      assertThat(sample(metrics, "frostgate_journal_write_seconds_count")).endsWith(" 0");

      assertThat(kind(j.recordShares(List.of(freshShare("req-1", 1, first))))).isEmpty();
      assertThat(sample(metrics, "frostgate_journal_write_seconds_count")).endsWith(" 1");
      assertThat(sample(metrics, "frostgate_spend_locks_held")).endsWith(" 2.0");

      // A conflict on b is buried: the lifecycle releases the request's locks (a synced write).
      InMemoryChainFacts chain =
          new InMemoryChainFacts()
              .advance(100)
              .mine(new TxId("ee".repeat(32)), List.of(b.outpoint()))
              .advance(5);
      LockTransition release =
          LockLifecycle.decide(
              j.lockedRequests().get(0).withRequest(1_000, List.of()),
              chain,
              0,
              LifecycleConfig.defaults());
      assertThat(release).isInstanceOf(LockTransition.Release.class);
      j.recordTransition(release);
      assertThat(sample(metrics, "frostgate_journal_write_seconds_count")).endsWith(" 2");
      assertThat(sample(metrics, "frostgate_spend_locks_held")).endsWith(" 0.0");
    }
  }

  @Test
  void locksLeftByAnEarlierBootAreHeldFromTheStart() {
    Path file = dir.resolve("state.db");
    UnsignedSpend first = spend(List.of(coin("jm-c", 50_000, 3)), 1, 30_000, 2);
    try (StateDatabase db = StateDatabase.open(file)) {
      new SqliteJournal(db, CAP).recordShares(List.of(freshShare("req-2", 1, first)));
    }
    ValidatorMetrics metrics = new ValidatorMetrics();
    try (StateDatabase db = StateDatabase.open(file)) {
      journalMetrics(metrics, db).refreshLocks();
      assertThat(sample(metrics, "frostgate_spend_locks_held")).endsWith(" 1.0");
    }
  }
}
