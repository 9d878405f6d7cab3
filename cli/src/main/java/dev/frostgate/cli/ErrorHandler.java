package dev.frostgate.cli;

import dev.frostgate.cli.ceremony.CeremonyException;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.CheckFailedException;
import dev.frostgate.cli.support.ExitCodes;
import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.node.keystore.KeyStoreException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one clear line on stderr and an exit code: bad input (a file or field that
 * cannot be used) is 2, a failed check is 1. Messages never contain secrets: the exceptions the
 * crypto core throws are written that way.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    if (ex instanceof BadInputException
        || ex instanceof CryptoException
        || ex instanceof KeyStoreException) {
      cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
      return ExitCodes.BAD_INPUT;
    }
    if (ex instanceof CeremonyException ce) {
      cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
      return ce.kind() == CeremonyException.Kind.BAD_INPUT
          ? ExitCodes.BAD_INPUT
          : ExitCodes.CHECK_FAILED;
    }
    if (ex instanceof CheckFailedException) {
      cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
      return ExitCodes.CHECK_FAILED;
    }
    cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": internal error: " + ex);
    return ExitCodes.CHECK_FAILED;
  }
}
