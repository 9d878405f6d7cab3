package dev.frostgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void demoRunsDkgDerivesAddressesAndVerifiesTheThresholdSignature() {
    Run r =
        run(
            "demo",
            "--participants",
            "5",
            "--threshold",
            "3",
            "--loans",
            "2",
            "--network",
            "mainnet");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("3-of-5")
        .contains("certificate           signed by all 5 participants, verified")
        .contains("loan 0      bc1p")
        .contains("loan 1      bc1p")
        .contains("BIP340 verify (libsecp256k1): valid");
  }

  @Test
  void badArgumentsExitWithCodeTwoAndAClearMessage() {
    Run r = run("demo", "--participants", "5", "--threshold", "6");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("threshold must be between 1 and 5");
    Run net = run("demo", "--network", "moonnet");
    assertThat(net.exit()).isEqualTo(2);
    assertThat(net.err()).contains("moonnet");
  }
}
