package dev.frostgate.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElementsConformanceTest {
  @Test
  void theInvalidElementIsRejected() {
    ConformanceReport report =
        Conformance.run(VectorsTest.shared("frost-secp256k1-elements.json"), Optional.empty());
    assertThat(report.checks()).singleElement().matches(Check::passed);
    assertThat(report.allPassed()).isTrue();
  }

  @Test
  void anAcceptedInvalidElementFailsAndAValidOneRoundTrips(@TempDir Path dir) throws Exception {
    String g = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
    Path f = dir.resolve("e.json");
    Files.writeString(
        f, "{\"elements\": {\"invalid_element\": \"" + g + "\", \"generator\": \"" + g + "\"}}");
    ConformanceReport report = Conformance.run(f, Optional.empty());
    assertThat(report.failures()).isEqualTo(1);
    assertThat(report.checks().get(0).passed()).isFalse();
    assertThat(report.checks().get(1).passed()).isTrue();
  }
}
