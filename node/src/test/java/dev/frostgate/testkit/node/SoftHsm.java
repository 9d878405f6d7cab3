package dev.frostgate.testkit.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.node.keystore.Pkcs11Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh SoftHSM2 token for tests.
 *
 * <p>SoftHSM2 reads {@code SOFTHSM2_CONF} from the process environment once, when the PKCS#11
 * module is first initialized in the JVM, and Java cannot change its own environment. So the node
 * module's surefire configuration sets {@code SOFTHSM2_CONF=target/softhsm2/softhsm2.conf}, and
 * {@link #create} writes that file, pointing at a fresh token directory, and initializes a token
 * there with {@code softhsm2-util} (run with the same variable) <em>before</em> any provider loads
 * the module. Every PKCS#11 test in a JVM must therefore use the one token made here; tests keep
 * apart by using their own key labels and key directories.
 *
 * <p>Tests are skipped (with a message) only when the SoftHSM2 library is not installed; {@code
 * .ci/run} installs it.
 */
public final class SoftHsm {
  static final List<Path> LIBRARY_CANDIDATES =
      List.of(
          Path.of("/usr/lib/softhsm/libsofthsm2.so"),
          Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
          Path.of("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
          Path.of("/usr/local/lib/softhsm/libsofthsm2.so"),
          Path.of("/usr/lib64/pkcs11/libsofthsm2.so"));

  public static final String USER_PIN = "246810";

  /** The environment variable that holds {@link #USER_PIN} in the test JVM (surefire sets it). */
  public static final String PIN_ENV = "FROSTGATE_TEST_HSM_PIN";

  static final String SO_PIN = "13579111";
  static final String TOKEN_LABEL = "frostgate-test";

  private static SoftHsm instance;

  public final Path library;
  final Path tokenDir;

  private SoftHsm(Path library, Path tokenDir) {
    this.library = library;
    this.tokenDir = tokenDir;
  }

  static Optional<Path> findLibrary() {
    return LIBRARY_CANDIDATES.stream().filter(Files::isRegularFile).findFirst();
  }

  /** The JVM's test token, created on first use; skips the calling test if SoftHSM2 is absent. */
  public static synchronized SoftHsm get() throws IOException, InterruptedException {
    if (instance != null) {
      return instance;
    }
    Optional<Path> library = findLibrary();
    Assumptions.assumeTrue(
        library.isPresent(),
        "SoftHSM2 is not installed (no libsofthsm2.so in "
            + LIBRARY_CANDIDATES
            + "): skipping the PKCS#11 tests. Install it with `apt-get install softhsm2`;"
            + " .ci/run does.");
    String conf = System.getenv("SOFTHSM2_CONF");
    assertThat(conf)
        .as(
            "SOFTHSM2_CONF must be set in the test JVM's environment before the PKCS#11 module"
                + " loads; the node module's surefire configuration sets it (run through Maven)")
        .isNotBlank();
    Path confFile = Path.of(conf);
    Files.createDirectories(confFile.getParent());
    Path tokenDir = Files.createTempDirectory(confFile.getParent(), "tokens-");
    Files.writeString(
        confFile,
        "directories.tokendir = "
            + tokenDir.toAbsolutePath()
            + "\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n",
        StandardCharsets.UTF_8);
    ProcessBuilder pb =
        new ProcessBuilder(
                "softhsm2-util",
                "--init-token",
                "--free",
                "--label",
                TOKEN_LABEL,
                "--pin",
                USER_PIN,
                "--so-pin",
                SO_PIN)
            .redirectErrorStream(true);
    pb.environment().put("SOFTHSM2_CONF", confFile.toAbsolutePath().toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("softhsm2-util --init-token: %s", out).isZero();
    instance = new SoftHsm(library.get(), tokenDir);
    return instance;
  }

  public Pkcs11Config config(String keyLabel, Path keyDirectory) {
    return new Pkcs11Config(library, 0, PIN_ENV, keyLabel, keyDirectory);
  }
}
