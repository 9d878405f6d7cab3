package dev.frostgate.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.frost.Ciphersuite;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ZF's repair-share vector: everything passes except the upstream sigma_sum erratum. */
class RepairConformanceTest {
  private static final Path FILE = VectorsTest.resource("frost-secp256k1/repair-share.json");

  @Test
  void onlyTheErroneousSigmaSumFailsAndANoteExplainsIt() {
    ConformanceReport report = Conformance.run(FILE, Optional.empty());

    assertThat(report.title()).contains("share repair");
    List<Check> failed = report.checks().stream().filter(c -> !c.passed()).toList();
    assertThat(failed).hasSize(1);
    Check sigma = failed.get(0);
    assertThat(sigma.name()).startsWith("part 3: sigma_sum");
    assertThat(sigma.expected())
        .isEqualTo("02e866d948e1c2c6aad2b1552976c013b208de05c3b68cb5282b1797efaca808");
    // Σ sigma_1..4 mod n, computed independently of Repair:
    BigInteger n =
        new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
    BigInteger sum =
        new BigInteger("ec3aa83140065181d75b746bfd6bbbbaf212bdfbb3a91670f924d1ca899cbc0c", 16)
            .add(
                new BigInteger(
                    "5dd288d659e0a2dd3ef7523a9cc4f80f4a7f919e9980005c7fbec0961d3fb500", 16))
            .add(
                new BigInteger(
                    "3e62e7461db9ca1ed2f1549a8114bbc87fa9242ce0012ed3f9ac9dcf23f4c30a", 16))
            .add(
                new BigInteger(
                    "684c44e7aba416a1982a8db8ec2a3095f5cc6a3f958a4716b69ae76524dd7200", 16))
            .mod(n);
    assertThat(sigma.actual()).isEqualTo(String.format("%064x", sum));

    List<Check> passed = report.checks().stream().filter(Check::passed).toList();
    assertThat(passed).hasSize(1);
    assertThat(passed.get(0).name()).startsWith("part 2: random_scalar_sum");

    assertThat(report.notes()).singleElement().asString().contains("ed25519").contains("sigma_sum");
    assertThat(report.allPassed()).isFalse();
  }

  @Test
  void theCiphersuiteDoesNotMatterForRepair() {
    for (Ciphersuite s : List.of(Ciphersuite.RFC9591, Ciphersuite.TAPROOT)) {
      assertThat(Conformance.run(FILE, Optional.of(s)).failures()).isEqualTo(1);
    }
  }

  @Test
  void aCorrectedSigmaSumPassesWithoutANote(@TempDir Path dir) throws Exception {
    String fixed =
        Files.readString(FILE)
            .replace(
                "02e866d948e1c2c6aad2b1552976c013b208de05c3b68cb5282b1797efaca808",
                Conformance.run(FILE, Optional.empty()).checks().get(1).actual());
    Path f = dir.resolve("fixed.json");
    Files.writeString(f, fixed);
    ConformanceReport report = Conformance.run(f, Optional.empty());
    assertThat(report.allPassed()).isTrue();
    assertThat(report.notes()).isEmpty();
  }

  @Test
  void aMissingFieldIsNamed(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("broken.json");
    Files.writeString(f, Files.readString(FILE).replace("\"random_scalar_sum\"", "\"other\""));
    assertThatThrownBy(() -> Conformance.run(f, Optional.empty()))
        .isInstanceOf(VectorException.class)
        .hasMessageContaining("broken.json")
        .hasMessageContaining("scalar_generation.random_scalar_sum");

    Path g = dir.resolve("nosigmas.json");
    Files.writeString(g, "{\"scalar_generation\": {}}");
    assertThatThrownBy(() -> Conformance.run(g, Optional.empty()))
        .isInstanceOf(VectorException.class)
        .hasMessageContaining("scalar_generation.random_scalar_1");
  }
}
