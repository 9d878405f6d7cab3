package dev.frostgate.cli;

import dev.frostgate.cli.ceremony.Outputs;
import picocli.CommandLine.Option;

/**
 * {@code --force}, shared by every command that writes files: without it an existing output file is
 * never replaced ({@link Outputs} refuses, naming the file); with it, only a file of the same kind
 * is.
 */
final class OverwriteOption {
  @Option(
      names = "--force",
      description = "replace output files that already exist (only files of the same kind)")
  boolean force;

  /** The overwrite guard for this command's output files. */
  Outputs outputs() {
    return new Outputs(force);
  }
}
