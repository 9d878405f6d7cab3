package dev.frostgate.engine.dkg;

import dev.frostgate.engine.Outgoing;
import java.util.List;

/** What one DKG step produced: messages to send (in order) and events. */
public record DkgStep(List<Outgoing<DkgMessage>> messages, List<DkgEvent> events) {
  public DkgStep {
    messages = List.copyOf(messages);
    events = List.copyOf(events);
  }
}
