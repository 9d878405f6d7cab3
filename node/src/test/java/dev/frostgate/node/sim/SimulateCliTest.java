package dev.frostgate.node.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.node.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCliTest {
  @Test
  void printsOneLinePerSeedAndExitsZero() {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    int code = cli.execute("simulate", "--seeds", "3..5", "--validators", "5", "--threshold", "3");
    assertThat(code).isZero();
    assertThat(out.toString().lines().filter(l -> l.startsWith("seed "))).hasSize(3);
    assertThat(out.toString()).contains("3 seed(s), 0 failed");
  }

  @Test
  void badSeedRangeIsBadInput() {
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(new StringWriter()));
    assertThat(cli.execute("simulate", "--seeds", "x..y")).isEqualTo(Main.EXIT_BAD_INPUT);
  }
}
