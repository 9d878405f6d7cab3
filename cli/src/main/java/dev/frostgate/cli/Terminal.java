package dev.frostgate.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Optional;

/** The interactive terminal, if the command runs in one. */
final class Terminal {
  private Terminal() {}

  /**
   * The console when standard input and output are a terminal. From JDK 22 on {@link
   * System#console()} returns a console also when they are redirected (a script, a pipe, a test),
   * so its {@code isTerminal()} decides there; on JDK 21 the console is null without a terminal.
   */
  static Optional<Console> console() {
    Console c = System.console();
    if (c == null) {
      return Optional.empty();
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(c)) ? Optional.of(c) : Optional.empty();
    } catch (NoSuchMethodException e) {
      return Optional.of(c); // JDK 21: a console exists only with a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
