package dev.frostgate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The seed lines of the simulation tests, compared with files checked in under {@code
 * src/test/resources/golden/}. They prove that a change which should not alter behaviour (a module
 * move, a class split) leaves every simulated run exactly as it was: the same faults drawn, the
 * same messages, steps, crashes and simulated time for every seed, hence the same order of random
 * draws. A seed that merely still passes would not show that.
 *
 * <p>Only the wall-clock time at the end of a line (" (12 ms)") is left out. After an intended
 * change of behaviour, regenerate the files with {@code -Dgolden.write=true} and review the diff.
 */
public final class GoldenSeedLines {
  private static final Path DIR = Path.of("src", "test", "resources", "golden");
  private static final Pattern WALL_TIME = Pattern.compile(" \\(\\d+ ms\\)$", Pattern.MULTILINE);

  private GoldenSeedLines() {}

  /** Checks (or, with {@code -Dgolden.write=true}, writes) the seed lines of {@code name}. */
  public static void check(String name, List<String> lines) {
    Path file = DIR.resolve(name + ".txt");
    String actual =
        String.join("\n", lines.stream().map(l -> WALL_TIME.matcher(l).replaceAll("")).toList())
            + "\n";
    try {
      if (Boolean.getBoolean("golden.write")) {
        Files.createDirectories(DIR);
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(file).as("golden seed lines (write them with -Dgolden.write=true)").exists();
      List<String> expected = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<String> got = actual.lines().toList();
      for (int i = 0; i < Math.min(expected.size(), got.size()); i++) {
        assertThat(got.get(i)).as("line %d of %s", i + 1, file).isEqualTo(expected.get(i));
      }
      assertThat(got).as("lines of %s", file).hasSameSizeAs(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
