package dev.frostgate.node.api;

/** A request the API refuses (HTTP 400); the message names the field and what is wrong with it. */
public final class BadRequestException extends RuntimeException {
  private final String field;
  private final String problem;

  public BadRequestException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** The JSON field at fault, as a path ({@code recipients[1].amount_sat}). */
  public String field() {
    return field;
  }

  /** What is wrong with it, without the field's name. */
  public String problem() {
    return problem;
  }
}
