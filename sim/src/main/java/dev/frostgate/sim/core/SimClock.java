package dev.frostgate.sim.core;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulated time of one run, in milliseconds from 0: the event queue's clock. It is the
 * engine's {@link dev.frostgate.engine.Clock} and a {@link java.time.Clock} for the state files'
 * timestamps, so a seed's databases are deterministic too. Only the run loop moves it.
 */
public final class SimClock extends java.time.Clock implements dev.frostgate.engine.Clock {
  private long now;

  @Override
  public long now() {
    return now;
  }

  /**
   * Sets the time of the event being handled. Not checked to move forward: a restart the signing
   * simulation schedules for the end of the chaos can lie before a crash that came after it, and
   * the seeds keep that behaviour.
   */
  public void set(long time) {
    now = time;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public java.time.Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException(
        "the simulated clock is UTC only: a run's time must not depend on a zone, asked for "
            + zone);
  }

  @Override
  public long millis() {
    return now;
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(now);
  }
}
