package dev.frostgate.cli;

import dev.frostgate.cli.dev.DemoCommand;
import dev.frostgate.cli.dev.SimulateCommand;
import dev.frostgate.cli.dev.SpendDemoCommand;
import dev.frostgate.node.logging.LogFormat;
import dev.frostgate.node.logging.LogSettings;
import dev.frostgate.node.logging.LogSetup;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

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
      JournalCommand.class,
      NodeCommand.class,
      DevnetCommand.class,
      LoadCommand.class
    })
public final class Main {
  // Logging options are inherited, so they may stand before or after the subcommand.
  @Option(
      names = "--log-level",
      scope = ScopeType.INHERIT,
      defaultValue = "warn",
      paramLabel = "LEVEL",
      description = "lowest level logged: trace, debug, info, warn (default), error")
  String logLevel;

  @Option(
      names = "--log-format",
      scope = ScopeType.INHERIT,
      defaultValue = "text",
      paramLabel = "FORMAT",
      description = "text (default, one line per event) or json (one JSON object per line)")
  LogFormat logFormat;

  @Option(
      names = "--log-file",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "also append the log to FILE (it goes to stderr in any case)")
  Path logFile;

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
    Main main = new Main();
    CommandLine cli = new CommandLine(main);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler(new UsageErrors());
    cli.setExecutionStrategy(main::configureLoggingThenRun);
    return cli;
  }

  /** Logging is set up once the options are parsed and before the command runs. */
  private int configureLoggingThenRun(ParseResult parsed) {
    LogSettings settings;
    try {
      settings =
          new LogSettings(
              logLevel.toLowerCase(Locale.ROOT), logFormat, Optional.ofNullable(logFile));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          parsed.commandSpec().commandLine(), "--log-level: " + e.getMessage());
    }
    LogSetup.configure(settings);
    return new CommandLine.RunLast().execute(parsed);
  }
}
