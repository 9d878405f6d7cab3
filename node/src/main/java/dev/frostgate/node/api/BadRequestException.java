package dev.frostgate.node.api;

/** A request the API refuses (HTTP 400); the message names the field and what is wrong with it. */
public final class BadRequestException extends RuntimeException {
  private final String field;

  public BadRequestException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /** The JSON field at fault, as a path ({@code recipients[1].amount_sat}). */
  public String field() {
    return field;
  }
}
