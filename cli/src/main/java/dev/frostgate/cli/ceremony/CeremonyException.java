package dev.frostgate.cli.ceremony;

/**
 * A ceremony file that cannot be used, or a ceremony check that did not pass. The message names the
 * file and the field (never a secret); {@link #kind} tells the command line which exit code to
 * give, so this package does not depend on the commands that use it.
 */
public final class CeremonyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the ceremony stopped. */
  public enum Kind {
    /** A file or field that cannot be used (missing, malformed, for someone else). */
    BAD_INPUT,
    /** A verification that failed (a forged signature, a nonce used before, bad evidence). */
    CHECK_FAILED
  }

  private final Kind kind;

  private CeremonyException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /** A file or field that cannot be used; the message names it. */
  public static CeremonyException badInput(String message) {
    return new CeremonyException(Kind.BAD_INPUT, message);
  }

  /** A verification that failed; the message says what and where. */
  public static CeremonyException checkFailed(String message) {
    return new CeremonyException(Kind.CHECK_FAILED, message);
  }

  /** Why the ceremony stopped. */
  public Kind kind() {
    return kind;
  }
}
