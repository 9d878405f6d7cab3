package dev.frostgate.cli.support;

/** The exit codes of {@code frostgate} besides 0 (README: bad input 2, failed check 1). */
public final class ExitCodes {
  /** A check failed: an invalid share, proof or signature, a failing simulation seed. */
  public static final int CHECK_FAILED = 1;

  /** Bad input: a missing file or field, a corrupted value, an unknown option. */
  public static final int BAD_INPUT = 2;

  private ExitCodes() {}
}
