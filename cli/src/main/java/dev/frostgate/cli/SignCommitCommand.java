package dev.frostgate.cli;

import dev.frostgate.cli.ceremony.KeyFiles;
import dev.frostgate.cli.ceremony.Outputs;
import dev.frostgate.cli.ceremony.SecretStore;
import dev.frostgate.cli.ceremony.SigningFiles;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.crypto.frost.SigningCommitments;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code frostgate sign commit}: round 1 of offline signing. */
@Command(
    name = "commit",
    mixinStandardHelpOptions = true,
    description = "Round 1: fresh single-use nonces (secret) and their public commitment.")
final class SignCommitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--key", required = true, description = "key package")
  Path key;

  @Option(names = "--nonces-out", required = true, description = "nonces (secret, single use)")
  Path noncesOut;

  @Option(names = "--commitment-out", required = true, description = "commitment (public)")
  Path commitmentOut;

  @Option(
      names = "--count",
      defaultValue = "1",
      description =
          "nonce pairs to commit: one per message (a transaction: one per input; default"
              + " ${DEFAULT-VALUE})")
  int count;

  @Mixin OverwriteOption overwrite;

  @Mixin SecretOptions secretOptions;

  @Override
  public Integer call() {
    if (count < 1 || count > SigningFiles.MAX_MESSAGES) {
      throw new BadInputException("--count must be 1.." + SigningFiles.MAX_MESSAGES);
    }
    Outputs outputs =
        overwrite
            .outputs()
            .reading(key)
            .expect(noncesOut, SigningFiles.NONCES)
            .expect(commitmentOut, SigningFiles.COMMITMENT);
    try (SecretStore secrets = secretOptions.open(spec, false)) {
      return commit(outputs, secrets);
    }
  }

  private int commit(Outputs outputs, SecretStore secrets) {
    KeyFiles.KeyFile k = KeyFiles.readKey(key, secrets);
    try {
      List<SigningCommitments> c =
          SigningFiles.commit(
              outputs, k, count, noncesOut, commitmentOut, new SecureRandom(), secrets);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "participant %s committed (%d nonce pair%s)%n",
          c.get(0).identifier(), c.size(), c.size() == 1 ? "" : "s");
      out.printf("nonces      %s (SECRET, single use, keep on this machine)%n", noncesOut);
      out.printf("commitment  %s (give to the coordinator)%n", commitmentOut);
      out.flush();
    } finally {
      k.raw().destroy();
    }
    return 0;
  }
}
