package dev.frostgate.node.bitcoin.rpc;

import static dev.frostgate.node.bitcoin.rpc.FakeCore.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.bitcoin.fee.FeeRate;
import fr.acinq.bitcoin.TxId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client reads answers captured from the Bitcoin Core in {@code ../shared/bitcoin-core}
 * (v31.99, {@code src/test/resources/core-v31.99/}), so this runs even where no bitcoind is
 * installed. The live check is {@link BitcoindRpcContractTest}.
 */
class CoreV31AnswersTest {
  FakeCore core;
  BitcoinRpcClient rpc;

  @BeforeEach
  void start() throws IOException {
    core = new FakeCore();
    rpc =
        BitcoinRpcClient.create(
            RpcClientConfig.of(core.url(), RpcAuth.userPassword("u", "p"))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withRetry(RetryPolicy.none()));
  }

  @AfterEach
  void stop() {
    rpc.close();
    core.close();
  }

  static String answer(String name) {
    try (InputStream in =
        CoreV31AnswersTest.class.getResourceAsStream("/core-v31.99/" + name + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new AssertionError("missing fixture core-v31.99/" + name + ".json", e);
    }
  }

  @Test
  void mempoolEntryWithoutBip125Replaceable() {
    core.then(result(answer("getmempoolentry")));
    MempoolEntry e = rpc.getMempoolEntry(new TxId("11".repeat(32))).orElseThrow();
    assertThat(e.vsize()).isEqualTo(154);
    assertThat(e.weight()).isEqualTo(616);
    assertThat(e.fees().base()).isEqualTo(3_100);
    assertThat(e.bip125_replaceable()).isEmpty();
    assertThat(e.unbroadcast()).contains(true);
  }

  @Test
  void testMempoolAcceptWithVsizeBip141AndRejectDetails() {
    core.then(
        result(answer("testmempoolaccept-allowed")), result(answer("testmempoolaccept-rejected")));
    // the client checks the count of results only: any transaction will do for the request
    MempoolAcceptResult ok =
        rpc.testMempoolAccept(List.of(Fixtures.coinbase()), Optional.empty()).get(0);
    assertThat(ok.isAllowed()).isTrue();
    assertThat(ok.vsize()).hasValue(111);
    assertThat(ok.fees()).hasValueSatisfying(f -> assertThat(f.base()).isEqualTo(1_000));
    MempoolAcceptResult bad =
        rpc.testMempoolAccept(List.of(Fixtures.coinbase()), Optional.empty()).get(0);
    assertThat(bad.isAllowed()).isFalse();
    assertThat(bad.reject_reason())
        .contains("mempool-script-verify-flag-failed (Invalid Schnorr signature)");
    assertThat(bad.reject_details())
        .hasValueSatisfying(d -> assertThat(d).contains(", input 0 of ").contains("spending "));
  }

  @Test
  void chainNetworkAndMempoolInfo() {
    core.then(
        result(answer("getblockchaininfo")),
        result(answer("getnetworkinfo")),
        result(answer("getmempoolinfo")),
        result(answer("estimatesmartfee")));
    BlockchainInfo chain = rpc.getBlockchainInfo();
    assertThat(chain.chain()).isEqualTo("regtest");
    assertThat(chain.warnings()).singleElement().asString().contains("pre-release test build");
    NetworkInfo net = rpc.getNetworkInfo();
    assertThat(net.version()).isEqualTo(319900);
    assertThat(net.relayfee()).isEqualTo(FeeRate.ofSatPerKvb(100));
    MempoolInfo pool = rpc.getMempoolInfo();
    assertThat(pool.minrelaytxfee()).isEqualTo(FeeRate.ofSatPerKvb(100));
    assertThat(pool.fullrbf()).isEmpty();
    SmartFeeEstimate fee = rpc.estimateSmartFee(6);
    assertThat(fee.feerate()).isEmpty();
    assertThat(fee.errors()).containsExactly("Insufficient data or no feerate found");
  }

  @Test
  void watchOnlyListUnspentSaysSpendable() {
    core.then(result(answer("listunspent-watchonly")));
    List<UnspentOutput> utxos = rpc.forWallet("watch").listUnspent(0, 9_999_999, List.of());
    assertThat(utxos).hasSize(2);
    assertThat(utxos.get(0).amount().getSat()).isEqualTo(50_000_000);
    // deprecated and always true since Core 30, even in a wallet without private keys
    assertThat(utxos).allSatisfy(u -> assertThat(u.spendable()).isTrue());
    assertThat(utxos).allSatisfy(u -> assertThat(u.solvable()).isTrue());
  }
}
