package dev.frostgate.node.storage;

/** The state database failed (I/O, corruption, a constraint); the message says what was done. */
public class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
