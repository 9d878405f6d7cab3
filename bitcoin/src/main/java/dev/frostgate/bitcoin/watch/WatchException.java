package dev.frostgate.bitcoin.watch;

/** A watcher could not be set up (for example the node refused the descriptor import). */
public final class WatchException extends RuntimeException {
  public WatchException(String message) {
    super(message);
  }

  public WatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
