package dev.frostgate.cli;

import dev.frostgate.cli.support.ExitCodes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Says what is wrong with a command line in the operator's terms: an unknown command or option is
 * named as such, with the closest known one (picocli reports a misspelt option as a missing
 * required one, and an unknown command as "Unmatched argument at index 0"); a value of the wrong
 * kind says what kind is needed. Then it points at {@code --help} instead of printing the whole
 * usage. Exit code 2.
 */
final class UsageErrors implements IParameterExceptionHandler {
  private static final Pattern BAD_NUMBER =
      Pattern.compile(
          "Invalid value for (option|positional parameter[^:]*?) ?'?([^':]*)'?: '(.*)' is not an?"
              + " (int|long|short|byte|double|float)");

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    CommandSpec spec = cmd.getCommandSpec();
    err.println(spec.qualifiedName() + ": " + message(ex, spec, args));
    err.println("Run '" + spec.qualifiedName() + " --help' for what it takes.");
    err.flush();
    return ExitCodes.BAD_INPUT;
  }

  static String message(ParameterException ex, CommandSpec spec, String[] args) {
    Optional<String> unknown = unknownOption(spec, args);
    if (unknown.isPresent()) {
      String name = unknown.get();
      return "unknown option '"
          + name
          + "'"
          + suggestion(name, optionNames(spec)).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }
    if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String arg = u.getUnmatched().get(0);
      if (!spec.subcommands().isEmpty()) {
        Set<String> commands = spec.subcommands().keySet();
        return "unknown command '"
            + arg
            + "'"
            + suggestion(arg, commands).map(s -> " (did you mean '" + s + "'?)").orElse("")
            + "; commands: "
            + String.join(", ", commands);
      }
      return "unexpected argument '" + arg + "'";
    }
    if (ex instanceof MissingParameterException m) {
      List<String> names = new ArrayList<>();
      for (ArgSpec a : m.getMissing()) {
        names.add(a instanceof OptionSpec o ? o.longestName() : a.paramLabel());
      }
      if (!spec.subcommands().isEmpty() && names.isEmpty()) {
        return "missing a command; commands: " + String.join(", ", spec.subcommands().keySet());
      }
      return (names.size() == 1 ? "missing required option " : "missing required options ")
          + String.join(", ", names);
    }
    Matcher bad = BAD_NUMBER.matcher(String.valueOf(ex.getMessage()));
    if (bad.find()) {
      String what =
          bad.group(4).equals("double") || bad.group(4).equals("float")
              ? "a number"
              : "a whole number";
      String where = bad.group(1).equals("option") ? bad.group(2) : bad.group(1);
      return where + " needs " + what + ", got '" + bad.group(3) + "'";
    }
    return ex.getMessage();
  }

  /**
   * The first argument that looks like an option but is none of this command's (or its parents').
   */
  private static Optional<String> unknownOption(CommandSpec spec, String[] args) {
    Set<String> known = optionNames(spec);
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      if (!a.startsWith("-") || a.length() < 2 || Character.isDigit(a.charAt(1))) {
        continue;
      }
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      if (!known.contains(name)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  private static Set<String> optionNames(CommandSpec spec) {
    Set<String> names = new LinkedHashSet<>();
    for (CommandSpec s = spec; s != null; s = s.parent()) {
      for (OptionSpec o : s.options()) {
        names.addAll(List.of(o.names()));
      }
    }
    return names;
  }

  /** The closest candidate within a small edit distance, or one the text is a prefix of. */
  static Optional<String> suggestion(String text, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(text, c);
      if (c.startsWith(text) && text.length() >= 3) {
        d = Math.min(d, 1);
      }
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    int limit = Math.max(2, text.length() / 3);
    return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
