package dev.frostgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code devnet up --once}: 3 validator processes run the DKG and sign a confirmed spend. */
class DevnetCommandTest {
  @Test
  void upOnceRunsTheScenarioAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
    Cli.Run r =
        Cli.ok(
            "devnet",
            "up",
            "--validators",
            "3",
            "--threshold",
            "2",
            "--once",
            "--dir",
            dir.toString());
    assertThat(r.out())
        .contains(
            "validator 3", "DKG done      2-of-3", "signed        devnet-spend-1", "confirmed")
        .contains("devnet stopped");
    assertThat(dir.resolve(DevnetCommand.STATE)).doesNotExist();
    for (int i = 1; i <= 3; i++) {
      assertThat(Files.readString(dir.resolve("validator-" + i).resolve("node.log")))
          .contains("validator " + i + " stopped");
    }
    Cli.Run status = Cli.fails(2, "devnet", "status", "--dir", dir.toString());
    assertThat(status.err()).contains("no devnet here");
    assertThat(Cli.fails(2, "devnet", "down", "--dir", dir.toString()).err())
        .contains("no devnet here");
    // The directory keeps the validators' files: a second devnet needs another one.
    assertThat(Cli.fails(2, "devnet", "up", "--once", "--dir", dir.toString()).err())
        .contains("holds an earlier devnet");
  }
}
