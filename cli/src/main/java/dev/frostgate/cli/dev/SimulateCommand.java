package dev.frostgate.cli.dev;

import dev.frostgate.cli.support.BadInputException;
import dev.frostgate.cli.support.ExitCodes;
import dev.frostgate.sim.Pipeline;
import dev.frostgate.sim.core.SeedLegend;
import dev.frostgate.sim.dkg.DkgSimulation;
import dev.frostgate.sim.signing.SigningSimulation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code frostgate simulate --seeds FROM..TO}: the deterministic simulation, one line per seed; of
 * threshold signing (default), of the networked DKG ({@code --dkg}), or of both in a row, signing
 * with the group the DKG produced ({@code --keys-from-dkg}). A legend of the line's fields comes
 * first ({@link SeedLegend}); {@code --explain} prints every legend and runs nothing.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description =
        "Deterministic simulation of the validator group under faults (loss, duplication, delay,"
            + " partitions, crashes, Byzantine validators); checks the safety and liveness"
            + " invariants and exits 1 on any violation. Signing by default; --dkg simulates the"
            + " networked DKG (crashes and restarts from disk, partitions, Byzantine dealers);"
            + " --keys-from-dkg runs the DKG, then signing with its keys.")
public final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--seeds",
      paramLabel = "FROM..TO",
      description =
          "Seeds to run, inclusive (e.g. 0..99, or a single seed 17); required unless"
              + " --explain.")
  String seeds;

  @Option(
      names = "--explain",
      description =
          "Explain every field of a seed line (signing, DKG, --keys-from-dkg) and run nothing.")
  boolean explain;

  @Option(names = "--validators", defaultValue = "5", description = "n (default ${DEFAULT-VALUE})")
  int validators;

  @Option(names = "--threshold", defaultValue = "3", description = "t (default ${DEFAULT-VALUE})")
  int threshold;

  @Option(
      names = "--requests",
      defaultValue = "3",
      description = "Requests per seed (default ${DEFAULT-VALUE})")
  int requests;

  @Option(
      names = "--dkg",
      description = "Simulate the networked DKG instead of signing (needs threshold > n/2).")
  boolean dkg;

  @Option(
      names = "--keys-from-dkg",
      description =
          "Take the signing group from a networked DKG run of the same seed (needs threshold >"
              + " n/2).")
  boolean keysFromDkg;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Where each seed's validators keep their SQLite state files (a directory per seed,"
              + " deleted after it; default: the system temporary directory). The files are real"
              + " WAL databases with synchronous=FULL: on a RAM disk such as /dev/shm the fsyncs"
              + " cost nothing, on a disk they dominate the run time.")
  Path stateDir;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (explain) {
      SeedLegend.all().forEach(out::println);
      return 0;
    }
    if (seeds == null) {
      throw new BadInputException("--seeds FROM..TO is required (or --explain)");
    }
    if (stateDir != null) {
      System.setProperty(SigningSimulation.STATE_ROOT, stateDir.toAbsolutePath().toString());
    }
    long from;
    long to;
    try {
      int dots = seeds.indexOf("..");
      if (dots < 0) {
        from = Long.parseLong(seeds.trim());
        to = from;
      } else {
        from = Long.parseLong(seeds.substring(0, dots).trim());
        to = Long.parseLong(seeds.substring(dots + 2).trim());
      }
    } catch (NumberFormatException e) {
      throw new BadInputException("--seeds must be FROM..TO, got '" + seeds + "'");
    }
    if (to < from) {
      throw new BadInputException("--seeds: TO is below FROM");
    }
    if (threshold < 1 || threshold > validators || validators > 100) {
      throw new BadInputException("need 1 <= threshold <= validators <= 100");
    }
    if (requests < 1 || requests > 1000) {
      throw new BadInputException("--requests must be 1..1000");
    }
    if (dkg && keysFromDkg) {
      throw new BadInputException("--dkg and --keys-from-dkg exclude each other");
    }
    if ((dkg || keysFromDkg) && (threshold * 2 <= validators || threshold < 2)) {
      // Timeout exclusion needs n − t + 1 votes with at least one honest (see DkgSession).
      throw new BadInputException(
          "the networked DKG needs validators/2 < threshold, got "
              + threshold
              + " of "
              + validators);
    }
    List<String> legend =
        dkg ? SeedLegend.dkg() : keysFromDkg ? SeedLegend.pipeline() : SeedLegend.signing();
    legend.forEach(out::println);
    int failed = 0;
    for (long s = from; s <= to; s++) {
      boolean ok;
      if (dkg) {
        DkgSimulation.Result r = DkgSimulation.run(s, validators, threshold);
        out.println(r.line());
        ok = r.ok();
      } else if (keysFromDkg) {
        Pipeline.Result r = Pipeline.run(s, validators, threshold, requests);
        out.println(r.lines());
        ok = r.ok();
      } else {
        SigningSimulation.Result r = SigningSimulation.run(s, validators, threshold, requests);
        out.println(r.line());
        ok = r.ok();
      }
      out.flush();
      if (!ok) {
        failed++;
      }
    }
    out.println(
        (to - from + 1) + " seed(s), " + failed + " failed" + (failed == 0 ? "" : ": see above"));
    return failed == 0 ? 0 : ExitCodes.CHECK_FAILED;
  }
}
