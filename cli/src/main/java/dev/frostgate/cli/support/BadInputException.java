package dev.frostgate.cli.support;

/** Input that cannot be used: the message names the file and the field. Exit code 2. */
public final class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }
}
