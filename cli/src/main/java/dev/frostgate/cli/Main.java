package dev.frostgate.cli;

import dev.frostgate.cli.dev.DemoCommand;
import dev.frostgate.cli.dev.SimulateCommand;
import dev.frostgate.cli.dev.SpendDemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code frostgate} command. Exit codes: 0 success, 1 a check failed (a signature or vector did
 * not verify), 2 bad input (usage, a missing or malformed file or field).
 */
@Command(
    name = "frostgate",
    mixinStandardHelpOptions = true,
    version = "frostgate 0.1.0",
    description = "Threshold-signing validator network for native Bitcoin (FROST over secp256k1).",
    subcommands = {
      DemoCommand.class,
      IdentityCommand.class,
      DkgCommand.class,
      SignCommand.class,
      RefreshCommand.class,
      RepairCommand.class,
      AddressCommand.class,
      DescriptorCommand.class,
      BackupCommand.class,
      ConformanceCommand.class,
      RegtestCommand.class,
      SpendDemoCommand.class,
      SimulateCommand.class,
      JournalCommand.class
    })
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line (tests capture its output streams). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler(new UsageErrors());
    return cli;
  }
}
