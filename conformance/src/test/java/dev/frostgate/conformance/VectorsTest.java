package dev.frostgate.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.frost.Ciphersuite;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every official FROST vector file passes every step. */
class VectorsTest {

  static Path shared(String name) {
    String dir = System.getProperty("frostgate.vectors", "../../shared/vectors");
    Path p = Path.of(dir, name);
    assertThat(p).as("shared vector file (../shared/vectors)").exists();
    return p;
  }

  static Path resource(String name) {
    try {
      return Path.of(VectorsTest.class.getResource("/vectors/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  static Path locate(String where, String name) {
    return where.equals("shared") ? shared(name) : resource(name);
  }

  @ParameterizedTest(name = "{1} as {2}")
  @CsvSource({
    "shared, rfc9591-frost-secp256k1-sha256.json, FROST-secp256k1-SHA256-v1",
    "shared, frost-secp256k1-vectors.json, FROST-secp256k1-SHA256-v1",
    "shared, frost-secp256k1-vectors-big-identifier.json, FROST-secp256k1-SHA256-v1",
    "resource, frost-secp256k1-tr/vectors.json, FROST-secp256k1-SHA256-TR-v1",
    "resource, frost-secp256k1-tr/vectors-big-identifier.json, FROST-secp256k1-SHA256-TR-v1",
    "shared, frost-secp256k1-vectors_dkg.json, FROST-secp256k1-SHA256-v1",
    "resource, frost-secp256k1-tr/vectors_dkg.json, FROST-secp256k1-SHA256-TR-v1",
  })
  void vectorFilePasses(String where, String name, String suite) {
    ConformanceReport report =
        Conformance.run(locate(where, name), Optional.of(Ciphersuite.byName(suite)));
    String failures =
        report.checks().stream()
            .filter(c -> !c.passed())
            .map(Object::toString)
            .collect(Collectors.joining("\n"));
    assertThat(failures).as(report.title()).isEmpty();
    assertThat(report.checks()).hasSizeGreaterThan(10);
  }

  @ParameterizedTest
  @CsvSource({"frost-secp256k1-vectors.json", "rfc9591-frost-secp256k1-sha256.json"})
  void aWrongCiphersuiteFailsTheChecks(String name) throws Exception {
    // The Taproot ciphersuite on a plain vector must not pass: the checks are not vacuous.
    ConformanceReport report = Conformance.run(shared(name), Optional.of(Ciphersuite.TAPROOT));
    assertThat(report.allPassed()).isFalse();
    assertThat(Files.exists(shared(name))).isTrue();
  }
}
