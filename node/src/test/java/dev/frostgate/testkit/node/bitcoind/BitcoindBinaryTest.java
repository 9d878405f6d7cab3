package dev.frostgate.testkit.node.bitcoind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BitcoindBinaryTest {
  @TempDir Path tmp;

  /** tmp/repo (a reactor root with a module), tmp/shared/bitcoin-core/bin/bitcoind. */
  Path checkout() throws IOException {
    Path repo = Files.createDirectories(tmp.resolve("repo"));
    Files.writeString(repo.resolve("pom.xml"), "<project/>");
    Files.createDirectories(repo.resolve("bitcoin"));
    Files.writeString(repo.resolve("bitcoin/pom.xml"), "<project/>");
    return repo;
  }

  Path executable(Path p) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, "#!/bin/sh\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  static BitcoindBinary find(Map<String, String> props, Map<String, String> env, Path cwd) {
    return BitcoindBinary.find(props::get, env::get, cwd);
  }

  @Test
  void defaultIsSharedBesideTheRepositoryRootFromAModuleDirectory() throws IOException {
    Path repo = checkout();
    Path bitcoind = executable(tmp.resolve("shared/bitcoin-core/bin/bitcoind"));
    BitcoindBinary found = find(Map.of(), Map.of(), repo.resolve("bitcoin"));
    assertThat(found.binary()).contains(bitcoind);
    BitcoindBinary fromRoot = find(Map.of(), Map.of(), repo);
    assertThat(fromRoot.binary()).contains(bitcoind);
  }

  @Test
  void missingBinarySaysWhatIsMissingAndWhereItLooked() throws IOException {
    Path repo = checkout();
    BitcoindBinary found = find(Map.of(), Map.of(), repo.resolve("bitcoin"));
    assertThat(found.binary()).isEmpty();
    assertThat(found.required()).isFalse();
    assertThat(found.explanation())
        .contains("no bitcoind")
        .contains("system property frostgate.bitcoind: not set")
        .contains("environment variable FROSTGATE_BITCOIND: not set")
        .contains(tmp.resolve("shared/bitcoin-core/bin/bitcoind") + " (")
        .contains("repository root " + repo)
        .contains("does not exist");
    assertThatThrownBy(() -> found.orSkip(Skip::new))
        .isInstanceOf(Skip.class)
        .hasMessage(found.explanation());
  }

  @Test
  void anExplicitPathIsTheOnlyOneTried() throws IOException {
    Path repo = checkout();
    executable(tmp.resolve("shared/bitcoin-core/bin/bitcoind"));
    Path mine = executable(tmp.resolve("elsewhere/bitcoind"));
    assertThat(find(Map.of("frostgate.bitcoind", mine.toString()), Map.of(), repo).binary())
        .contains(mine);
    assertThat(find(Map.of(), Map.of("FROSTGATE_BITCOIND", mine.toString()), repo).binary())
        .contains(mine);
    // the property wins over the environment
    Path other = executable(tmp.resolve("other/bitcoind"));
    assertThat(
            find(
                    Map.of("frostgate.bitcoind", other.toString()),
                    Map.of("FROSTGATE_BITCOIND", mine.toString()),
                    repo)
                .binary())
        .contains(other);
    // a wrong setting is reported, not replaced by the default that exists
    BitcoindBinary wrong =
        find(Map.of(), Map.of("FROSTGATE_BITCOIND", tmp.resolve("nope").toString()), repo);
    assertThat(wrong.binary()).isEmpty();
    assertThat(wrong.explanation())
        .contains(
            tmp.resolve("nope") + " (environment variable FROSTGATE_BITCOIND): does not exist");
    Path notExecutable = Files.writeString(tmp.resolve("plain"), "x");
    assertThat(
            find(Map.of("frostgate.bitcoind", notExecutable.toString()), Map.of(), repo)
                .explanation())
        .contains("not an executable file");
  }

  @Test
  void requiredTurnsASkipIntoAFailure() throws IOException {
    Path repo = checkout();
    BitcoindBinary byEnv = find(Map.of(), Map.of("FROSTGATE_REQUIRE_BITCOIND", "1"), repo);
    BitcoindBinary byProperty = find(Map.of("frostgate.bitcoind.required", "true"), Map.of(), repo);
    for (BitcoindBinary b : new BitcoindBinary[] {byEnv, byProperty}) {
      assertThat(b.required()).isTrue();
      assertThatThrownBy(() -> b.orSkip(Skip::new))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no bitcoind")
          .hasMessageContaining("requires one");
    }
    assertThat(find(Map.of(), Map.of("FROSTGATE_REQUIRE_BITCOIND", "0"), repo).required())
        .isFalse();
  }

  @Test
  void aDirectoryWithoutPomIsItsOwnRoot() {
    assertThat(BitcoindBinary.repositoryRoot(tmp)).isEqualTo(tmp);
  }

  static final class Skip extends RuntimeException {
    Skip(String message) {
      super(message);
    }
  }
}
