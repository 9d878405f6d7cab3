package dev.frostgate.engine;

import java.util.List;

/** What one engine step produced: messages to send (in order) and events. */
public record Output(List<Outgoing<Message>> messages, List<EngineEvent> events) {
  public Output {
    messages = List.copyOf(messages);
    events = List.copyOf(events);
  }

  public static Output empty() {
    return new Output(List.of(), List.of());
  }
}
