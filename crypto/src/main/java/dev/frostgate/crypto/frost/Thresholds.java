package dev.frostgate.crypto.frost;

/** The one rule for thresholds: 1 ≤ t ≤ n ≤ 1000 (DESIGN: up to 1,000 validators). */
public final class Thresholds {
  public static final int MAX_PARTICIPANTS = 1000;

  private Thresholds() {}

  public static void check(int minSigners, int maxSigners) {
    if (maxSigners < 1 || maxSigners > MAX_PARTICIPANTS) {
      throw new FrostException(
          FrostException.Kind.INVALID_THRESHOLD,
          "number of participants must be between 1 and "
              + MAX_PARTICIPANTS
              + ", got "
              + maxSigners);
    }
    if (minSigners < 1 || minSigners > maxSigners) {
      throw new FrostException(
          FrostException.Kind.INVALID_THRESHOLD,
          "threshold must be between 1 and " + maxSigners + ", got " + minSigners);
    }
  }
}
