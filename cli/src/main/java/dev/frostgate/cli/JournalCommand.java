package dev.frostgate.cli;

import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.CheckFailedException;
import dev.frostgate.node.storage.JournalAudit;
import dev.frostgate.node.storage.JournalExport;
import dev.frostgate.node.storage.StateDatabase;
import dev.frostgate.node.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Moving a validator to new hardware: its signing journal and spend locks leave the old state
 * database as JSON (docs/journal-format.md) and are merged into the new one. Import never loses a
 * row or a lock and refuses another validator's file.
 */
@Command(
    name = "journal",
    mixinStandardHelpOptions = true,
    description =
        "Export, import or audit the signing journal and spend locks (docs/journal-format.md).",
    subcommands = {
      JournalCommand.Export.class,
      JournalCommand.Import.class,
      JournalCommand.Audit.class
    })
final class JournalCommand {

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "Write the journal and spend locks of a state database as JSON.")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--db", required = true, description = "the validator's state database")
    Path db;

    @Option(names = "--validator", required = true, description = "this validator's id")
    int validator;

    @Option(names = "--out", required = true, description = "JSON file to write (must not exist)")
    Path out;

    @Override
    public Integer call() {
      requireExisting(db);
      try (StateDatabase state = StateDatabase.open(db);
          OutputStream o = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW)) {
        JournalExport.exportTo(state, validator, o);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        throw new BadInputException(out + ": already exists; refusing to overwrite");
      } catch (IOException | StorageException e) {
        throw new BadInputException(out + ": " + e.getMessage());
      }
      spec.commandLine().getOut().printf("journal of validator %d written to %s%n", validator, out);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Merge an exported journal into a state database (idempotent, never loses rows).")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--db", required = true, description = "the validator's state database")
    Path db;

    @Option(names = "--validator", required = true, description = "this validator's id")
    int validator;

    @Option(names = "--in", required = true, description = "exported journal (JSON)")
    Path in;

    @Override
    public Integer call() {
      JournalExport.ImportResult r;
      try (StateDatabase state = StateDatabase.open(db);
          InputStream i = Files.newInputStream(in)) {
        r = JournalExport.importFrom(state, validator, i);
      } catch (NoSuchFileException e) {
        throw new BadInputException(in + ": no such file");
      } catch (IOException | StorageException e) {
        throw new BadInputException(in + ": " + e.getMessage());
      }
      spec.commandLine()
          .getOut()
          .printf(
              "imported into %s: %d journal rows added (%d already present), %d spend locks added"
                  + " (%d already present)%n",
              db,
              r.journalAdded(),
              r.journalAlreadyPresent(),
              r.locksAdded(),
              r.locksAlreadyPresent());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(
      name = "audit",
      mixinStandardHelpOptions = true,
      description =
          "Audit validators' state databases together (read-only): no nonce commitment used"
              + " twice, no outpoint spent for two requests. Exit 1 on a finding.")
  static final class Audit implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--db",
        required = true,
        arity = "1..*",
        description = "state databases (one per validator)")
    List<Path> dbs;

    @Override
    public Integer call() {
      JournalAudit.Report r;
      try {
        r = JournalAudit.audit(dbs);
      } catch (StorageException e) {
        throw new BadInputException(e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "audited %d databases: %d journal rows, %d locks of shared spends%n",
          r.databases(), r.journalRows(), r.signedLocks());
      r.violations().forEach(v -> out.println("VIOLATION " + v));
      out.flush();
      if (!r.clean()) {
        throw new CheckFailedException(r.violations().size() + " audit violation(s)");
      }
      out.println("audit clean");
      out.flush();
      return 0;
    }
  }

  private static void requireExisting(Path db) {
    if (!Files.exists(db)) {
      throw new BadInputException(db + ": no such state database");
    }
  }
}
