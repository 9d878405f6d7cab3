package dev.frostgate.node.storage;

/**
 * A nonce commitment already signed other messages or belongs to another session: signing again
 * with it would reveal the key share. Nothing was written.
 */
public final class NonceReuseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NonceReuseException(String message) {
    super(message);
  }
}
