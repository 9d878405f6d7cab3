package dev.frostgate.cli.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.RawTransactionInfo;
import dev.frostgate.node.bitcoin.rpc.RpcAuth;
import dev.frostgate.node.bitcoin.rpc.RpcClientConfig;
import dev.frostgate.regtest.EmbeddedRegtestNode;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
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
  private static final Duration LONG = Duration.ofMinutes(2);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void threeValidatorProcessesRunTheDkgSignBroadcastAndSurviveAKill() throws Exception {
    try (EmbeddedRegtestNode node = EmbeddedRegtestNode.start(0, dir.resolve("regtest"));
        BitcoinRpcClient rpc =
            BitcoinRpcClient.create(
                RpcClientConfig.of(node.url(), RpcAuth.cookieFile(node.cookieFile())))) {
      ValidatorProcesses v = ValidatorProcesses.create(dir, 3, 2, node.url(), node.cookieFile());
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

        BitcoinRpcClient wallet = fundingWallet(rpc);
        String miner = wallet.getNewAddress();
        rpc.generateToAddress(101, miner);
        String first = request(rpc, wallet, group, 0, "spend-1");
        assertThat(v.post(1, first, "wrong-token-0123456789").statusCode()).isEqualTo(401);
        postToAll(v, first);
        String txid1 = awaitSigned(v, "spend-1", 1);
        for (int i = 2; i <= 3; i++) {
          assertThat(awaitSigned(v, "spend-1", i)).as("validator " + i).isEqualTo(txid1);
        }
        rpc.generateToAddress(1, miner);
        assertConfirmed(rpc, txid1);

        // SIGKILL one validator and restart it: it resumes from its state and key store.
        v.kill(3);
        v.start(3);
        v.awaitStatus(3, j -> j.path("state").asText().equals("ready"), LONG, "restart");
        assertThat(v.status(3).get("requests_signed").get("spend-1").asText())
            .as("what the killed validator signed survives")
            .isEqualTo(txid1);
        String second = request(rpc, wallet, group, 1, "spend-2");
        postToAll(v, second);
        String txid2 = awaitSigned(v, "spend-2", 3);
        rpc.generateToAddress(1, miner);
        assertConfirmed(rpc, txid2);
      }
      assertThat(v.allGone()).as("every validator process is gone").isTrue();
      // SIGTERM (close) shut each one down in order: API, event loop, transport, database.
      for (int i = 1; i <= 3; i++) {
        assertThat(java.nio.file.Files.readString(v.log(i)))
            .as("validator " + i + " log")
            .contains("event loop stopped", "validator " + i + " stopped")
            .doesNotContain(ValidatorProcesses.PASSPHRASE, ValidatorProcesses.TOKEN);
      }
    }
  }

  private static void postToAll(ValidatorProcesses v, String body) throws Exception {
    for (int i = 1; i <= v.n; i++) {
      HttpResponse<String> r = v.post(i, body, ValidatorProcesses.TOKEN);
      assertThat(r.statusCode()).as("validator " + i + ": " + r.body()).isEqualTo(202);
    }
  }

  private static String awaitSigned(ValidatorProcesses v, String request, int validator)
      throws InterruptedException {
    JsonNode s =
        v.awaitStatus(
            validator,
            j -> j.path("requests_signed").has(request),
            LONG,
            "signature of " + request);
    return s.get("requests_signed").get(request).asText();
  }

  private static void assertConfirmed(BitcoinRpcClient rpc, String txid) {
    RawTransactionInfo info = rpc.getRawTransactionVerbose(new TxId(txid), Optional.empty());
    assertThat(info.confirmations().orElse(0))
        .as("confirmations of " + txid)
        .isGreaterThanOrEqualTo(1);
  }

  /** Funds deposit address {@code index}, mines it, and returns a request spending it. */
  private static String request(
      BitcoinRpcClient rpc, BitcoinRpcClient wallet, ThresholdXpub group, int index, String id) {
    String address = group.depositAddress(index);
    TxId funding = wallet.sendToAddress(address, new Satoshi(50_000_000));
    rpc.generateToAddress(1, wallet.getNewAddress());
    RawTransactionInfo tx = rpc.getRawTransactionVerbose(funding, Optional.empty());
    byte[] script = group.depositOutput(index).scriptPubKey();
    int vout = -1;
    for (int o = 0; o < tx.transaction().txOut.size(); o++) {
      if (java.util.Arrays.equals(
          tx.transaction().txOut.get(o).publicKeyScript.toByteArray(), script)) {
        vout = o;
      }
    }
    assertThat(vout).as("the deposit output").isNotNegative();
    String recipient = wallet.getNewAddress();
    long now = System.currentTimeMillis();
    return """
        {"request_id": "%s",
         "inputs": [{"txid": "%s", "vout": %d, "amount_sat": 50000000, "branch": "deposit", "index": %d}],
         "recipients": [{"address": "%s", "amount_sat": 20000000}],
         "fee_rate_sat_vb": 2, "fee_cap_sat": 50000, "change_index": %d,
         "created_at_ms": %d, "expires_at_ms": %d}
        """
        .formatted(id, funding, vout, index, recipient, index, now, now + 600_000);
  }

  private static BitcoinRpcClient fundingWallet(BitcoinRpcClient rpc) {
    rpc.createWallet("funding", false, false);
    return rpc.forWallet("funding");
  }

  @SuppressWarnings("unused")
  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
