package dev.frostgate.node.logging;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how a process logs: the lowest level written, the line format, and an optional file
 * written besides stderr (the devnet gives each validator its own).
 *
 * @param level one of {@code error}, {@code warn}, {@code info}, {@code debug}, {@code trace}
 */
public record LogSettings(String level, LogFormat format, Optional<Path> file) {
  /** The levels accepted, lowest first. */
  public static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error");

  public LogSettings {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(file, "file");
    if (!LEVELS.contains(level)) {
      throw new IllegalArgumentException(
          "log level '" + level + "': must be one of " + String.join(", ", LEVELS));
    }
  }

  /** Warnings and errors as text on stderr: the default of one-shot commands. */
  public static LogSettings quiet() {
    return new LogSettings("warn", LogFormat.TEXT, Optional.empty());
  }
}
