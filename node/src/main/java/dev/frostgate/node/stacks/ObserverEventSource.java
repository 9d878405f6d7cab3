package dev.frostgate.node.stacks;

import dev.frostgate.stacks.node.ContractEvent;
import dev.frostgate.stacks.node.EventCursor;
import dev.frostgate.stacks.node.StacksEventSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.concurrent.TimeUnit;

/**
 * The contract's events from the node's event-observer webhook, with polling as the fallback: the
 * first poll catches up from the stored cursor through the event API, and so does any poll after
 * the webhook has been silent for {@code quietBeforePolling} (a node that lost its observer, or
 * blocks that arrived while this process was down). Events both paths deliver are passed on once:
 * the source remembers the positions it delivered lately.
 */
public final class ObserverEventSource implements StacksEventSource {
  static final int REMEMBERED = 10_000;

  private final StacksEventObserver webhook;
  private final ContractEventPoller poller;
  private final Duration quietBeforePolling;
  private final SequencedSet<EventCursor> delivered = new LinkedHashSet<>();
  private EventCursor cursor;
  private boolean caughtUp;
  private long lastPollNanos;

  public ObserverEventSource(
      StacksEventObserver webhook,
      ContractEventPoller poller,
      EventCursor start,
      Duration quietBeforePolling) {
    this.webhook = webhook;
    this.poller = poller;
    this.cursor = start;
    this.quietBeforePolling = quietBeforePolling;
    if (!start.isStart()) {
      delivered.add(start);
    }
  }

  @Override
  public synchronized List<ContractEvent> poll(Duration wait) throws InterruptedException {
    List<ContractEvent> out = new ArrayList<>();
    long now = System.nanoTime();
    boolean webhookQuiet =
        now - Math.max(webhook.lastBlockNanos(), lastPollNanos) > quietBeforePolling.toNanos();
    if (!caughtUp || webhookQuiet) {
      lastPollNanos = now;
      poller.eventsAfter(cursor).forEach(e -> deliver(e, out));
      caughtUp = true;
    }
    ContractEvent first =
        out.isEmpty() ? webhook.queue().poll(wait.toNanos(), TimeUnit.NANOSECONDS) : null;
    if (first != null) {
      deliver(first, out);
    }
    List<ContractEvent> more = new ArrayList<>();
    webhook.queue().drainTo(more);
    more.forEach(e -> deliver(e, out));
    return out;
  }

  private void deliver(ContractEvent e, List<ContractEvent> out) {
    EventCursor position = e.position();
    if (!delivered.add(position)) {
      return;
    }
    if (delivered.size() > REMEMBERED) {
      delivered.removeFirst();
    }
    cursor = position;
    out.add(e);
  }

  @Override
  public synchronized EventCursor cursor() {
    return cursor;
  }

  @Override
  public void close() {
    webhook.close();
  }
}
