package dev.frostgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.cli.support.ExitCodes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpendDemoCommandTest {
  @TempDir Path dir;

  @Test
  void spendDemoOnTheEmbeddedNodePrintsEveryStepAndExitsZero() {
    Cli.Run r = Cli.run("spend-demo");
    assertThat(r.exit()).as(r.err() + r.out()).isZero();
    assertThat(r.out())
        .contains("Bitcoin node: embedded regtest node at http://127.0.0.1:")
        .contains("1. Bitcoin node")
        .contains("2. DKG: 10-of-15")
        .contains("3. Loan addresses and the watch-only descriptor wallet")
        .contains("4. Funding wallet")
        .contains("5. Fund three loan addresses")
        .contains("6. Detect the deposits")
        .contains("7. Build one transaction spending the three deposits")
        .contains("8. Sign with one FROST session among 10 of 15 participants")
        .contains("9. testmempoolaccept, broadcast, mine, confirm")
        .contains("10. Second spend at a low fee rate, then a fee bump by replacement")
        .contains("11. Reorg: invalidate the block holding the deposits")
        .contains("mempool: replacement present, original evicted")
        .contains("disconnected DEPOSIT")
        .contains("spend-demo: all steps passed");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void unreachableEndpointExitsNonZeroWithAConnectionMessage() {
    Cli.Run r =
        Cli.run(
            "spend-demo",
            "--rpc-url",
            "http://127.0.0.1:1",
            "--rpc-user",
            "a",
            "--rpc-password",
            "b");
    assertThat(r.exit()).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(r.err())
        .contains("step 1 (Bitcoin node) failed")
        .contains("connection refused")
        .contains("http://127.0.0.1:1")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
  }

  @Test
  void badOptionCombinationsExitWithCodeTwo() {
    Cli.Run noAuth = Cli.run("spend-demo", "--rpc-url", "http://127.0.0.1:18443");
    assertThat(noAuth.exit()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(noAuth.err()).contains("--rpc-cookie");
    Cli.Run authWithoutUrl = Cli.run("spend-demo", "--rpc-user", "a", "--rpc-password", "b");
    assertThat(authWithoutUrl.exit()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(authWithoutUrl.err()).contains("need --rpc-url");
    Cli.Run missingCookie =
        Cli.run(
            "spend-demo",
            "--rpc-url",
            "http://127.0.0.1:18443",
            "--rpc-cookie",
            dir.resolve("nope").toString());
    assertThat(missingCookie.exit()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(missingCookie.err()).contains("cannot read the cookie file");
    Cli.Run badThreshold = Cli.run("spend-demo", "--participants", "5", "--threshold", "6");
    assertThat(badThreshold.exit()).isEqualTo(ExitCodes.BAD_INPUT);
  }
}
