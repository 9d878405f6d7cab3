package dev.frostgate.node.transport;

/**
 * The transport cannot start or a TLS file is unusable; the message names the file, address or
 * field, never key material.
 */
public final class TransportException extends RuntimeException {
  public TransportException(String message) {
    super(message);
  }

  public TransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
