package dev.frostgate.cli;

import picocli.CommandLine.Command;

/** Offline FROST signing: commit, build the package, sign, aggregate, one command each. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = "Offline FROST signing, one round per command.",
    subcommands = {
      SignCommitCommand.class,
      SignPackageCommand.class,
      SignShareCommand.class,
      SignAggregateCommand.class
    })
final class SignCommand {
  private SignCommand() {}
}
