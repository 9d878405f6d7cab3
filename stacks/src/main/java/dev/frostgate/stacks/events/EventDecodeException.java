package dev.frostgate.stacks.events;

/** A contract event whose payload is not what the contract prints: which event, which field. */
public final class EventDecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  public EventDecodeException(String message) {
    super(message);
  }
}
