package dev.frostgate.node.bitcoin.rpc;

import static dev.frostgate.node.bitcoin.rpc.FakeCore.error;
import static dev.frostgate.node.bitcoin.rpc.FakeCore.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.bitcoin.fee.FeePolicy;
import dev.frostgate.bitcoin.fee.FeeQuote;
import dev.frostgate.bitcoin.fee.FeeRate;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class FeeEstimatorTest {
  static final FeeRate FLOOR = FeeRate.ofSatPerVb(1);
  static final FeePolicy POLICY =
      new FeePolicy(6, Optional.empty(), FeeRate.ofSatPerVb(10), FeeRate.ofSatPerVb(200));

  static FeeQuote.Use use(FeeQuote q) {
    assertThat(q).isInstanceOf(FeeQuote.Use.class);
    return (FeeQuote.Use) q;
  }

  @Test
  void estimateIsUsedWhenWithinBounds() {
    FeeQuote.Use q =
        use(
            FeeEstimator.decide(
                Optional.of(FeeRate.ofSatPerKvb(12_345)), FLOOR, POLICY, POLICY.cap()));
    assertThat(q.rate().satPerVb()).isEqualByComparingTo("12.345");
    assertThat(q.source()).isEqualTo(FeeQuote.Source.ESTIMATE);
    assertThat(q.raisedToFloor()).isFalse();
    assertThat(q.capped()).isFalse();
  }

  @Test
  void fallbackWhenNoEstimateOrNonPositive() {
    for (Optional<FeeRate> none :
        java.util.List.of(Optional.<FeeRate>empty(), Optional.of(FeeRate.ZERO))) {
      FeeQuote.Use q = use(FeeEstimator.decide(none, FLOOR, POLICY, POLICY.cap()));
      assertThat(q.rate()).isEqualTo(FeeRate.ofSatPerVb(10));
      assertThat(q.source()).isEqualTo(FeeQuote.Source.FALLBACK);
    }
  }

  @Test
  void flooredAtTheNodesMinimum() {
    FeeQuote.Use q =
        use(
            FeeEstimator.decide(
                Optional.of(FeeRate.ofSatPerKvb(500)),
                FeeRate.ofSatPerVb(3),
                POLICY,
                POLICY.cap()));
    assertThat(q.rate()).isEqualTo(FeeRate.ofSatPerVb(3));
    assertThat(q.raisedToFloor()).isTrue();
    // the fallback is floored too
    assertThat(
            use(FeeEstimator.decide(Optional.empty(), FeeRate.ofSatPerVb(25), POLICY, POLICY.cap()))
                .rate())
        .isEqualTo(FeeRate.ofSatPerVb(25));
  }

  @Test
  void cappedByPolicyAndByRequest() {
    FeeQuote.Use q =
        use(FeeEstimator.decide(Optional.of(FeeRate.ofSatPerVb(500)), FLOOR, POLICY, POLICY.cap()));
    assertThat(q.rate()).isEqualTo(FeeRate.ofSatPerVb(200));
    assertThat(q.capped()).isTrue();
    FeeQuote.Use r =
        use(
            FeeEstimator.decide(
                Optional.of(FeeRate.ofSatPerVb(50)), FLOOR, POLICY, FeeRate.ofSatPerVb(20)));
    assertThat(r.rate()).isEqualTo(FeeRate.ofSatPerVb(20));
    // a request cannot raise the configured cap
    FeeQuote.Use s =
        use(
            FeeEstimator.decide(
                Optional.of(FeeRate.ofSatPerVb(500)), FLOOR, POLICY, FeeRate.ofSatPerVb(1000)));
    assertThat(s.rate()).isEqualTo(FeeRate.ofSatPerVb(200));
  }

  @Test
  void capBelowFloorIsRefused() {
    FeeQuote q =
        FeeEstimator.decide(
            Optional.empty(), FeeRate.ofSatPerVb(30), POLICY, FeeRate.ofSatPerVb(20));
    assertThat(q)
        .isEqualTo(new FeeQuote.CapBelowFloor(FeeRate.ofSatPerVb(30), FeeRate.ofSatPerVb(20)));
  }

  @Test
  void policyChecksItsInputs() {
    assertThatThrownBy(() -> new FeePolicy(0, Optional.empty(), FLOOR, FLOOR))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new FeePolicy(6, Optional.empty(), FeeRate.ofSatPerVb(5), FeeRate.ofSatPerVb(4)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static final String MEMPOOL_INFO =
      """
      {"loaded":true,"size":0,"bytes":0,"usage":0,"maxmempool":300000000,
       "mempoolminfee":%s,"minrelaytxfee":0.00001000}
      """;

  @Test
  void quoteAgainstANode() throws IOException {
    try (FakeCore core = new FakeCore();
        BitcoinRpcClient rpc =
            BitcoinRpcClient.create(
                RpcClientConfig.of(core.url(), RpcAuth.userPassword("u", "p"))
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                    .withRetry(RetryPolicy.none()))) {
      FeeEstimator fees = new FeeEstimator(rpc, POLICY);
      core.then(
          // regtest: no estimate -> fallback
          result("{\"errors\":[\"Insufficient data or no feerate found\"],\"blocks\":0}"),
          result(MEMPOOL_INFO.formatted("0.00001000")),
          // estimate below a full mempool's minimum -> floored at mempoolminfee
          result("{\"feerate\":0.00002000,\"blocks\":6}"),
          result(MEMPOOL_INFO.formatted("0.00005000")),
          // estimatesmartfee refused by the node -> fallback
          error(-32601, "Method not found"),
          result(MEMPOOL_INFO.formatted("0.00001000")));
      FeeQuote.Use a = use(fees.quote());
      assertThat(a.source()).isEqualTo(FeeQuote.Source.FALLBACK);
      assertThat(a.rate()).isEqualTo(FeeRate.ofSatPerVb(10));
      assertThat(core.requests.get(0).params().get(0).asInt()).isEqualTo(6);
      FeeQuote.Use b = use(fees.quote());
      assertThat(b.rate()).isEqualTo(FeeRate.ofSatPerVb(5));
      assertThat(b.raisedToFloor()).isTrue();
      FeeQuote.Use c = use(fees.quote(FeeRate.ofSatPerVb(8)));
      assertThat(c.rate()).isEqualTo(FeeRate.ofSatPerVb(8));
      assertThat(c.source()).isEqualTo(FeeQuote.Source.FALLBACK);
      assertThat(c.capped()).isTrue();
    }
  }
}
