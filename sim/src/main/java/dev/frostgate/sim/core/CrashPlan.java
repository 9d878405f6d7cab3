package dev.frostgate.sim.core;

import dev.frostgate.crypto.frost.Identifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.ObjLongConsumer;
import java.util.function.Predicate;

/**
 * When validators crash and how long they stay down: between two steps, at a write (the disk is
 * armed for the step), or on a test's cue after a step, then restarted after a downtime. Whether
 * and where is each simulation's {@link Draws}, asked with the run's stream only where the
 * simulation allows a crash at all, so that a seed draws exactly what it always drew, in the same
 * order. The plan holds the cues and the restarts not yet scheduled.
 *
 * @param <S> what one step of a validator returns, which a cue tests
 */
public final class CrashPlan<S> {
  /** A simulation's crash faults; each draws from the run's stream what it needs. */
  public interface Draws {
    /** Whether a validator crashes before the step about to happen. */
    boolean betweenSteps(SplittableRandom rnd);

    /** Where the step about to happen crashes at its first write, if at all. */
    Optional<WriteCrash.Point> atWrite(SplittableRandom rnd);

    /** How long a crashed validator stays down. */
    long downtime(SplittableRandom rnd);
  }

  private record Cue<S>(Predicate<S> when, long downtime) {}

  /** A crashed validator to restart; downtime empty: drawn when the restart is scheduled. */
  private record Pending(Identifier id, OptionalLong downtime) {}

  private final SplittableRandom rnd;
  private final Draws draws;
  private final Map<Identifier, Cue<S>> cues = new HashMap<>();
  private final List<Pending> pending = new ArrayList<>();

  public CrashPlan(SplittableRandom rnd, Draws draws) {
    this.rnd = rnd;
    this.draws = draws;
  }

  /** Whether to crash between steps now (the caller checked that a crash may happen). */
  public boolean crashBetweenSteps() {
    return draws.betweenSteps(rnd);
  }

  /** Arms {@code disk} for the coming step if the draws say so (a crash may happen). */
  public void armAtWrite(WriteCrash disk) {
    draws.atWrite(rnd).ifPresent(disk::arm);
  }

  /** A downtime drawn now. */
  public long downtime() {
    return draws.downtime(rnd);
  }

  /** Crash {@code id} after the first of its steps {@code when} holds for, down for downtime. */
  public void cue(Identifier id, Predicate<S> when, long downtime) {
    cues.put(id, new Cue<>(when, downtime));
  }

  /** The cue's downtime if {@code step} of {@code id} meets its cue (each cue fires once). */
  public OptionalLong cued(Identifier id, S step) {
    Cue<S> cue = cues.get(id);
    if (cue == null || !cue.when().test(step)) {
      return OptionalLong.empty();
    }
    cues.remove(id);
    return OptionalLong.of(cue.downtime());
  }

  /**
   * Restart {@code id} when {@link #scheduleRestarts} runs, after {@code downtime} or a drawn one.
   */
  public void restartLater(Identifier id, OptionalLong downtime) {
    pending.add(new Pending(id, downtime));
  }

  /** Hands every pending restart, in crash order, with its downtime (drawn now where not cued). */
  public void scheduleRestarts(ObjLongConsumer<Identifier> restart) {
    for (Pending p : pending) {
      restart.accept(p.id(), p.downtime().isPresent() ? p.downtime().getAsLong() : downtime());
    }
    pending.clear();
  }
}
