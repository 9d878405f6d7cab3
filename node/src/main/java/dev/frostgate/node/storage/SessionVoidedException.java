package dev.frostgate.node.storage;

/**
 * A nonce commitment was recorded before the last restart (or imported from another machine): its
 * secret nonce is gone, and the node never signs with it again.
 */
public final class SessionVoidedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SessionVoidedException(String message) {
    super(message);
  }
}
