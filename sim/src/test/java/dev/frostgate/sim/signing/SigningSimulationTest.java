package dev.frostgate.sim.signing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.sim.GoldenSeedLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deterministic simulation over 500 seeds (460 of 5 validators t=3, 40 of 15 validators t=10),
 * every fault type enabled across them, each validator on its own SQLite state file (the production
 * journal, WAL with {@code synchronous=FULL}), crashed at every journal write point. A failure
 * prints the command that replays the seed.
 *
 * <p>The 500 seeds keep their state files on a RAM disk ({@code /dev/shm}) where the machine has
 * one: the same SQLite code and settings, the same fsync calls, which a RAM disk answers at once
 * (on a disk the seeds took about four times as long as with the in-memory journal before; see
 * docs/benchmarks.md). What a seed checks does not depend on where the file is: a simulated crash
 * is the process losing its memory, which the OS page cache survives either way; durability on a
 * real disk is {@code SigningJournalTest.rowSurvivesKilledProcess}'s. {@link #aSeedReplaysExactly}
 * and {@link #theStateFilesAreDeletedAfterTheRun} run on the disk.
 */
class SigningSimulationTest {
  private static final Path RAM_DISK = Path.of("/dev/shm");

  /** Where the 500 seeds keep their state: the RAM disk if writable, else the temp directory. */
  static Path fastStateRoot() {
    return Files.isDirectory(RAM_DISK) && Files.isWritable(RAM_DISK)
        ? RAM_DISK
        : Path.of(System.getProperty("java.io.tmpdir"));
  }

  private static void runRange(
      String golden,
      long from,
      long to,
      int n,
      int t,
      int requests,
      Set<SigningFault> seen,
      Set<String> crashPoints) {
    List<String> failures = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (long s = from; s < to; s++) {
      SigningSimulation.Result r = SigningSimulation.run(s, n, t, requests, fastStateRoot());
      seen.addAll(r.scenario().faults());
      crashPoints.addAll(r.journalCrashPoints().keySet());
      lines.add(r.line());
      if (!r.ok()) {
        failures.add(r.line());
      }
    }
    assertThat(failures).as("failing seeds (each line ends with its replay command)").isEmpty();
    GoldenSeedLines.check(golden, lines);
  }

  @Test
  void fiveValidatorsThreshold3() {
    Set<SigningFault> seen = EnumSet.noneOf(SigningFault.class);
    Set<String> crashPoints = new TreeSet<>();
    runRange("signing-5-3", 0, 460, 5, 3, 3, seen, crashPoints);
    assertThat(seen).containsExactlyInAnyOrder(SigningFault.values());
    // Crashes inside the transaction before its commit (rolled back) and after it, at both writes.
    assertThat(crashPoints)
        .containsExactlyInAnyOrder(
            "shares-before", "shares-after", "signed-before", "signed-after");
  }

  @Test
  void fifteenValidatorsThreshold10() {
    Set<SigningFault> seen = EnumSet.noneOf(SigningFault.class);
    runRange("signing-15-10", 10_000, 10_040, 15, 10, 2, seen, new TreeSet<>());
    assertThat(seen)
        .contains(SigningFault.PERMANENT_CRASH, SigningFault.LOSS, SigningFault.PARTITION);
  }

  /** Every run's state files live in their own directory under the state root, deleted after. */
  @Test
  void theStateFilesAreDeletedAfterTheRun(@TempDir Path root) throws IOException {
    assertThat(SigningSimulation.run(7, 5, 3, 2, root).ok()).isTrue();
    try (var left = Files.list(root)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aSeedReplaysExactly() {
    SigningSimulation.Result a = SigningSimulation.run(42, 5, 3, 3);
    SigningSimulation.Result b = SigningSimulation.run(42, 5, 3, 3);
    assertThat(a.steps()).isEqualTo(b.steps());
    assertThat(a.messages()).isEqualTo(b.messages());
    assertThat(a.simTime()).isEqualTo(b.simTime());
    assertThat(a.replayCommand())
        .isEqualTo("frostgate simulate --seeds 42..42 --validators 5 --threshold 3 --requests 3");
  }
}
