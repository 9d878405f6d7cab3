package dev.frostgate.cli;

import dev.frostgate.cli.support.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** File-list options: each value is a file or a directory (meaning every *.json file in it). */
final class CliFiles {
  private CliFiles() {}

  /** A file given on the command line, with whether it came from a directory listing. */
  record Input(Path path, boolean fromDirectory) {}

  static List<Input> expand(List<Path> values, String option) {
    if (values == null || values.isEmpty()) {
      throw new BadInputException(option + ": no files given");
    }
    List<Input> out = new ArrayList<>();
    for (Path v : values) {
      if (Files.isDirectory(v)) {
        try (Stream<Path> s = Files.list(v)) {
          s.filter(p -> p.getFileName().toString().endsWith(".json"))
              .filter(Files::isRegularFile)
              .sorted()
              .forEach(p -> out.add(new Input(p, true)));
        } catch (IOException e) {
          throw new BadInputException(v + ": cannot list directory (" + e.getMessage() + ")");
        }
      } else {
        out.add(new Input(v, false));
      }
    }
    if (out.isEmpty()) {
      throw new BadInputException(option + ": no *.json files in " + values);
    }
    return out;
  }

  static List<Path> paths(List<Path> values, String option) {
    return expand(values, option).stream().map(Input::path).toList();
  }
}
