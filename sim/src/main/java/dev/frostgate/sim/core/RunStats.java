package dev.frostgate.sim.core;

/**
 * The counters every run reports on its seed line: events handled, crashes (and how many of them at
 * a write), and the wall-clock time, which is reporting only and never feeds the simulation.
 */
public final class RunStats {
  private final long startNanos = System.nanoTime();
  private long steps;
  private long crashes;
  private long writeCrashes;

  /** One more event handled. */
  public void step() {
    steps++;
  }

  /** One more validator process crashed. */
  public void crash() {
    crashes++;
  }

  /** One more crash at a write (counted as a crash as well, by {@link #crash}). */
  public void writeCrash() {
    writeCrashes++;
  }

  public long steps() {
    return steps;
  }

  public long crashes() {
    return crashes;
  }

  public long writeCrashes() {
    return writeCrashes;
  }

  /** Wall-clock milliseconds since the run started. */
  public long wallMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
