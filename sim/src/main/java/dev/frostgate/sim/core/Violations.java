package dev.frostgate.sim.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The invariant violations of one run, each stamped with the simulated time it was seen at. At most
 * {@value #MAX} are kept: a broken invariant tends to break on every later event, and the first
 * ones say what went wrong. A run {@link #distinct} keeps each text once (the DKG simulation, where
 * a resent message would repeat it).
 */
public final class Violations {
  private static final int MAX = 20;

  private final SimClock clock;
  private final boolean distinct;
  private final List<String> found = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();

  private Violations(SimClock clock, boolean distinct) {
    this.clock = clock;
    this.distinct = distinct;
  }

  /** Every violation, up to {@value #MAX}. */
  public static Violations every(SimClock clock) {
    return new Violations(clock, false);
  }

  /** Each distinct violation once, up to {@value #MAX}. */
  public static Violations distinct(SimClock clock) {
    return new Violations(clock, true);
  }

  public void add(String violation) {
    if (found.size() < MAX && (!distinct || seen.add(violation))) {
      found.add("t=" + clock.now() + " " + violation);
    }
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  /** The violations so far, in the order they were seen. */
  public List<String> list() {
    return List.copyOf(found);
  }
}
