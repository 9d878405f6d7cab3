package dev.frostgate.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of {@code config.toml} parsing ({@link ValidatorConfig#parse}): a file
 * either gives a configuration or a {@link ConfigException} listing its problems, never another
 * exception. No problem may quote a secret: neither the value (8 characters or more, found once in
 * the file) of a key that would hold one ({@code rpc_password}, {@code pin}, ...; the loader
 * refuses them) nor an environment variable's value. Seeds: the test's valid file,
 * docs/config.example.toml and variants with a file key store and with a password in the file.
 */
class ConfigLoaderFuzzTest {
  private static final Map<String, String> ENV =
      Map.of(
          "HSM_PIN", "env-secret-pin-4711",
          "RPC_PASSWORD", "env-secret-password-4711",
          "KEY_PASSPHRASE", "env-secret-passphrase-4711");

  /**
   * A value given to a key that would put a secret into the file, quoted or not: a line of its own
   * (also inside a multi-line string, which may swallow such a line). Text that merely contains
   * "password=" inside another key's value (a file name, say) is that key's value, which an error
   * about that key may quote (a CI run flagged a certificate path holding "_password=...").
   */
  private static final Pattern SECRET_VALUE =
      Pattern.compile(
          "(?m)^[ \\t]*(?:rpc_password|hsm_pin|pin|passphrase|password)\\s*=\\s*(?:\"([^\"\\n]{8,})\"|'([^'\\n]{8,})'|([^\\s\"'#]{8,}))");

  private static final Path BASE_DIR = baseDir();

  private static Path baseDir() {
    try {
      Path dir = Files.createTempDirectory("frostgate-config-fuzz");
      Files.writeString(dir.resolve("peer2.crt"), "-----BEGIN CERTIFICATE-----\n");
      dir.toFile().deleteOnExit();
      dir.resolve("peer2.crt").toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest
  void parse(byte[] data) {
    String toml = new String(data, StandardCharsets.UTF_8);
    try {
      assertThat(ValidatorConfig.parse(toml, "config.toml", BASE_DIR, ENV)).isNotNull();
    } catch (ConfigException e) {
      List<String> secrets = new ArrayList<>(ENV.values());
      Matcher m = SECRET_VALUE.matcher(toml);
      while (m.find()) {
        for (int g = 1; g <= 3; g++) {
          // A value that also stands elsewhere in the file may be quoted for that other place.
          if (m.group(g) != null && toml.indexOf(m.group(g)) == toml.lastIndexOf(m.group(g))) {
            secrets.add(m.group(g));
          }
        }
      }
      for (String problem : e.problems()) {
        for (String secret : secrets) {
          assertThat(problem).as("a problem of config.toml").doesNotContain(secret);
        }
      }
    }
  }
}
