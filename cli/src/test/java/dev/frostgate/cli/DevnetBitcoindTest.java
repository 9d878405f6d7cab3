package dev.frostgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.testkit.node.bitcoind.BitcoindBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * {@code devnet up --once --bitcoind PATH}: the scenario on a real Bitcoin Core (skipped without a
 * bitcoind unless FROSTGATE_REQUIRE_BITCOIND=1), its data directory in the devnet directory, and
 * the node stopped when the devnet ends.
 */
class DevnetBitcoindTest {
  @Test
  void upOnceRunsTheScenarioOnBitcoinCoreAndStopsIt(@TempDir Path dir) throws Exception {
    Path bitcoind = BitcoindBinary.find().orSkip(TestAbortedException::new);
    Cli.Run r = DevnetCommandTest.upOnce(dir, "--bitcoind", bitcoind.toString());
    assertThat(r.out())
        .contains("bitcoind      pid", "DKG done      2-of-3", "signed        devnet-spend-1")
        .contains("confirmed", "devnet stopped")
        .doesNotContain("regtest node");
    Matcher pid = Pattern.compile("bitcoind +pid (\\d+),").matcher(r.out());
    assertThat(pid.find()).isTrue();
    assertThat(ProcessHandle.of(Long.parseLong(pid.group(1))).map(ProcessHandle::isAlive))
        .as("bitcoind stopped with the devnet")
        .isNotEqualTo(java.util.Optional.of(true));
    assertThat(dir.resolve("bitcoind").resolve("regtest").resolve("blocks")).isDirectory();
    assertThat(Files.readString(dir.resolve("bitcoind").resolve("regtest").resolve("debug.log")))
        .contains("Shutdown done");
    assertThat(dir.resolve("regtest")).as("no embedded node").doesNotExist();
  }

  @Test
  void aBitcoindPathThatIsNotAnExecutableIsRefusedNamingTheOption(@TempDir Path dir) {
    Path missing = dir.resolve("no-such-bitcoind");
    assertThat(
            Cli.fails(
                    2,
                    "devnet",
                    "up",
                    "--once",
                    "--bitcoind",
                    missing.toString(),
                    "--dir",
                    dir.resolve("net").toString())
                .err())
        .contains("--bitcoind " + missing, "not an executable file");
  }
}
