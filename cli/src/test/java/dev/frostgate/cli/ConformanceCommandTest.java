package dev.frostgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConformanceCommandTest {
  static Path vectors() {
    return Path.of(System.getProperty("frostgate.vectors"));
  }

  /** Every FROST vector file in the shared directory. */
  static List<Path> frostFiles() throws Exception {
    try (Stream<Path> s = Files.list(vectors())) {
      List<Path> files =
          s.filter(
                  p -> {
                    String n = p.getFileName().toString();
                    return n.endsWith(".json")
                        && (n.startsWith("frost-") || n.startsWith("rfc9591"));
                  })
              .sorted()
              .toList();
      assertThat(files).hasSizeGreaterThanOrEqualTo(5);
      return files;
    }
  }

  private static final String PLAIN = "FROST-secp256k1-SHA256-v1";
  private static final String TAPROOT = "FROST-secp256k1-SHA256-TR-v1";

  /**
   * The ciphersuite each shared FROST file belongs to, written down here rather than inferred, so a
   * wrong inference fails; "" for files that do not depend on the ciphersuite. The Taproot files
   * (frost-secp256k1-tr v2.2.0 = v3.0.0) say "FROST(secp256k1, SHA-256)" in config.name by mistake.
   */
  private static final Map<String, String> SUITE_OF =
      Map.of(
          "rfc9591-frost-secp256k1-sha256.json", PLAIN,
          "frost-secp256k1-vectors.json", PLAIN,
          "frost-secp256k1-vectors-big-identifier.json", PLAIN,
          "frost-secp256k1-vectors_dkg.json", PLAIN,
          "frost-secp256k1-tr-vectors.json", TAPROOT,
          "frost-secp256k1-tr-vectors_dkg.json", TAPROOT,
          "frost-secp256k1-elements.json", "",
          "frost-secp256k1-repair-share.json", "");

  static void assertAllPass(Cli.Run r) {
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("pass  ").doesNotContain("FAIL");
    assertThat(r.out().strip()).endsWith(" passed, 0 failed");
  }

  /**
   * Each shared file passes under its own ciphersuite: the one the command picks by itself (and
   * prints, with the reason), the same one given with --ciphersuite, and not the other one.
   */
  @ParameterizedTest
  @MethodSource("frostFiles")
  void everySharedFrostVectorFilePasses(Path file) {
    String name = file.getFileName().toString();
    assertThat(SUITE_OF).as("the ciphersuite of a new shared file " + name).containsKey(name);
    String suite = SUITE_OF.get(name);

    Cli.Run inferred = Cli.run("conformance", file.toString());
    assertAllPass(inferred);
    if (suite.isEmpty()) {
      assertThat(inferred.out()).doesNotContain("ciphersuite  ");
      return;
    }
    assertThat(inferred.out().lines().skip(1).findFirst().orElse(""))
        .startsWith("ciphersuite  " + suite + ": ")
        .doesNotContain("--ciphersuite");
    if (suite.equals(TAPROOT)) {
      assertThat(inferred.out()).contains("is 64 bytes").contains("config.name says");
    }

    Cli.Run given = Cli.run("conformance", "--ciphersuite", suite, file.toString());
    assertAllPass(given);
    assertThat(given.out()).contains("ciphersuite  " + suite + ": given with --ciphersuite");

    String other = suite.equals(PLAIN) ? TAPROOT : PLAIN;
    Cli.Run wrong = Cli.run("conformance", "--ciphersuite", other, file.toString());
    assertThat(wrong.exit()).as(wrong.out()).isEqualTo(1);
    assertThat(wrong.out()).contains("FAIL  ");
  }

  /** The released Taproot DKG file: every proof verifies, stored values compared after post_dkg. */
  @Test
  void theReleasedTaprootDkgFileSaysItComparesAfterPostDkg() {
    Path f = vectors().resolve("frost-secp256k1-tr-vectors_dkg.json");
    Cli.Run r = Cli.run("conformance", f.toString());
    assertAllPass(r);
    assertThat(r.out())
        .contains("pass  participant 1 proof of knowledge verifies (φ₀ as published, odd y)")
        .contains("pass  participant 2 proof of knowledge verifies (φ₀ as published, odd y)")
        .contains("pass  participant 3 proof of knowledge verifies (φ₀ as published, even y)")
        .contains("pass  participant 1 signing share after post_dkg")
        .contains("pass  participant 1 group key after post_dkg")
        .contains("note  FROST-secp256k1-SHA256-TR-v1 vectors store signing_share")
        .contains("Frostgate keeps the untweaked P (034a48da");
  }

  @Test
  void theDeclaredCiphersuiteCanBeGivenExplicitly() {
    Path f = vectors().resolve("frost-secp256k1-vectors.json");
    Cli.Run r = Cli.run("conformance", "--ciphersuite", "FROST-secp256k1-SHA256-v1", f.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("pass  aggregate signature");
  }

  @Test
  void theWrongCiphersuiteFailsWithExitOne() {
    Path f = vectors().resolve("frost-secp256k1-vectors.json");
    Cli.Run r =
        Cli.run("conformance", "--ciphersuite", "FROST-secp256k1-SHA256-TR-v1", f.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("FAIL  ").contains("expected ").contains("actual   ");
    assertThat(r.out()).containsPattern("\\d+ passed, [1-9]\\d* failed");
    assertThat(r.err()).contains("checks failed");
  }

  @Test
  void anUnknownCiphersuiteIsExitTwo() {
    Path f = vectors().resolve("frost-secp256k1-vectors.json");
    Cli.Run r = Cli.run("conformance", "--ciphersuite", "FROST-ed25519-SHA512-v1", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--ciphersuite").contains("unknown ciphersuite");
  }

  @Test
  void anUnknownConfigNameIsExitTwoNamingFileAndField(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("ed.json");
    Files.writeString(
        f,
        Files.readString(vectors().resolve("frost-secp256k1-vectors.json"))
            .replace("FROST(secp256k1, SHA-256)", "FROST(Ed25519, SHA-512)"));
    Cli.Run r = Cli.run("conformance", f.toString());
    assertThat(r.exit()).as(r.out()).isEqualTo(2);
    assertThat(r.err()).contains(f.toString()).contains("config.name");
  }

  @Test
  void aMissingFieldIsExitTwoNamingFileAndField(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("broken.json");
    String original = Files.readString(vectors().resolve("frost-secp256k1-vectors.json"));
    assertThat(original).contains("\"message\"");
    Files.writeString(f, original.replace("\"message\"", "\"messages\""));
    Cli.Run r = Cli.run("conformance", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(f.toString()).contains("inputs.message");

    Cli.Run missing = Cli.run("conformance", dir.resolve("none.json").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("none.json: no such file");
    Path notJson = dir.resolve("x.json");
    Files.writeString(notJson, "{ not json");
    assertThat(Cli.run("conformance", notJson.toString()).exit()).isEqualTo(2);
  }

  @Test
  void theRepairVectorReportsTheUpstreamErratumAsOneFailureWithANote() throws Exception {
    Path f =
        Path.of(
            System.getProperty("user.dir"),
            "..",
            "conformance/src/test/resources/vectors/frost-secp256k1/repair-share.json");
    Cli.Run r = Cli.run("conformance", f.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("pass  part 2: random_scalar_sum")
        .contains("FAIL  part 3: sigma_sum")
        .contains("note  sigma_generation.sigma_sum is not the secp256k1 sum")
        .contains("1 passed, 1 failed");
  }
}
