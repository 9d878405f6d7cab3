package dev.frostgate.cli.support;

/** A verification that did not pass (a signature, a vector, a backup digest). Exit code 1. */
public final class CheckFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CheckFailedException(String message) {
    super(message);
  }
}
