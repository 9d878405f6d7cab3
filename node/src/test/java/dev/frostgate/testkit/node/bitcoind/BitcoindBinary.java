package dev.frostgate.testkit.node.bitcoind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Where the {@code bitcoind} for tests and throwaway regtest nodes is, and where it was looked for.
 *
 * <p>Order: the system property {@value #PROPERTY}, else the environment variable {@value #ENV},
 * else {@value #DEFAULT_RELATIVE} relative to the repository root (the outermost directory of the
 * Maven reactor that holds the working directory; the build's {@code ../shared} sits beside it). A
 * path given explicitly is the only one tried, so a wrong setting is reported instead of silently
 * replaced by the default.
 *
 * <p>{@value #REQUIRED_PROPERTY}{@code =true} or {@value #REQUIRED_ENV}{@code =1} (CI sets it) turn
 * a missing binary from a reason to skip into a failure: CI must run the bitcoind tests.
 *
 * @param binary the executable, if found
 * @param lookedAt every place tried, each with what was found there, in order
 * @param required whether a missing binary must fail the caller rather than skip
 */
public record BitcoindBinary(Optional<Path> binary, List<String> lookedAt, boolean required) {
  public static final String PROPERTY = "frostgate.bitcoind";
  public static final String ENV = "FROSTGATE_BITCOIND";
  public static final String REQUIRED_PROPERTY = "frostgate.bitcoind.required";
  public static final String REQUIRED_ENV = "FROSTGATE_REQUIRE_BITCOIND";
  public static final String DEFAULT_RELATIVE = "../shared/bitcoin-core/bin/bitcoind";

  public BitcoindBinary {
    lookedAt = List.copyOf(lookedAt);
  }

  /** Looks with this JVM's system properties, environment and working directory. */
  public static BitcoindBinary find() {
    return find(System::getProperty, System::getenv, Path.of("").toAbsolutePath());
  }

  /**
   * The decision, from the given property and environment lookups (null for unset) and working
   * directory. Checks the file system only for whether candidates are executable files.
   */
  public static BitcoindBinary find(
      UnaryOperator<String> properties, UnaryOperator<String> environment, Path workingDir) {
    boolean required =
        "true".equalsIgnoreCase(blankToNull(properties.apply(REQUIRED_PROPERTY)))
            || "1".equals(blankToNull(environment.apply(REQUIRED_ENV)));
    List<String> looked = new ArrayList<>();
    String property = blankToNull(properties.apply(PROPERTY));
    String env = blankToNull(environment.apply(ENV));
    Path candidate;
    String source;
    if (property != null) {
      candidate = workingDir.resolve(property).normalize();
      source = "system property " + PROPERTY;
    } else if (env != null) {
      candidate = workingDir.resolve(env).normalize();
      source = "environment variable " + ENV;
      looked.add("system property " + PROPERTY + ": not set");
    } else {
      looked.add("system property " + PROPERTY + ": not set");
      looked.add("environment variable " + ENV + ": not set");
      Path root = repositoryRoot(workingDir);
      candidate = root.resolve(DEFAULT_RELATIVE).normalize();
      source = DEFAULT_RELATIVE + " from the repository root " + root;
    }
    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
      looked.add(candidate + " (" + source + "): found");
      return new BitcoindBinary(Optional.of(candidate), looked, required);
    }
    String what = Files.exists(candidate) ? "not an executable file" : "does not exist";
    looked.add(candidate + " (" + source + "): " + what);
    return new BitcoindBinary(Optional.empty(), looked, required);
  }

  /**
   * The outermost ancestor of {@code dir} (itself included) in an unbroken chain of directories
   * holding a {@code pom.xml}: the reactor root when {@code dir} is the root or a module. A
   * directory without a {@code pom.xml} is its own root.
   */
  static Path repositoryRoot(Path dir) {
    Path root = dir.toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("pom.xml"))) {
      return root;
    }
    Path parent = root.getParent();
    while (parent != null && Files.isRegularFile(parent.resolve("pom.xml"))) {
      root = parent;
      parent = root.getParent();
    }
    return root;
  }

  /**
   * The binary for a test: found, else the exception {@code skip} makes of {@link #explanation()}
   * (JUnit's {@code TestAbortedException::new} skips the test), or, when {@link #required()}, an
   * {@link IllegalStateException} that fails it.
   */
  public Path orSkip(Function<String, ? extends RuntimeException> skip) {
    if (binary.isPresent()) {
      return binary.get();
    }
    if (required) {
      throw new IllegalStateException(explanation());
    }
    throw skip.apply(explanation());
  }

  /**
   * Why tests that need bitcoind should be skipped: {@link #explanation()} when none was found and
   * none is {@link #required()}; empty when they should run (and, if required but missing, fail).
   */
  public Optional<String> skipReason() {
    return binary.isEmpty() && !required ? Optional.of(explanation()) : Optional.empty();
  }

  /** What is missing and where it was looked for; for a skip or failure message. */
  public String explanation() {
    if (binary.isPresent()) {
      return "bitcoind found at " + binary.get();
    }
    return "no bitcoind: looked at "
        + String.join("; ", lookedAt)
        + ". Set -D"
        + PROPERTY
        + "=PATH or "
        + ENV
        + "=PATH to a Bitcoin Core bitcoind (28 or later)"
        + (required ? " (" + REQUIRED_ENV + "/" + REQUIRED_PROPERTY + " requires one)" : "");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
