package dev.frostgate.node.logging;

/** How a log line is written. */
public enum LogFormat {
  /** One human-readable line per event: time, level, logger, the three ids, the message. */
  TEXT,
  /**
   * One JSON object per line (Logback's JsonEncoder): {@code formattedMessage}, the ids under
   * {@code mdc}.
   */
  JSON
}
