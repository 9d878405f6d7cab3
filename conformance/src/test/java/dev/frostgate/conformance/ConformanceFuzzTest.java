package dev.frostgate.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.frostgate.crypto.ec.CryptoException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of test-vector files as {@code frostgate conformance FILE} reads them
 * ({@link Conformance#run}): a file gives a report, or fails the way the command reports as bad
 * input ({@link VectorException}, {@link CryptoException}, {@link IllegalArgumentException}) but
 * never with a NumberFormatException, which quotes the text it could not read. Seeds: the shared
 * FROST vector files (signing and DKG, both ciphersuites, and element encodings).
 */
class ConformanceFuzzTest {
  private static final Path FILE = scratchFile();

  @FuzzTest
  void run(byte[] data) throws IOException {
    Files.write(FILE, data);
    try {
      assertThat(Conformance.run(FILE, Optional.empty()).checks()).isNotNull();
    } catch (NumberFormatException e) {
      throw e;
    } catch (VectorException | CryptoException | IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotNull();
    }
  }

  private static Path scratchFile() {
    try {
      Path dir = Files.createTempDirectory("frostgate-conformance-fuzz");
      dir.toFile().deleteOnExit();
      Path f = dir.resolve("vectors.json");
      f.toFile().deleteOnExit();
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
