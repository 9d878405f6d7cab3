package dev.frostgate.regtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping the embedded node as a user meets it: cookies, ports, the stop RPC. */
class EmbeddedRegtestNodeLifecycleTest {
  @TempDir Path dir;

  @Test
  void stopRpcRepliesLikeCoreThenShutsDown() throws Exception {
    // The reply used to race the shutdown; repeat so that a lost reply shows.
    for (int i = 0; i < 20; i++) {
      Path data = dir.resolve("n" + i);
      EmbeddedRegtestNode node = EmbeddedRegtestNode.start(0, data);
      RpcTestClient rpc = new RpcTestClient(node.url(), node.cookieFile());
      RpcTestClient.Response r = rpc.raw("/", "stop");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().get("result").asText()).isEqualTo("Bitcoin Core stopping");
      node.awaitStop();
      assertThat(Files.exists(node.cookieFile())).as("cookie deleted at shutdown").isFalse();
    }
  }

  @Test
  void aSecondNodeOnTheSameDataDirFailsAndLeavesTheRunningNodesCookie() throws Exception {
    try (EmbeddedRegtestNode running = EmbeddedRegtestNode.start(0, dir)) {
      String cookie = Files.readString(running.cookieFile());
      // same port and same directory (the user ran `frostgate regtest` twice)
      assertThatThrownBy(() -> EmbeddedRegtestNode.start(running.port(), dir))
          .isInstanceOfSatisfying(
              RegtestStartException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(RegtestStartException.Reason.DATA_DIR_LOCKED);
                assertThat(e.getMessage())
                    .contains(dir.resolve("regtest").toString())
                    .contains("already running");
              });
      // another port, same directory
      assertThatThrownBy(() -> EmbeddedRegtestNode.start(0, dir))
          .isInstanceOf(RegtestStartException.class);
      assertThat(Files.readString(running.cookieFile())).isEqualTo(cookie);
      RpcTestClient rpc = new RpcTestClient(running.url(), running.cookieFile());
      assertThat(rpc.raw("/", "getblockcount").status()).isEqualTo(200);
    }
  }

  @Test
  void aTakenPortIsNamedAndNoCookieIsLeft() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Path other = dir.resolve("other");
      assertThatThrownBy(() -> EmbeddedRegtestNode.start(port, other))
          .isInstanceOfSatisfying(
              RegtestStartException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(RegtestStartException.Reason.PORT_IN_USE);
                assertThat(e.getMessage()).contains("127.0.0.1:" + port).contains("port " + port);
              });
      assertThat(other.resolve("regtest/.cookie")).doesNotExist();
      // the directory is not left locked either
      EmbeddedRegtestNode.start(0, other).stop();
    }
  }

  @Test
  void aStaleCookieOfAKilledNodeIsReplacedAtStart() throws Exception {
    Path cookie = Files.createDirectories(dir.resolve("regtest")).resolve(".cookie");
    Files.writeString(cookie, "__cookie__:stale");
    try (EmbeddedRegtestNode node = EmbeddedRegtestNode.start(0, dir)) {
      assertThat(Files.readString(cookie))
          .startsWith("__cookie__:")
          .isNotEqualTo("__cookie__:stale");
      assertThat(Files.getPosixFilePermissions(cookie))
          .containsExactlyInAnyOrder(
              java.nio.file.attribute.PosixFilePermission.OWNER_READ,
              java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
      assertThat(new RpcTestClient(node.url(), cookie).raw("/", "getblockcount").status())
          .isEqualTo(200);
    }
    assertThat(cookie).doesNotExist();
  }

  @Test
  void theDefaultDataDirIsTheUsersDataDirectoryNotTheWorkingDirectory() {
    Path home = Path.of("/home/alice");
    assertThat(EmbeddedRegtestNode.defaultDataDir(k -> null, "Linux", home))
        .isEqualTo(Path.of("/home/alice/.local/share/frostgate/regtest-node"));
    assertThat(
            EmbeddedRegtestNode.defaultDataDir(
                Map.of("XDG_DATA_HOME", "/data")::get, "Linux", home))
        .isEqualTo(Path.of("/data/frostgate/regtest-node"));
    // a relative XDG_DATA_HOME is invalid (XDG base directory spec): ignored
    assertThat(
            EmbeddedRegtestNode.defaultDataDir(Map.of("XDG_DATA_HOME", "rel")::get, "Linux", home))
        .isEqualTo(Path.of("/home/alice/.local/share/frostgate/regtest-node"));
    assertThat(EmbeddedRegtestNode.defaultDataDir(k -> null, "Mac OS X", home))
        .isEqualTo(Path.of("/home/alice/Library/Application Support/frostgate/regtest-node"));
    assertThat(EmbeddedRegtestNode.defaultDataDir()).isAbsolute();
    assertThat(EmbeddedRegtestNode.defaultDataDir().startsWith(Path.of("").toAbsolutePath()))
        .isFalse();
  }
}
