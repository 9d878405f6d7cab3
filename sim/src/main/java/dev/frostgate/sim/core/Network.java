package dev.frostgate.sim.core;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The simulated network: a message sent is lost, or arrives after a delay, maybe twice, maybe with
 * an old message replayed. What happens to it is its {@link LinkFaults}' decision, which each
 * simulation supplies: the faults differ, and so does the order in which a seed draws them, which
 * must stay as it is for the seeds to mean what they meant.
 *
 * @param <M> what travels (with its sender and receiver)
 * @param <E> the simulation's event type, of which an arrival is one
 */
public final class Network<M, E> {
  /**
   * The faults of the links, asked in this order for every message sent, each drawing from the
   * run's stream what it needs (and nothing when its fault is off, where a simulation's seeds say
   * so).
   */
  public interface LinkFaults<M> {
    /** Whether the message is lost: by loss, or by a partition between its ends. */
    boolean drops(M message, SplittableRandom rnd);

    /** How long after sending the message arrives (at least 1). */
    long delay(M message, SplittableRandom rnd);

    /** How long after sending a duplicate arrives; empty for none. */
    OptionalLong duplicate(M message, SplittableRandom rnd);

    /** An earlier message replayed by the network on the occasion of this one; none by default. */
    default Optional<Replay<M>> replay(M message, SplittableRandom rnd) {
      return Optional.empty();
    }
  }

  /** An old message sent again, arriving {@code delay} after the send that prompted it. */
  public record Replay<M>(M message, long delay) {}

  private final EventQueue<E> queue;
  private final SimClock clock;
  private final SplittableRandom rnd;
  private final LinkFaults<M> faults;
  private final Function<M, E> arrival;
  private long sent;

  /**
   * @param arrival the event of {@code message} arriving at its receiver
   */
  public Network(
      EventQueue<E> queue,
      SimClock clock,
      SplittableRandom rnd,
      LinkFaults<M> faults,
      Function<M, E> arrival) {
    this.queue = queue;
    this.clock = clock;
    this.rnd = rnd;
    this.faults = faults;
    this.arrival = arrival;
  }

  /** Sends {@code message} now: counted, then lost or scheduled to arrive. */
  public void send(M message) {
    sent++;
    if (faults.drops(message, rnd)) {
      return;
    }
    long now = clock.now();
    queue.schedule(now + faults.delay(message, rnd), arrival.apply(message));
    OptionalLong duplicate = faults.duplicate(message, rnd);
    if (duplicate.isPresent()) {
      queue.schedule(now + duplicate.getAsLong(), arrival.apply(message));
    }
    faults
        .replay(message, rnd)
        .ifPresent(r -> queue.schedule(now + r.delay(), arrival.apply(r.message())));
  }

  /** Messages sent so far, lost ones included. */
  public long sent() {
    return sent;
  }
}
