package dev.frostgate.node.bitcoin.rpc;

import dev.frostgate.regtest.EmbeddedRegtestNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The client contract against the embedded regtest node, started in-process. */
class EmbeddedNodeRpcContractTest extends RpcClientContract {
  @Override
  Server startServer() throws Exception {
    Path dir = Files.createTempDirectory("frostgate-embedded-");
    // Like a fresh bitcoind: no wallet loaded at start, no fee estimates, 0.1 sat/vB relay.
    EmbeddedRegtestNode node =
        EmbeddedRegtestNode.start(
            0, dir, new EmbeddedRegtestNode.Config(Optional.empty(), 2000, 100, ""));
    return new Server() {
      @Override
      public URI url() {
        return node.url();
      }

      @Override
      public Path cookieFile() {
        return node.cookieFile();
      }

      @Override
      public void close() {
        node.stop();
        TempDirs.deleteQuietly(dir);
      }
    };
  }
}
