package dev.frostgate.cli;

import dev.frostgate.cli.ceremony.CertificateFiles;
import dev.frostgate.cli.ceremony.CertificateFiles.IdentityFile;
import dev.frostgate.cli.ceremony.SecretStore;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.node.config.ConfigException;
import dev.frostgate.node.config.ValidatorConfig;
import dev.frostgate.node.keystore.KeyStore;
import dev.frostgate.node.runtime.ByzantineMode;
import dev.frostgate.node.runtime.KeyStores;
import dev.frostgate.node.runtime.StartupException;
import dev.frostgate.node.runtime.ValidatorRuntime;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The validator process: {@code frostgate node run --config FILE}. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Run a validator.",
    subcommands = {
      NodeCommand.Run.class,
      NodeKeyCommands.ExportKey.class,
      NodeKeyCommands.ImportKey.class
    })
final class NodeCommand {
  static final String RUN_DESCRIPTION =
      "Run this validator until SIGTERM or Ctrl-C: the DKG with its peers over mutual TLS when no"
          + " group key is stored yet, then signing of the requests posted to its API. Bad"
          + " configuration, a missing or unreadable key, a wrong passphrase, a state database from"
          + " a newer version or a port in use exit with code 2 and say what and where.";

  @Command(name = "run", mixinStandardHelpOptions = true, description = NodeCommand.RUN_DESCRIPTION)
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "config.toml")
    Path config;

    @Option(
        names = "--byzantine",
        hidden = true,
        paramLabel = "MODE",
        description =
            "DEVNET/TESTING ONLY, refused unless the network is regtest: inject a fault into what"
                + " this validator sends (invalid-shares, equivocate, withhold, wrong-leader)")
    String byzantine;

    @Override
    public Integer call() throws InterruptedException {
      Map<String, String> env = System.getenv();
      ValidatorConfig c;
      try {
        c = ValidatorConfig.load(config, env);
      } catch (ConfigException e) {
        throw new BadInputException(e.getMessage());
      }
      Optional<ByzantineMode> mode = byzantineMode(byzantine);
      ValidatorRuntime runtime;
      try {
        KeyStore keys = KeyStores.open(c, env);
        runtime = ValidatorRuntime.start(c, identity(c, keys), keys, env, mode);
      } catch (StartupException e) {
        throw new BadInputException(e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "validator %d running: peers %s, API %s:%d, state %s%n",
          c.validator().id(),
          c.network().listen(),
          c.api().listen().host(),
          runtime.apiPort(),
          c.validator().stateFile());
      out.flush();
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    runtime.close();
                    stopped.countDown();
                  },
                  "validator-shutdown"));
      stopped.await();
      return 0;
    }

    /** The {@code --byzantine} option's mode, if given; a bad name is a usage error. */
    static Optional<ByzantineMode> byzantineMode(String name) {
      try {
        return Optional.ofNullable(name).map(ByzantineMode::parse);
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--byzantine: " + e.getMessage());
      }
    }

    /** The identity secret from the identity file, opened with the configured key store. */
    private static dev.frostgate.crypto.ec.SecretScalar identity(ValidatorConfig c, KeyStore keys) {
      Path file = c.validator().identityKey();
      if (!Files.isReadable(file)) {
        keys.close();
        throw new StartupException(
            "[validator] identity_key: "
                + file
                + (Files.exists(file) ? " is not readable" : " does not exist")
                + " (make it with frostgate identity new)");
      }
      try {
        SecretStore store = SecretStore.sealedBy(keys, "the configured key store");
        IdentityFile id = CertificateFiles.readIdentity(file, store);
        return id.key();
      } catch (RuntimeException e) {
        keys.close();
        throw new StartupException("[validator] identity_key: " + file + ": " + e.getMessage());
      }
    }
  }
}
