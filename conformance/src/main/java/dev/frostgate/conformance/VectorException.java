package dev.frostgate.conformance;

/** A vector file that cannot be read: names the file and the field. */
public final class VectorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VectorException(String message) {
    super(message);
  }
}
