package dev.frostgate.testkit.node.bitcoind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.RetryPolicy;
import dev.frostgate.node.bitcoin.rpc.RpcConnectionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegtestBitcoindTest {
  @TempDir Path tmp;

  Path script(String body) throws IOException {
    Path p = tmp.resolve("fake-bitcoind");
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  static Path dataDirIn(String message) {
    Matcher m = Pattern.compile("data directory (\\S+) ").matcher(message);
    assertThat(m.find()).as(message).isTrue();
    return Path.of(m.group(1));
  }

  @Test
  void aNodeThatExitsIsReportedWithItsOutputAndLeavesNothingBehind() throws IOException {
    Path fake = script("echo 'Error: libsqlite3.so.0: cannot open shared object file'; exit 127");
    assertThatThrownBy(() -> RegtestBitcoind.start(fake))
        .isInstanceOf(BitcoindException.class)
        .hasMessageContaining("exited with code 127 before answering RPC on port")
        .hasMessageContaining("libsqlite3.so.0")
        .satisfies(e -> assertThat(dataDirIn(e.getMessage())).doesNotExist());
  }

  @Test
  void aTakenPortIsRetriedThenReported() throws IOException {
    Path fake = script("echo 'Error: Unable to bind any endpoint for RPC server'; exit 1");
    assertThatThrownBy(() -> RegtestBitcoind.start(fake))
        .isInstanceOf(BitcoindException.class)
        .hasMessageContaining("Unable to bind");
  }

  @Test
  void realNodeAnswersThenStopsAndIsRemoved() {
    Path dir;
    BitcoinRpcClient rpc;
    try (RegtestBitcoind node = TestBitcoind.startOrSkip()) {
      dir = node.dataDir();
      rpc = BitcoinRpcClient.create(node.clientConfig().withRetry(RetryPolicy.none()));
      assertThat(rpc.getBlockchainInfo().chain()).isEqualTo("regtest");
      assertThat(node.url().getPort()).isEqualTo(node.rpcPort());
      assertThat(Files.exists(node.cookieFile())).isTrue();
    }
    assertThat(dir).doesNotExist();
    assertThatThrownBy(rpc::getBlockCount).isInstanceOf(RpcConnectionException.class);
    rpc.close();
  }
}
