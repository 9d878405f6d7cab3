package dev.frostgate.node.runtime;

import dev.frostgate.node.metrics.ValidatorMetrics;
import dev.frostgate.node.storage.SqliteJournal;
import dev.frostgate.node.storage.SqliteJournal.Write;
import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Feeds the journal's metrics from its write points (issue 13), so {@code node.storage} needs no
 * metrics: the latency of each synced commit (share batches and lifecycle transitions, the commits
 * a share waits for before it leaves the node), and the spend locks held, re-read after every write
 * (a write is the only thing that changes them: one count per write, none per loop step). Used on
 * the event loop's thread only, like the journal.
 */
final class JournalMetrics implements SqliteJournal.WritePoints {
  private final ValidatorMetrics metrics;
  private final IntSupplier locksHeld;
  private final LongSupplier nanoTime;
  private long commitStarted;

  JournalMetrics(ValidatorMetrics metrics, IntSupplier locksHeld, LongSupplier nanoTime) {
    this.metrics = metrics;
    this.locksHeld = locksHeld;
    this.nanoTime = nanoTime;
  }

  /** Sets the held-locks gauge from the state database (at startup, and after each write). */
  void refreshLocks() {
    metrics.spendLocksHeld(locksHeld.getAsInt());
  }

  @Override
  public void beforeCommit(Write write) {
    commitStarted = nanoTime.getAsLong();
  }

  @Override
  public void afterCommit(Write write) {
    // A completion commits relaxed (not waited for on disk): not a durable write.
    if (write != Write.SIGNED) {
      metrics.journalWrite(Duration.ofNanos(nanoTime.getAsLong() - commitStarted));
    }
    refreshLocks();
  }
}
