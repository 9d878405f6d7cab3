package dev.frostgate.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.frostgate.crypto.frost.Ciphersuite;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
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

  /**
   * The Taproot files are those of the released crate (frost-secp256k1-tr v2.2.0 = v3.0.0), read
   * from the shared directory: the only copy in the build.
   */
  @ParameterizedTest(name = "{0} as {1}")
  @CsvSource({
    "rfc9591-frost-secp256k1-sha256.json, FROST-secp256k1-SHA256-v1",
    "frost-secp256k1-vectors.json, FROST-secp256k1-SHA256-v1",
    "frost-secp256k1-vectors-big-identifier.json, FROST-secp256k1-SHA256-v1",
    "frost-secp256k1-tr-vectors.json, FROST-secp256k1-SHA256-TR-v1",
    "frost-secp256k1-vectors_dkg.json, FROST-secp256k1-SHA256-v1",
    "frost-secp256k1-tr-vectors_dkg.json, FROST-secp256k1-SHA256-TR-v1",
  })
  void vectorFilePasses(String name, String suite) {
    Ciphersuite expected = Ciphersuite.byName(suite);
    for (Optional<Ciphersuite> override :
        List.of(Optional.of(expected), Optional.<Ciphersuite>empty())) {
      ConformanceReport report = Conformance.run(shared(name), override);
      String failures =
          report.checks().stream()
              .filter(c -> !c.passed())
              .map(Object::toString)
              .collect(Collectors.joining("\n"));
      assertThat(failures).as(report.title()).isEmpty();
      assertThat(report.checks()).hasSizeGreaterThan(10);
      // Without --ciphersuite the file decides, despite the Taproot files' wrong config.name.
      assertThat(report.ciphersuite().orElseThrow().suite()).isEqualTo(expected);
    }
  }

  @Test
  void theReleasedTaprootDkgFileIsComparedAfterTheCratesPostDkgTweak() {
    ConformanceReport report =
        Conformance.run(shared("frost-secp256k1-tr-vectors_dkg.json"), Optional.empty());
    assertThat(report.allPassed()).as(report.checks().toString()).isTrue();
    // The stored values are the post_dkg ones; the untweaked key (odd y) is what Frostgate keeps.
    assertThat(report.checks())
        .extracting(Check::name)
        .contains(
            "participant 1 proof of knowledge verifies (φ₀ as published, odd y)",
            "participant 2 proof of knowledge verifies (φ₀ as published, odd y)",
            "participant 3 proof of knowledge verifies (φ₀ as published, even y)",
            "participant 1 untweaked group key P = Σ φ_j0 (the xpub's key)",
            "participant 1 signing share after post_dkg",
            "participant 1 group key after post_dkg");
    assertThat(report.checks())
        .filteredOn(
            c -> c.name().equals("participant 1 untweaked group key P = Σ φ_j0 (the xpub's key)"))
        .singleElement()
        .extracting(Check::actual)
        .isEqualTo("034a48daffc43b47b42695611942c481aecffb9137686ad0b3e0ab8e1f1dab0293");
    assertThat(report.notes())
        .singleElement()
        .asString()
        .contains("post_dkg")
        .contains("odd y: the negation is exercised");
  }

  /**
   * ZF's pre-release Taproot DKG file (commit 11f43eb1): its proofs for participants 1 and 2, whose
   * φ₀ has odd y, prove knowledge of −φ₀, a rule the released crate dropped. They must fail.
   */
  @Test
  void thePreReleaseTaprootDkgFileIsRejected() {
    ConformanceReport report =
        Conformance.run(
            resource("frost-secp256k1-tr/vectors_dkg-prerelease-11f43eb1.json"), Optional.empty());
    assertThat(report.ciphersuite().orElseThrow().suite()).isEqualTo(Ciphersuite.TAPROOT);
    assertThat(report.checks())
        .filteredOn(c -> c.name().contains("proof of knowledge verifies"))
        .extracting(Check::name, Check::passed)
        .containsExactly(
            tuple("participant 1 proof of knowledge verifies (φ₀ as published, odd y)", false),
            tuple("participant 2 proof of knowledge verifies (φ₀ as published, odd y)", false),
            tuple("participant 3 proof of knowledge verifies (φ₀ as published, even y)", true));
    assertThat(report.checks())
        .filteredOn(c -> !c.passed() && c.name().endsWith("part 2"))
        .singleElement()
        .extracting(Check::actual)
        .asString()
        .contains("invalid proof of knowledge from participant(s) [2]");
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
