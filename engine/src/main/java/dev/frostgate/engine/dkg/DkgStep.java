package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.frost.Identifier;
import java.util.List;

/** What one DKG step produced: messages to send (in order) and events. */
public record DkgStep(List<Outgoing> messages, List<DkgEvent> events) {
  /** One message for one peer. */
  public record Outgoing(Identifier to, DkgMessage message) {}

  public DkgStep {
    messages = List.copyOf(messages);
    events = List.copyOf(events);
  }
}
