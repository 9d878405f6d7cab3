package dev.frostgate.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.cli.Main;
import dev.frostgate.cli.support.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCliTest {
  private final String[] out = new String[1];

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    cli.setOut(new PrintWriter(o));
    cli.setErr(new PrintWriter(e));
    int code = cli.execute(args);
    out[0] = o + e.toString();
    return code;
  }

  @Test
  void printsOneLinePerSeedAndExitsZero() {
    int code = run("simulate", "--seeds", "3..5", "--validators", "5", "--threshold", "3");
    assertThat(code).isZero();
    assertThat(out[0].lines().filter(l -> l.startsWith("seed "))).hasSize(3);
    assertThat(out[0]).contains("3 seed(s), 0 failed");
  }

  @Test
  void dkgPrintsOneLinePerSeed() {
    int code = run("simulate", "--dkg", "--seeds", "1..6", "--validators", "5", "--threshold", "3");
    assertThat(code).as(out[0]).isZero();
    assertThat(out[0].lines().filter(l -> l.startsWith("dkg seed ") && l.contains(" OK (")))
        .hasSize(6);
    assertThat(out[0]).contains("6 seed(s), 0 failed");
  }

  @Test
  void keysFromDkgRunsTheDkgThenSigning() {
    int code =
        run(
            "simulate",
            "--keys-from-dkg",
            "--seeds",
            "1..3",
            "--validators",
            "5",
            "--threshold",
            "3",
            "--requests",
            "2");
    assertThat(code).as(out[0]).isZero();
    assertThat(out[0].lines().filter(l -> l.startsWith("dkg seed "))).hasSize(3);
    assertThat(out[0].lines().filter(l -> l.startsWith("  then seed "))).hasSize(3);
    assertThat(out[0]).contains("3 seed(s), 0 failed");
  }

  @Test
  void badSeedRangeIsBadInput() {
    assertThat(run("simulate", "--seeds", "x..y")).isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void theNetworkedDkgNeedsAMajorityThreshold() {
    assertThat(run("simulate", "--dkg", "--seeds", "1", "--validators", "6", "--threshold", "3"))
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(out[0]).contains("validators/2 < threshold");
    assertThat(run("simulate", "--dkg", "--keys-from-dkg", "--seeds", "1"))
        .isEqualTo(ExitCodes.BAD_INPUT);
  }
}
