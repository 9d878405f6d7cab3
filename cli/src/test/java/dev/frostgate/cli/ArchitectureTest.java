package dev.frostgate.cli;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.Round1;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.Executors;

/**
 * The dependency rule of DESIGN.md (Layout) at the package level, over the production classes of
 * every module on cli's classpath (all but bench; test classes and the fixtures' test-jars are not
 * imported, references to them are still seen). The module-level half, which libraries a module may
 * depend on, is maven-enforcer's (parent pom). Each module's packages start with its name, and
 * every fixture's with {@code dev.frostgate.testkit}, so each rule names packages only.
 */
@AnalyzeClasses(
    packages = "dev.frostgate",
    importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {
  /**
   * Leaves out the fixtures' test-jars too. Under {@code mvn test} the reactor hands them over as
   * {@code target/test-classes} (which DoNotIncludeTests skips), under {@code mvn verify} as {@code
   * *-tests.jar} files: without this the rules would see different classes in each.
   */
  public static final class NoTestJars implements ImportOption {
    @Override
    public boolean includes(Location location) {
      return !location.contains("-tests.jar");
    }
  }

  private static final String[] PURE = {
    "dev.frostgate.crypto..",
    "dev.frostgate.bitcoin..",
    "dev.frostgate.stacks..",
    "dev.frostgate.engine.."
  };

  /** Arrows only point down: pure modules, then node, the tools, the test kit, the application. */
  @ArchTest
  static final ArchRule layers =
      layeredArchitecture()
          .consideringOnlyDependenciesInAnyPackage("dev.frostgate..")
          .layer("crypto")
          .definedBy("dev.frostgate.crypto..")
          .layer("bitcoin")
          .definedBy("dev.frostgate.bitcoin..")
          .layer("stacks")
          .definedBy("dev.frostgate.stacks..")
          .layer("engine")
          .definedBy("dev.frostgate.engine..")
          .layer("node")
          .definedBy("dev.frostgate.node..")
          .layer("regtest")
          .definedBy("dev.frostgate.regtest..")
          .layer("conformance")
          .definedBy("dev.frostgate.conformance..")
          .layer("sim")
          .definedBy("dev.frostgate.sim..")
          .layer("cli")
          .definedBy("dev.frostgate.cli..")
          // The fixtures are test classes, not imported (the layer is empty); their users are seen.
          .optionalLayer("testkit")
          .definedBy("dev.frostgate.testkit..")
          .whereLayer("cli")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("sim")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("testkit")
          .mayOnlyBeAccessedByLayers("sim", "cli")
          .whereLayer("conformance")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("regtest")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("node")
          .mayOnlyBeAccessedByLayers("sim", "cli")
          .whereLayer("engine")
          .mayOnlyBeAccessedByLayers("node", "sim", "cli", "testkit")
          .whereLayer("stacks")
          .mayOnlyBeAccessedByLayers("engine", "node", "sim", "cli", "testkit")
          .whereLayer("bitcoin")
          .mayOnlyBeAccessedByLayers("engine", "node", "regtest", "sim", "cli", "testkit")
          .whereLayer("crypto")
          .mayOnlyBeAccessedByLayers(
              "bitcoin",
              "stacks",
              "engine",
              "node",
              "regtest",
              "conformance",
              "sim",
              "cli",
              "testkit");

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("dev.frostgate.(**)").should().beFreeOfCycles();

  /**
   * Option (A) of the plan: the development commands (demo, spend-demo, simulate) run whole groups
   * in one process with the simulations and the test fixtures; no other cli package may.
   */
  @ArchTest
  static final ArchRule devToolsFenced =
      noClasses()
          .that()
          .resideInAPackage("dev.frostgate.cli..")
          .and()
          .resideOutsideOfPackage("dev.frostgate.cli.dev..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.frostgate.sim..", "dev.frostgate.testkit..");

  @ArchTest
  static final ArchRule pureModulesDoNoIo =
      noClasses()
          .that()
          .resideInAnyPackage(PURE)
          .should()
          .dependOnClassesThat(
              or(
                  resideInAnyPackage(
                      "java.sql..",
                      "javax.sql..",
                      "java.net..",
                      "javax.net..",
                      "java.nio.file..",
                      "java.nio.channels..",
                      "com.sun.net.httpserver..",
                      "java.util.logging..",
                      "java.rmi..",
                      "com.fasterxml.jackson..",
                      "org.slf4j..",
                      "io.grpc..",
                      "io.javalin..",
                      "org.sqlite..",
                      "picocli..",
                      "io.prometheus.."),
                  belongToAnyOf(
                      File.class,
                      FileInputStream.class,
                      FileOutputStream.class,
                      FileReader.class,
                      FileWriter.class,
                      RandomAccessFile.class,
                      ProcessBuilder.class,
                      Runtime.class,
                      Thread.class,
                      Executors.class)));

  /** Time and randomness reach the pure modules through ports and parameters only. */
  @ArchTest
  static final ArchRule pureModulesReadNoClockNorGlobalRandomness =
      noClasses()
          .that()
          .resideInAnyPackage(PURE)
          .should()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "nanoTime")
          .orShould()
          .callMethod(Instant.class, "now")
          .orShould()
          .callMethod(Clock.class, "systemUTC")
          .orShould()
          .callMethod(Clock.class, "systemDefaultZone")
          .orShould()
          .callMethod(InstantSource.class, "system")
          .orShould()
          .callConstructor(SecureRandom.class)
          .orShould()
          .callMethod(SecureRandom.class, "getInstanceStrong")
          .orShould()
          .accessField(System.class, "out")
          .orShould()
          .accessField(System.class, "err");

  /**
   * Nonces from given randomness and revealed nonces exist for test vectors only: a nonce derived
   * twice from the same randomness, or revealed, leaks the signing share. Production code commits
   * with fresh randomness ({@code Round1.commit}) or, for nonces kept on disk, through {@code
   * Round1.fromStoredRandomness} and the nonce ledger.
   */
  @ArchTest
  static final ArchRule vectorOnlyNonceEntryPoints =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.frostgate.conformance..", "dev.frostgate.crypto.frost")
          .should()
          .callMethod(
              Round1.class, "commitForTestVectors", KeyPackage.class, byte[].class, byte[].class)
          .orShould()
          .callMethod(Round1.class, "revealNonceForConformance", KeyPackage.class, byte[].class);

  /**
   * The Stacks side signs with plain secp256k1 (ECDSA), never with the FROST group's machinery nor
   * its Bitcoin key derivation (its hashes come from crypto.hash).
   */
  @ArchTest
  static final ArchRule stacksUsesSecp256k1OnlyNeverFrost =
      noClasses()
          .that()
          .resideInAPackage("dev.frostgate.stacks..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.frostgate.crypto.frost..",
              "dev.frostgate.crypto.seal..",
              "dev.frostgate.crypto.backup..",
              "dev.frostgate.crypto.codec..",
              "dev.frostgate.crypto.hd..");

  /** The state machines take decoded messages; only engine.wire knows bytes and protobuf. */
  @ArchTest
  static final ArchRule stateMachinesNeverSeeBytesOnTheWire =
      noClasses()
          .that()
          .resideInAPackage("dev.frostgate.engine..")
          .and()
          .resideOutsideOfPackage("dev.frostgate.engine.wire..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.frostgate.engine.wire..", "com.google.protobuf..");

  /**
   * The offline ceremony's files are a library for the commands, not a part of them: it reports its
   * own {@code CeremonyException} and the commands map it to an exit code.
   */
  @ArchTest
  static final ArchRule ceremonyFilesKnowNoCommand =
      noClasses()
          .that()
          .resideInAPackage("dev.frostgate.cli.ceremony..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.frostgate.cli", "dev.frostgate.cli.support..", "picocli..");

  /**
   * gRPC and its shaded Netty stay inside the peer transport: the runtime sends and receives opaque
   * frames through {@code PeerTransport}, so replacing the transport touches one package.
   */
  @ArchTest
  static final ArchRule onlyTheTransportUsesGrpc =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.frostgate.node.transport..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.grpc..");
}
