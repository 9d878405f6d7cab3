package dev.frostgate.stacks.address;

/** A malformed Stacks address or c32 string, with what is wrong in the message. */
public final class StacksAddressException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public StacksAddressException(String message) {
    super(message);
  }
}
