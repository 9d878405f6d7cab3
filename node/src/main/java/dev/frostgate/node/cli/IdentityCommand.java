package dev.frostgate.node.cli;

import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.node.ceremony.CertificateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Validator identity keys (BIP340): they sign the DKG certificate and, later, every message. */
@Command(
    name = "identity",
    mixinStandardHelpOptions = true,
    description = "Validator identity keys.",
    subcommands = {IdentityCommand.New.class})
final class IdentityCommand {

  @Command(
      name = "new",
      mixinStandardHelpOptions = true,
      description = "Generate an identity key (secret file, mode 0600) and print its public key.")
  static final class New implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, description = "identity key file (mode 0600)")
    Path out;

    @Override
    public Integer call() {
      if (Files.exists(out)) {
        throw new BadInputException(
            out + ": already exists; refusing to overwrite an identity key");
      }
      SecretScalar key = SecretScalar.random(new SecureRandom());
      try {
        CertificateFiles.writeIdentity(out, key);
        spec.commandLine()
            .getOut()
            .printf(
                "identity public key %s%n",
                dev.frostgate.node.ceremony.CeremonyFile.hex(key.publicPoint().xOnly()));
        spec.commandLine().getOut().flush();
      } finally {
        key.destroy();
      }
      return 0;
    }
  }
}
