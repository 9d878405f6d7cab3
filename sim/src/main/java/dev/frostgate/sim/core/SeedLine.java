package dev.frostgate.sim.core;

import java.util.List;

/**
 * One seed's line: {@code seed S: n=N t=T}, the simulation's own counts, {@code faults=...}, {@code
 * OK} or {@code FAIL} and the wall-clock time; a failing seed adds its violations and the command
 * that replays it. Each field is a word without spaces, so the lines can be compared and grepped;
 * {@link SeedLegend} explains every field for a reader and must change with them.
 */
public final class SeedLine {
  private final StringBuilder line;

  private SeedLine(String start) {
    this.line = new StringBuilder(start);
  }

  /**
   * A line starting {@code "<label> <seed>: n=<n> t=<t>"}; label is {@code seed} or {@code dkg
   * seed}.
   */
  /**
   * The command that replays one seed: {@code frostgate simulate [MODE] --seeds S..S --validators N
   * --threshold T}, with MODE empty (signing), {@code --dkg} or {@code --keys-from-dkg}.
   */
  public static String replayCommand(String mode, long seed, int n, int t) {
    return "frostgate simulate "
        + (mode.isEmpty() ? "" : mode + " ")
        + "--seeds "
        + seed
        + ".."
        + seed
        + " --validators "
        + n
        + " --threshold "
        + t;
  }

  public static SeedLine of(String label, long seed, int n, int t) {
    return new SeedLine(label + " " + seed + ": n=" + n + " t=" + t);
  }

  /** Appends {@code words} after a space, as they are. */
  public SeedLine then(String words) {
    line.append(' ').append(words);
    return this;
  }

  /** Appends {@code name=value}, the value {@link #compact}. */
  public SeedLine field(String name, Object value) {
    return then(name + "=" + compact(value));
  }

  /** The counts of the run: {@code t_sim=T steps=S msgs=M crashes=C}. */
  public SeedLine run(long simTime, long steps, long messages, long crashes) {
    return then(
        "t_sim=" + simTime + " steps=" + steps + " msgs=" + messages + " crashes=" + crashes);
  }

  /**
   * The end: {@code faults=<faults> OK|FAIL (W ms)}, and for a failure the violations and the
   * replay command on two more lines.
   */
  public String end(String faults, List<String> violations, String replay, long wallMillis) {
    boolean ok = violations.isEmpty();
    then("faults=" + faults).then(ok ? "OK" : "FAIL").then("(" + wallMillis + " ms)");
    if (!ok) {
      line.append("\n  violations: ").append(violations).append("\n  replay: ").append(replay);
    }
    return line.toString();
  }

  /** {@code value} as one word: its string without spaces ({@code [1,2]}, {@code {a=1}}). */
  public static String compact(Object value) {
    return value.toString().replace(" ", "");
  }
}
