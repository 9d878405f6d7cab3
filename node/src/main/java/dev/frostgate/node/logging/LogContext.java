package dev.frostgate.node.logging;

import org.slf4j.MDC;

/**
 * The ids a log line carries (SLF4J's MDC, per thread): which validator wrote it, and the DKG or
 * signing session and the request it is about. Open one with try-with-resources around the work it
 * describes. Ids only: never a key, share, nonce or passphrase.
 */
public final class LogContext {
  /** The validator's id in the group. */
  public static final String VALIDATOR = "validator";

  /** A DKG session or a signing session (hex). */
  public static final String SESSION = "session";

  /** A signing request (hex). */
  public static final String REQUEST = "request";

  private LogContext() {}

  /** Sets the validator id for this thread until the result is closed. */
  public static MDC.MDCCloseable validator(int id) {
    return MDC.putCloseable(VALIDATOR, Integer.toString(id));
  }

  /** Sets the session id for this thread until the result is closed. */
  public static MDC.MDCCloseable session(String id) {
    return MDC.putCloseable(SESSION, id);
  }

  /** Sets the request id for this thread until the result is closed. */
  public static MDC.MDCCloseable request(String id) {
    return MDC.putCloseable(REQUEST, id);
  }
}
