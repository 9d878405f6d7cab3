package dev.frostgate.stacks.node;

import java.time.Duration;
import java.util.List;

/**
 * The contract's events in chain order, each delivered once, after a cursor the consumer keeps. The
 * adapter combines the node's event-observer webhook with polling (see the node module).
 */
public interface StacksEventSource extends AutoCloseable {

  /**
   * The events after the current cursor, oldest first, waiting up to {@code wait} when there are
   * none yet; the cursor then moves past the last one returned.
   */
  List<ContractEvent> poll(Duration wait) throws InterruptedException;

  EventCursor cursor();

  @Override
  void close();
}
