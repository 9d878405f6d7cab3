package dev.frostgate.engine;

/**
 * Transport port: where a runtime delivers an {@link Output} (signed envelopes over TLS in
 * production, the simulated network in tests).
 */
@FunctionalInterface
public interface Outbox {
  void deliver(Outgoing<Message> message);
}
