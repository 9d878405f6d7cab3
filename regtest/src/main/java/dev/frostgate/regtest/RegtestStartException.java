package dev.frostgate.regtest;

/**
 * The embedded regtest node did not start. The message names the port or directory at fault; a
 * failed start never writes or removes a cookie file of another node.
 */
public final class RegtestStartException extends RuntimeException {
  /** What went wrong. */
  public enum Reason {
    /** Another process listens on the RPC port. */
    PORT_IN_USE,
    /** Another node (embedded or bitcoind) holds the data directory's lock. */
    DATA_DIR_LOCKED,
    /** The data directory or cookie file could not be written. */
    IO
  }

  private final Reason reason;

  RegtestStartException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
