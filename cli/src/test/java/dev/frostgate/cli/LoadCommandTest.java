package dev.frostgate.cli;

import static dev.frostgate.cli.Cli.fails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code frostgate load}'s argument checks and its pure parts (percentiles, /proc parsing); the
 * load itself runs against real validator processes in {@code ChaosLoadTest}.
 */
class LoadCommandTest {
  @Test
  void badArgumentsExit2NamingTheOption(@TempDir Path dir) {
    String d = dir.toString();
    assertThat(fails(2, "load", "--devnet", d, "--requests", "0").err()).contains("--requests");
    assertThat(fails(2, "load", "--devnet", d, "--concurrency", "0").err())
        .contains("--concurrency");
    assertThat(fails(2, "load", "--devnet", d, "--rate", "-1").err()).contains("--rate");
    assertThat(fails(2, "load", "--devnet", d, "--timeout", "0").err()).contains("--timeout");
    assertThat(fails(2, "load", "--devnet", d).err()).contains("no devnet here");
    assertThat(fails(2, "load").err()).contains("--devnet");
  }

  @Test
  void percentilesUseTheNearestRank() {
    long[] v = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
    assertThat(LoadRun.percentile(v, 0.5)).isEqualTo(50);
    assertThat(LoadRun.percentile(v, 0.95)).isEqualTo(100);
    assertThat(LoadRun.percentile(v, 0.01)).isEqualTo(10);
    assertThat(LoadRun.percentile(new long[0], 0.99)).isZero();
  }

  @Test
  void procFilesAreParsedAndThisProcessHasUsage() {
    String stat = "4242 (java (x) y) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 30 0 100 1000 200";
    assertThat(ProcessUsage.cpuMillis(stat)).isEqualTo(3000);
    assertThat(ProcessUsage.peakRssKb("Name:\tjava\nVmHWM:\t  123456 kB\nVmRSS:\t1 kB\n"))
        .isEqualTo(123456);
    assertThatThrownBy(() -> ProcessUsage.peakRssKb("Name: x\n")).hasMessageContaining("VmHWM");
    ProcessUsage me = ProcessUsage.of(ProcessHandle.current().pid());
    assertThat(me.cpuMillis()).isPositive();
    assertThat(me.peakRssKb()).isPositive();
  }
}
