package dev.frostgate.cli;

import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.CheckFailedException;
import dev.frostgate.conformance.Check;
import dev.frostgate.conformance.Conformance;
import dev.frostgate.conformance.ConformanceReport;
import dev.frostgate.conformance.VectorException;
import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.frost.Ciphersuite;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs a test-vector file in the Zcash Foundation JSON layout and prints every check. */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description = {
      "Run a FROST test-vector file (Zcash Foundation JSON layout: signing, DKG, share repair or"
          + " element encodings) step by step: print the ciphersuite used and why, every check as"
          + " 'pass  <name>' or 'FAIL  <name>' with expected and actual values, notes, then 'N"
          + " passed, M failed'.",
      "Exit 0 if all pass, 1 on a mismatch, 2 if the file cannot be read."
    })
final class ConformanceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--ciphersuite",
      paramLabel = "NAME",
      description =
          "context string FROST-secp256k1-SHA256-v1 or FROST-secp256k1-SHA256-TR-v1. Without it"
              + " the file decides: config.name, except that the ZF Taproot files carry the plain"
              + " name by mistake, so a 64-byte final signature or proof of knowledge, or a 'tr'"
              + " token in the file name (frost-secp256k1-tr-vectors.json), selects the Taproot"
              + " ciphersuite; the output says which was used and why")
  String ciphersuite;

  @Parameters(index = "0", paramLabel = "FILE", description = "the vector file")
  Path file;

  @Override
  public Integer call() {
    Optional<Ciphersuite> suite = Optional.empty();
    if (ciphersuite != null) {
      try {
        suite = Optional.of(Ciphersuite.byName(ciphersuite.strip()));
      } catch (CryptoException e) {
        throw new BadInputException("--ciphersuite: " + e.getMessage());
      }
    }
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(file + ": no such file");
    }
    ConformanceReport report;
    try {
      report = Conformance.run(file, suite);
    } catch (VectorException e) {
      throw new BadInputException(e.getMessage());
    } catch (CryptoException | IllegalArgumentException e) {
      throw new BadInputException(file + ": unusable value: " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(report.title());
    report
        .ciphersuite()
        .ifPresent(c -> out.println("ciphersuite  " + c.suite() + ": " + c.reason()));
    for (Check c : report.checks()) {
      out.println(c);
    }
    for (String note : report.notes()) {
      out.println("note  " + note);
    }
    long failed = report.failures();
    long passed = report.checks().size() - failed;
    out.printf("%d passed, %d failed%n", passed, failed);
    out.flush();
    if (report.checks().isEmpty()) {
      throw new CheckFailedException(file + ": no checks ran");
    }
    if (failed > 0) {
      throw new CheckFailedException(
          file + ": " + failed + " of " + report.checks().size() + " checks failed");
    }
    return 0;
  }
}
