package dev.frostgate.conformance;

import static dev.frostgate.conformance.VectorsTest.shared;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.crypto.frost.Ciphersuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which ciphersuite a vector file runs under when {@code --ciphersuite} is not given: upstream's
 * Taproot files carry the plain {@code config.name}, so the encodings and the file name decide.
 */
class CiphersuiteChoiceTest {

  static CiphersuiteChoice choice(Path file, Optional<Ciphersuite> override) {
    return Conformance.run(file, override).ciphersuite().orElseThrow();
  }

  static Path copy(String sharedName, Path dir, String newName) throws Exception {
    return Files.copy(shared(sharedName), dir.resolve(newName));
  }

  @Test
  void theReleasedTaprootFilesAreTaprootDespiteTheirPlainConfigName() throws Exception {
    for (String name :
        new String[] {"frost-secp256k1-tr-vectors.json", "frost-secp256k1-tr-vectors_dkg.json"}) {
      assertThat(Files.readString(shared(name))).contains("\"FROST(secp256k1, SHA-256)\"");
      CiphersuiteChoice c = choice(shared(name), Optional.empty());
      assertThat(c.suite()).as(name).isEqualTo(Ciphersuite.TAPROOT);
      assertThat(c.reason())
          .contains("is 64 bytes")
          .contains("the file name '" + name + "' has the token 'tr'")
          .contains("config.name says 'FROST(secp256k1, SHA-256)'");
    }
  }

  @Test
  void theEncodingAloneSelectsTaproot(@TempDir Path dir) throws Exception {
    Path signing = copy("frost-secp256k1-tr-vectors.json", dir, "signing.json");
    assertThat(choice(signing, Optional.empty()))
        .satisfies(c -> assertThat(c.suite()).isEqualTo(Ciphersuite.TAPROOT))
        .satisfies(c -> assertThat(c.reason()).startsWith("the final signature is 64 bytes"));
    Path dkg = copy("frost-secp256k1-tr-vectors_dkg.json", dir, "dkg.json");
    assertThat(choice(dkg, Optional.empty()).reason())
        .startsWith("participant 1's proof of knowledge is 64 bytes");
  }

  @Test
  void thePlainFilesAreRfc9591() {
    for (String name :
        new String[] {
          "frost-secp256k1-vectors.json",
          "frost-secp256k1-vectors_dkg.json",
          "rfc9591-frost-secp256k1-sha256.json"
        }) {
      CiphersuiteChoice c = choice(shared(name), Optional.empty());
      assertThat(c.suite()).as(name).isEqualTo(Ciphersuite.RFC9591);
      assertThat(c.reason()).contains("is 65 bytes").contains("does not say Taproot");
    }
  }

  @Test
  void aTaprootNameOnRfc9591EncodingsIsRefusedNotGuessed(@TempDir Path dir) throws Exception {
    Path f = copy("frost-secp256k1-vectors.json", dir, "frost-secp256k1-tr-vectors.json");
    assertThatThrownBy(() -> Conformance.run(f, Optional.empty()))
        .isInstanceOf(VectorException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("final_output.sig")
        .hasMessageContaining("65 bytes")
        .hasMessageContaining("pass --ciphersuite");
    // The explicit choice settles it.
    assertThat(choice(f, Optional.of(Ciphersuite.RFC9591)).reason())
        .isEqualTo("given with --ciphersuite");
  }

  @Test
  void theTaprootContextStringAsConfigNameIsTaproot(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("named.json");
    Files.writeString(
        f,
        Files.readString(shared("frost-secp256k1-tr-vectors.json"))
            .replace("\"FROST(secp256k1, SHA-256)\"", "\"FROST-secp256k1-SHA256-TR-v1\""));
    CiphersuiteChoice c = choice(f, Optional.empty());
    assertThat(c.suite()).isEqualTo(Ciphersuite.TAPROOT);
    assertThat(c.reason()).isEqualTo("config.name is 'FROST-secp256k1-SHA256-TR-v1'");
  }

  @Test
  void anExplicitCiphersuiteWins() {
    CiphersuiteChoice c =
        choice(shared("frost-secp256k1-tr-vectors.json"), Optional.of(Ciphersuite.RFC9591));
    assertThat(c.suite()).isEqualTo(Ciphersuite.RFC9591);
    assertThat(c.reason()).isEqualTo("given with --ciphersuite");
  }
}
