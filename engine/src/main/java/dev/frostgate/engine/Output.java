package dev.frostgate.engine;

import dev.frostgate.crypto.frost.Identifier;
import java.util.List;

/** What one engine step produced: messages to send (in order) and events. */
public record Output(List<Outgoing> messages, List<EngineEvent> events) {
  /** One message for one peer. */
  public record Outgoing(Identifier to, Message message) {}

  public Output {
    messages = List.copyOf(messages);
    events = List.copyOf(events);
  }

  public static Output empty() {
    return new Output(List.of(), List.of());
  }
}
