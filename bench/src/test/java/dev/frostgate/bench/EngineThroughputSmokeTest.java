package dev.frostgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick mode of the load driver (no timing assertions: it must sign every request). */
class EngineThroughputSmokeTest {
  @TempDir Path dir;

  @Test
  void quickRunSignsEveryRequest() throws Exception {
    int requests = Integer.getInteger("engineThroughput.requests", 50);
    EngineThroughput.Report r =
        EngineThroughput.run(new EngineThroughput.Options(requests, 15, 10, dir, true));
    System.out.print(r.text());
    assertThat(r.signed()).isEqualTo(requests);
    assertThat(r.totalSamples()).isPositive(); // the profiler ran
  }
}
