package dev.frostgate.sim.signing;

import dev.frostgate.node.storage.StateDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * The signing simulation's state files on the real file system: one new directory per run, a
 * validator's fresh state file copied from a template, and the directory deleted after the run.
 */
final class StateFiles {
  private StateFiles() {}

  private static Path template;

  /** A new directory for the state files of the run of {@code seed}, under {@code root}. */
  static Path runDirectory(Path root, long seed) {
    try {
      Files.createDirectories(root);
      return Files.createTempDirectory(root, "frostgate-sim-" + seed + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the simulation's state directory", e);
    }
  }

  /**
   * A new validator's state file: a copy of one database this JVM migrated once (schema migrations
   * are tested on their own; a seed only needs fresh, fully migrated files). Opening the copy is a
   * real start of the node: a new boot, WAL, {@code synchronous=FULL}.
   */
  static synchronized void copyTemplate(Path target) {
    try {
      if (template == null || !Files.exists(template)) {
        Path dir = Files.createTempDirectory("frostgate-sim-template-");
        Path file = dir.resolve("template.db");
        StateDatabase.open(file).close(); // the last close checkpoints: one self-contained file
        for (Path p : List.of(file.resolveSibling("template.db.lock"))) {
          Files.deleteIfExists(p);
        }
        dir.toFile().deleteOnExit(); // deleted last: files registered later go first
        file.toFile().deleteOnExit();
        template = file;
      }
      Files.copy(template, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a validator's state file " + target, e);
    }
  }

  /** Deletes {@code dir} and everything in it. */
  static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the simulation's state " + dir, e);
    }
  }
}
