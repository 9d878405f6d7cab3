package dev.frostgate.sim.core;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/**
 * The pending events of a run, in the order they happen: by time, then by the order they were
 * scheduled (so two events at one time keep a seed's order).
 *
 * @param <E> the simulation's event type
 */
public final class EventQueue<E> {
  /** An event and when it happens; {@code seq} breaks ties in scheduling order. */
  public record Timed<E>(long time, long seq, E event) implements Comparable<Timed<E>> {
    @Override
    public int compareTo(Timed<E> o) {
      return time != o.time ? Long.compare(time, o.time) : Long.compare(seq, o.seq);
    }
  }

  private final PriorityQueue<Timed<E>> queue = new PriorityQueue<>();
  private long seq;

  public void schedule(long at, E event) {
    queue.add(new Timed<>(at, seq++, event));
  }

  public boolean isEmpty() {
    return queue.isEmpty();
  }

  /** The next event, removed; null when there is none. */
  public Timed<E> poll() {
    return queue.poll();
  }

  /**
   * Removes and returns the events {@code which} selects that happen at {@code until} or before, in
   * the order they would have happened.
   */
  public List<E> takeDue(Predicate<? super E> which, long until) {
    List<Timed<E>> due = new ArrayList<>();
    for (Timed<E> x : queue) {
      if (which.test(x.event()) && x.time() <= until) {
        due.add(x);
      }
    }
    due.sort(null);
    queue.removeAll(due);
    return due.stream().map(Timed::event).toList();
  }
}
