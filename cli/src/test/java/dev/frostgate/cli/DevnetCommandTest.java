package dev.frostgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code devnet up --once}: 3 validator processes run the DKG and sign a confirmed spend. */
class DevnetCommandTest {
  /** {@code devnet up --once} of 3 validators (2-of-3) in {@code dir}, with more options. */
  static Cli.Run upOnce(Path dir, String... more) {
    List<String> args = new ArrayList<>(List.of("devnet", "up", "--validators", "3"));
    args.addAll(List.of("--threshold", "2", "--once", "--dir", dir.toString()));
    args.addAll(List.of(more));
    return Cli.ok(args.toArray(String[]::new));
  }

  @Test
  void upOnceRunsTheScenarioAndLeavesNothingBehind(@TempDir Path dir) throws Exception {
    Cli.Run r = upOnce(dir);
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
