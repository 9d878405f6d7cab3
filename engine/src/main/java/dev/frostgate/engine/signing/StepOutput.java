package dev.frostgate.engine.signing;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.Output;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one engine step has produced so far: messages for peers (in order), events, and the messages
 * this validator sent to itself. A message to oneself is never put on the wire; it is queued and
 * handled within the same step ({@link #drainSelf}), after the message that caused it.
 */
final class StepOutput {
  private final Identifier me;
  private final List<Identifier> validators;
  private final Deque<Message> selfQueue = new ArrayDeque<>();
  private final List<Output.Outgoing> out = new ArrayList<>();
  private final List<EngineEvent> events = new ArrayList<>();

  StepOutput(Identifier me, List<Identifier> validators) {
    this.me = me;
    this.validators = validators;
  }

  void send(Identifier to, Message m) {
    if (to.equals(me)) {
      selfQueue.add(m);
    } else {
      out.add(new Output.Outgoing(to, m));
    }
  }

  /** To every validator of the group, this one included (through the self queue). */
  void broadcast(Message m) {
    for (Identifier v : validators) {
      send(v, m);
    }
  }

  void emit(EngineEvent e) {
    events.add(e);
  }

  /** Hands each queued message to oneself to {@code handle}, including ones it queues. */
  void drainSelf(Consumer<Message> handle) {
    while (!selfQueue.isEmpty()) {
      handle.accept(selfQueue.poll());
    }
  }

  /** The step's output; the next step starts empty. */
  Output flush() {
    Output o = new Output(out, events);
    out.clear();
    events.clear();
    return o;
  }
}
