package dev.frostgate.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.cli.Devnet;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.RpcAuth;
import dev.frostgate.node.bitcoin.rpc.RpcClientConfig;
import dev.frostgate.regtest.EmbeddedRegtestNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three validators (2-of-3), each its own OS process with its own config, keys, database and log
 * file, on loopback: they run the DKG over the network, sign a spend of a funded deposit address,
 * broadcast it and see it confirmed; then one is killed with SIGKILL and restarted and a second
 * request still completes. Every wait is bounded; no process is left behind.
 */
class NodeProcessesTest {
  static final String PASSPHRASE = "test passphrase for node processes";
  static final String TOKEN = "test-api-token-0123456789abcdef";
  private static final Duration LONG = Duration.ofMinutes(2);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void threeValidatorProcessesRunTheDkgSignBroadcastAndSurviveAKill() throws Exception {
    try (EmbeddedRegtestNode node = EmbeddedRegtestNode.start(0, dir.resolve("regtest"));
        BitcoinRpcClient rpc =
            BitcoinRpcClient.create(
                RpcClientConfig.of(node.url(), RpcAuth.cookieFile(node.cookieFile())))) {
      Devnet v = Devnet.create(dir, 3, 2, node.url(), node.cookieFile(), PASSPHRASE, TOKEN);
      try (v) {
        for (int i = 1; i <= 3; i++) {
          v.start(i);
        }
        String xpub = null;
        for (int i = 1; i <= 3; i++) {
          JsonNode s = v.awaitStatus(i, j -> j.path("state").asText().equals("ready"), LONG, "DKG");
          if (xpub == null) {
            xpub = s.get("xpub").asText();
          }
          assertThat(s.get("xpub").asText()).as("validator " + i + " xpub").isEqualTo(xpub);
        }
        ThresholdXpub group = ThresholdXpub.parse(xpub, Network.REGTEST);

        BitcoinRpcClient wallet = Devnet.fundingWallet(rpc);
        String miner = wallet.getNewAddress();
        rpc.generateToAddress(101, miner);
        String first = Devnet.fundAndRequest(rpc, wallet, group, 0, "spend-1");
        assertThat(v.post(1, first, "wrong-token-0123456789").statusCode()).isEqualTo(401);
        v.postToAll(first);
        String txid1 = v.awaitSigned("spend-1", 1, LONG);
        for (int i = 2; i <= 3; i++) {
          assertThat(v.awaitSigned("spend-1", i, LONG)).as("validator " + i).isEqualTo(txid1);
        }
        rpc.generateToAddress(1, miner);
        assertThat(Devnet.confirmations(rpc, txid1)).isGreaterThanOrEqualTo(1);
        // The signing shows in every validator's metrics (what the alert rules read).
        for (int i = 1; i <= 3; i++) {
          assertThat(v.metrics(i))
              .as("validator " + i + " metrics")
              .contains(
                  "frostgate_signing_sessions_completed_total 1.0",
                  "frostgate_key_share_loaded 1.0",
                  "frostgate_validators_threshold 2.0")
              .containsPattern("frostgate_peer_last_seen_timestamp_seconds\\{peer=\"\\d+\"\\}");
        }

        // SIGKILL one validator and restart it: it resumes from its state and key store.
        v.kill(3);
        v.start(3);
        v.awaitStatus(3, j -> j.path("state").asText().equals("ready"), LONG, "restart");
        assertThat(v.status(3).get("requests_signed").get("spend-1").asText())
            .as("what the killed validator signed survives")
            .isEqualTo(txid1);
        String second = Devnet.fundAndRequest(rpc, wallet, group, 1, "spend-2");
        v.postToAll(second);
        String txid2 = v.awaitSigned("spend-2", 3, LONG);
        rpc.generateToAddress(1, miner);
        assertThat(Devnet.confirmations(rpc, txid2)).isGreaterThanOrEqualTo(1);
      }
      assertThat(v.allGone()).as("every validator process is gone").isTrue();
      // SIGTERM (close) shut each one down in order: API, event loop, transport, database.
      for (int i = 1; i <= 3; i++) {
        assertThat(java.nio.file.Files.readString(v.log(i)))
            .as("validator " + i + " log")
            .contains("event loop stopped", "validator " + i + " stopped")
            .doesNotContain(PASSPHRASE, TOKEN);
      }
    }
  }

  private static BitcoinRpcClient fundingWallet(BitcoinRpcClient rpc) {
    rpc.createWallet("funding", false, false);
    return rpc.forWallet("funding");
  }
}
