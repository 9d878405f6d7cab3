package dev.frostgate.sim.core;

/**
 * A validator's disk armed to crash the validator at its next write: just before the write takes
 * effect or just after it (durable, but nothing made from it was sent). Both simulations arm one
 * per validator for a step and disarm it after the step, so a crash lands at whichever write the
 * step makes first; a step that writes nothing does not crash.
 */
public final class WriteCrash {
  /** Where the armed crash happens. */
  public enum Point {
    NONE,
    /** Before the write takes effect (SQLite: inside the transaction, rolled back). */
    BEFORE,
    /** After the write is durable, before anything made from it leaves the validator. */
    AFTER
  }

  /** The simulated crash: the validator's process dies at a write, losing its memory. */
  public static final class SimCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SimCrash() {
      super("simulated crash", null, false, false);
    }
  }

  private Point armed = Point.NONE;

  public void arm(Point point) {
    armed = point;
  }

  public void disarm() {
    armed = Point.NONE;
  }

  /**
   * Whether the write reaching {@code point} crashes; if so the disk is disarmed (one crash per
   * arming) and the caller throws {@link SimCrash} after noting where.
   */
  public boolean firesAt(Point point) {
    if (armed != point) {
      return false;
    }
    armed = Point.NONE;
    return true;
  }

  /** Runs {@code write} between the two points: a crash before it, or after it took effect. */
  public void around(Runnable write) {
    if (firesAt(Point.BEFORE)) {
      throw new SimCrash();
    }
    write.run();
    if (firesAt(Point.AFTER)) {
      throw new SimCrash();
    }
  }
}
