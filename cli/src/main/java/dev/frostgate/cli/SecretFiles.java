package dev.frostgate.cli;

import dev.frostgate.cli.support.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads files that may hold secrets (writing goes through {@code ceremony.Outputs}). */
final class SecretFiles {
  private SecretFiles() {}

  /**
   * Reads a whole file.
   *
   * @throws BadInputException naming the file if it is missing or unreadable
   */
  static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      throw new BadInputException(p + ": no such file");
    } catch (IOException e) {
      throw new BadInputException(p + ": cannot read (" + e.getMessage() + ")");
    }
  }
}
