package dev.frostgate.cli.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CeremonyFileTest {
  private static final String SHARE =
      "6f18f0c459e506a02994c1168f2610d5800b51053ba47d42e9e1c0fa0a036641";

  @Test
  void aTypeFieldIsQuotedOnlyWhenItIsAFileType(@TempDir Path dir) throws IOException {
    // Found by CeremonyFilesFuzzTest: the type field was quoted back whatever it held, a secret
    // share pasted into it too.
    Path f = dir.resolve("key.json");
    Files.writeString(f, "{\"type\": \"" + SHARE + "\", \"version\": 2}");
    assertThatThrownBy(() -> CeremonyFile.read(f, KeyFiles.PUBLIC_TYPE))
        .isInstanceOf(CeremonyException.class)
        .hasMessageContaining("field type: expected 'frostgate/public-key-package'")
        .hasMessageContaining("found a value that is no file type")
        .hasMessageNotContaining(SHARE);
    assertThat(CeremonyFile.typeOf(Files.readAllBytes(f))).isEmpty();

    Files.writeString(f, "{\"type\": \"frostgate/key-package\", \"version\": 2}");
    assertThatThrownBy(() -> CeremonyFile.read(f, KeyFiles.PUBLIC_TYPE))
        .hasMessageContaining("found 'frostgate/key-package'");
    assertThat(
            CeremonyFile.typeOf(
                "{\"type\": \"frostgate/key-package\"}".getBytes(StandardCharsets.UTF_8)))
        .contains("frostgate/key-package");
  }

  @Test
  void anUnknownCiphersuiteIsNotQuoted(@TempDir Path dir) throws IOException {
    // Found by CeremonyFilesFuzzTest: the ciphersuite field was quoted back whatever it held.
    Path f = dir.resolve("public.json");
    Files.writeString(
        f,
        "{\"type\": \"frostgate/public-key-package\", \"version\": 2, \"ciphersuite\": \""
            + SHARE
            + "\"}");
    assertThatThrownBy(() -> CeremonyFile.read(f, KeyFiles.PUBLIC_TYPE).ciphersuite())
        .isInstanceOf(CeremonyException.class)
        .hasMessageContaining("field ciphersuite: unknown ciphersuite; known: ")
        .hasMessageNotContaining(SHARE);
  }
}
