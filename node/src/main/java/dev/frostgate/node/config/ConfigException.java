package dev.frostgate.node.config;

import java.util.List;

/**
 * A config.toml that cannot be used. The message lists every problem found, one per line, each
 * naming the file, the section and the field, e.g. {@code config.toml: [threshold] threshold: must
 * be between 1 and total_validators (15), got 16}.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, each naming its field. */
  public List<String> problems() {
    return problems;
  }
}
