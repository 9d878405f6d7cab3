package dev.frostgate.node.runtime;

/**
 * The validator cannot start: the message names what (a file, a field, a port) and why, and never
 * holds a secret. {@code frostgate node run} exits with code 2 on it.
 */
public final class StartupException extends RuntimeException {
  public StartupException(String message) {
    super(message);
  }

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
