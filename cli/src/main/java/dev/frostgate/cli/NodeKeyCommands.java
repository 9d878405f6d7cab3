package dev.frostgate.cli;

import dev.frostgate.cli.ceremony.KeyFiles;
import dev.frostgate.cli.ceremony.Outputs;
import dev.frostgate.cli.ceremony.SecretStore;
import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.CheckFailedException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.node.config.ConfigException;
import dev.frostgate.node.config.ValidatorConfig;
import dev.frostgate.node.keystore.KeyMetadata;
import dev.frostgate.node.keystore.KeyStore;
import dev.frostgate.node.keystore.KeyStoreException;
import dev.frostgate.node.runtime.KeyStores;
import dev.frostgate.node.runtime.StartupException;
import dev.frostgate.node.storage.GroupRecord;
import dev.frostgate.node.storage.StateDatabase;
import dev.frostgate.node.storage.StorageException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The bridge between a validator's key store and the ceremony files of repair, refresh and backup:
 * {@code node export-key} writes the validator's key package and the group's public key package as
 * ceremony files (for the helpers of a repair, or a refresh), {@code node import-key} puts a
 * rebuilt key package back into the key store of a stopped validator after checking it against the
 * group its state database records.
 */
final class NodeKeyCommands {
  private NodeKeyCommands() {}

  /** The validator's config, loaded with this process's environment. */
  static ValidatorConfig config(Path file) {
    try {
      return ValidatorConfig.load(file, System.getenv());
    } catch (ConfigException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  /** The group the validator's state database records. */
  static GroupRecord group(ValidatorConfig c) {
    try {
      return GroupRecord.read(c.validator().stateFile());
    } catch (StorageException e) {
      throw new BadInputException("[validator] data_dir: " + e.getMessage());
    }
  }

  /** The configured key store, with its secret from this process's environment. */
  static KeyStore keyStore(ValidatorConfig c, Map<String, String> env) {
    try {
      return KeyStores.open(c, env);
    } catch (StartupException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  @Command(
      name = "export-key",
      mixinStandardHelpOptions = true,
      description = {
        "Write this validator's group as ceremony files: the public key package (--public-out;"
            + " no secret needed, works while the validator runs) and, with --key-out, its key"
            + " package (opened with the configured key store, written sealed with"
            + " --passphrase-file/--pkcs11-...).",
        "For repair helpers and refresh participants; delete the exported key package after the"
            + " ceremony."
      })
  static final class ExportKey implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "config.toml")
    Path config;

    @Option(names = "--public-out", description = "public key package to write")
    Path publicOut;

    @Option(names = "--key-out", description = "key package to write (SECRET, sealed)")
    Path keyOut;

    @Mixin OverwriteOption overwrite;

    @Mixin SecretOptions secretOptions;

    @Override
    public Integer call() {
      if (publicOut == null && keyOut == null) {
        throw new BadInputException("give --public-out, --key-out or both");
      }
      ValidatorConfig c = config(config);
      GroupRecord g = group(c);
      byte[] chainCode = g.xpub().chainCode();
      Outputs outputs = overwrite.outputs();
      PrintWriter out = spec.commandLine().getOut();
      if (publicOut != null) {
        outputs.expect(publicOut, KeyFiles.PUBLIC_TYPE);
        KeyFiles.writePublic(
            outputs,
            publicOut,
            g.publicKeyPackage(),
            g.transcriptHash(),
            chainCode,
            c.validator().network(),
            g.epoch());
        out.printf(
            "public key package of the group %s (epoch %d) written to %s%n",
            g.publicKeyPackage().verifyingKey().toHex(), g.epoch(), publicOut);
      }
      if (keyOut != null) {
        outputs.expect(keyOut, KeyFiles.KEY_TYPE);
        int me = c.validator().id();
        Point groupKey = g.publicKeyPackage().verifyingKey();
        try (KeyStore keys = keyStore(c, System.getenv());
            SecretStore secrets = secretOptions.open(spec, true)) {
          KeyPackage raw;
          try {
            raw = keys.load(me, groupKey, g.publicKeyPackage().suite());
          } catch (KeyStoreException e) {
            throw new BadInputException("key store of validator " + me + ": " + e.getMessage());
          }
          try {
            KeyFiles.writeKey(
                outputs,
                keyOut,
                raw,
                g.publicKeyPackage().maxSigners(),
                g.transcriptHash(),
                chainCode,
                g.epoch(),
                secrets);
          } finally {
            raw.destroy();
          }
        }
        out.printf("key package of validator %d written to %s (SECRET, sealed)%n", me, keyOut);
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "import-key",
      mixinStandardHelpOptions = true,
      description = {
        "Put a key package (e.g. from repair part3) into this validator's key store. The"
            + " validator must be stopped. The key package must be this validator's share of the"
            + " group in its state database, at the same epoch, with the verifying share the"
            + " public key package records; otherwise nothing is written (exit 1).",
        "After a refresh, --public names the refreshed public key package: it must be the next"
            + " refresh of the recorded group (same group key, transcript, threshold and"
            + " participants, epoch one more), the key package must match its verifying share,"
            + " and the refreshed key replaces the old one. Otherwise an existing key file is"
            + " replaced only with --force."
      })
  static final class ImportKey implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "config.toml")
    Path config;

    @Option(names = "--key", required = true, description = "key package to import (sealed)")
    Path key;

    @Option(
        names = "--public",
        paramLabel = "FILE",
        description =
            "after a refresh: the refreshed public key package (refresh part2 --public-out); the"
                + " validator adopts the refresh (its key file is replaced, its state records the"
                + " new verifying shares)")
    Path publicFile;

    @Option(names = "--force", description = "replace the key file this validator already has")
    boolean force;

    @Mixin SecretOptions secretOptions;

    @Override
    public Integer call() {
      ValidatorConfig c = config(config);
      int me = c.validator().id();
      try (StateDatabase db = stoppedValidator(c.validator().stateFile());
          KeyStore keys = keyStore(c, System.getenv());
          SecretStore secrets = secretOptions.open(spec, false)) {
        GroupRecord recorded = group(c);
        Point groupKey = recorded.publicKeyPackage().verifyingKey();
        GroupRecord target = recorded;
        KeyFiles.PublicFile refreshed = null;
        if (publicFile != null) {
          refreshed = KeyFiles.readPublic(publicFile);
          Optional<String> problem =
              refreshProblem(
                  recorded, refreshed.raw(), refreshed.epoch(), refreshed.transcriptHash());
          if (problem.isPresent()) {
            throw new CheckFailedException(
                publicFile + ": " + problem.get() + "; nothing was imported");
          }
          target =
              new GroupRecord(
                  refreshed.epoch(), recorded.transcriptHash(), refreshed.raw(), recorded.xpub());
        } else if (keys.exists(me, groupKey) && !force) {
          throw new BadInputException(
              "validator "
                  + me
                  + " already has a key file for group "
                  + groupKey.toHex()
                  + " (pass --force to replace it)");
        }
        KeyFiles.KeyFile k = KeyFiles.readKey(key, secrets);
        try {
          Optional<String> problem = importProblem(k.raw(), k.epoch(), target, me);
          if (problem.isPresent()) {
            throw new CheckFailedException(key + ": " + problem.get() + "; nothing was imported");
          }
          // The key first: a crash before the row leaves a key that does not match the recorded
          // verifying shares, which the validator refuses at startup; importing again repairs it.
          keys.store(k.raw(), new KeyMetadata(me, Instant.now()));
        } finally {
          k.raw().destroy();
        }
        if (refreshed != null) {
          GroupRecord.recordRefresh(db, refreshed.epoch(), refreshed.raw());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "key package %s imported into validator %d's key store (group %s, epoch %d)%n",
            key, me, groupKey.toHex(), target.epoch());
        if (refreshed != null) {
          out.printf(
              "validator %d now signs with the verifying shares of %s (%s)%n",
              me, publicFile, KeyFiles.generation(refreshed.epoch()));
        }
        out.flush();
      }
      return 0;
    }
  }

  /**
   * Why a public key package is not the next refresh of the recorded group, if it is not: a refresh
   * keeps the group key, the DKG transcript, the threshold and the participants, and is numbered
   * one more than the recorded generation.
   */
  static Optional<String> refreshProblem(
      GroupRecord recorded, PublicKeyPackage refreshed, long epoch, Hash32 transcript) {
    PublicKeyPackage pkp = recorded.publicKeyPackage();
    if (!refreshed.verifyingKey().equals(pkp.verifyingKey())) {
      return Optional.of(
          "group key "
              + refreshed.verifyingKey().toHex()
              + " is not this validator's group "
              + pkp.verifyingKey().toHex());
    }
    if (epoch != recorded.epoch() + 1) {
      return Optional.of(
          "is from "
              + KeyFiles.generation(epoch)
              + ", but the next refresh of this validator's group is refresh "
              + (recorded.epoch() + 1));
    }
    if (!transcript.equals(recorded.transcriptHash())) {
      return Optional.of("transcript_hash is not the DKG transcript this validator recorded");
    }
    if (refreshed.minSigners() != pkp.minSigners()
        || !refreshed.verifyingShares().keySet().equals(pkp.verifyingShares().keySet())) {
      return Optional.of(
          "threshold or participants differ from the group's ("
              + pkp.minSigners()
              + " of "
              + pkp.verifyingShares().keySet()
              + "): a refresh keeps both");
    }
    return Optional.empty();
  }

  /**
   * Why a key package must not go into validator {@code me}'s key store, if it must not: it is not
   * this validator's share of the group its state records, at the recorded epoch (a key of another
   * participant, another group, another refresh generation, or whose verifying share or threshold
   * differs from the recorded public key package's, which no share of this group could sign with).
   */
  static Optional<String> importProblem(KeyPackage key, long keyEpoch, GroupRecord group, int me) {
    PublicKeyPackage pkp = group.publicKeyPackage();
    if (!key.identifier().equals(Identifier.of(me))) {
      return Optional.of(
          "is participant " + key.identifier() + "'s key package, not validator " + me + "'s");
    }
    if (!key.verifyingKey().equals(pkp.verifyingKey())) {
      return Optional.of(
          "group key "
              + key.verifyingKey().toHex()
              + " is not this validator's group "
              + pkp.verifyingKey().toHex());
    }
    if (keyEpoch != group.epoch()) {
      return Optional.of(
          "is from "
              + KeyFiles.generation(keyEpoch)
              + ", the validator's state is at "
              + KeyFiles.generation(group.epoch()));
    }
    Optional<Point> recorded = pkp.verifyingShare(key.identifier());
    if (recorded.isEmpty()) {
      return Optional.of("validator " + me + " is not in the group's public key package");
    }
    if (!key.verifyingShare().equals(recorded.get())) {
      return Optional.of(
          "verifying share "
              + key.verifyingShare().toHex()
              + " is not the one the group's public key package records for validator "
              + me
              + " ("
              + recorded.get().toHex()
              + ")");
    }
    if (key.minSigners() != pkp.minSigners()) {
      return Optional.of(
          "threshold " + key.minSigners() + " is not the group's " + pkp.minSigners());
    }
    return Optional.empty();
  }

  /**
   * The validator's state database, opened (and locked) by this process: a running validator holds
   * the lock, and its key store and state must not change under it.
   */
  private static StateDatabase stoppedValidator(Path stateFile) {
    try {
      return StateDatabase.open(stateFile);
    } catch (StorageException e) {
      throw new BadInputException(e.getMessage() + "; stop the validator before importing a key");
    }
  }
}
