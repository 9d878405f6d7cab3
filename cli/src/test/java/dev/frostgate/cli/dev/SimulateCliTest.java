package dev.frostgate.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.cli.Main;
import dev.frostgate.cli.support.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
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

  /** A reader without the code learns from the legend what each field of a seed line means. */
  @Test
  void explainNamesEveryFieldOfASeedLine() {
    assertThat(run("simulate", "--explain")).isZero();
    assertThat(out[0].lines()).allMatch(l -> l.startsWith("# "));
    assertThat(out[0])
        .contains(
            "signed a/b",
            "requests drawn",
            "crashes=c",
            "(journal j",
            "CRASH_AT_JOURNAL_WRITE",
            "t_sim=T",
            "simulated time in milliseconds",
            "completed x/y",
            "participants=p",
            "impaired=[ids]",
            "partition=[ids]@a..b",
            "forged=",
            "blames=",
            "delivery=",
            "excluded=",
            "round2-delayed=",
            "then seed");
    assertThat(out[0]).doesNotContain("seed(s)");
  }

  @Test
  void theLegendComesOnceBeforeTheSeedLines() {
    assertThat(run("simulate", "--seeds", "3..4")).isZero();
    List<String> lines = out[0].lines().toList();
    int firstSeed =
        lines.indexOf(lines.stream().filter(l -> l.startsWith("seed ")).findFirst().get());
    assertThat(lines.subList(0, firstSeed)).isNotEmpty().allMatch(l -> l.startsWith("# "));
    assertThat(lines.subList(firstSeed, lines.size())).noneMatch(l -> l.startsWith("# "));
    assertThat(lines.subList(0, firstSeed)).anyMatch(l -> l.contains("signed a/b"));
  }

  @Test
  void seedsAreRequiredWithoutExplain() {
    assertThat(run("simulate")).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(out[0]).contains("--seeds");
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
