package dev.frostgate.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.bitcoin.spv.TrackedTx;
import dev.frostgate.bitcoin.watch.Deposit;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.RpcAuth;
import dev.frostgate.node.bitcoin.rpc.RpcClientConfig;
import dev.frostgate.regtest.EmbeddedRegtestNode;
import fr.acinq.bitcoin.TxId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-to-end scenario, in-process against the embedded regtest node. */
class SpendScenarioTest {
  @TempDir Path dir;

  @Test
  void depositsSpendFeeBumpAndReorgOnTheEmbeddedNode() {
    StringWriter text = new StringWriter();
    SpendScenario.Result r;
    try (EmbeddedRegtestNode node = EmbeddedRegtestNode.start(0, dir);
        BitcoinRpcClient rpc =
            BitcoinRpcClient.create(
                RpcClientConfig.of(node.url(), RpcAuth.cookieFile(node.cookieFile())))) {
      r = SpendScenario.run(rpc, SpendScenario.Options.defaults(), new PrintWriter(text));
    }
    assertResult(r, text.toString());
  }

  /** Assertions on every step; shared with the bitcoind integration test. */
  static void assertResult(SpendScenario.Result r, String text) {
    assertThat(r.chain()).isEqualTo("regtest");
    // loan addresses and deposits
    assertThat(r.depositAddresses()).hasSize(3).allMatch(a -> a.startsWith("bcrt1p"));
    assertThat(r.fundingTxids()).hasSize(3).doesNotHaveDuplicates();
    assertThat(r.walletDeposits()).hasSize(3);
    for (int n = 0; n < 3; n++) {
      Deposit d = depositOf(r, r.fundingTxids().get(n));
      assertThat(d.index()).isEqualTo(n);
      assertThat(d.address()).isEqualTo(r.depositAddresses().get(n));
      assertThat(d.amount().getSat()).isEqualTo(SpendScenario.DEPOSITS_SAT[n]);
      assertThat(d.block()).isEqualTo(r.fundingBlock());
    }
    assertThat(r.scannedDeposits()).containsExactlyInAnyOrderElementsOf(r.walletDeposits());
    // one transaction, one FROST session among t, exact vsize
    assertThat(r.signers()).isEqualTo(10);
    assertThat(r.messages()).isEqualTo(3);
    assertThat(r.signedVsize()).isEqualTo(r.estimatedVsize());
    assertThat(r.nodeVsize()).isEqualTo(r.estimatedVsize());
    assertThat(r.confirmations()).isGreaterThanOrEqualTo(1);
    // replacement
    assertThat(r.replacementTxid()).isNotEqualTo(r.originalTxid());
    assertThat(r.mempoolAfterBump())
        .contains(new TxId(r.replacementTxid()))
        .doesNotContain(new TxId(r.originalTxid()));
    // reorg
    assertThat(r.reorg().isReorg()).isTrue();
    assertThat(r.reorg().forkPoint()).isPresent();
    assertThat(r.reorg().forkPoint().get().height()).isEqualTo(r.fundingBlock().height() - 1);
    assertThat(r.reorg().disconnectedBlocks()).contains(r.fundingBlock());
    assertThat(r.reorg().disconnected())
        .filteredOn(t -> t.kind() == TrackedTx.Kind.DEPOSIT)
        .extracting(TrackedTx::txid)
        .containsExactlyInAnyOrderElementsOf(r.fundingTxids());
    assertThat(r.reorg().disconnected())
        .filteredOn(t -> t.kind() == TrackedTx.Kind.SPEND)
        .extracting(t -> t.txid().toString())
        .containsExactly(r.spendTxid());
    // printed steps
    for (int step = 2; step <= 11; step++) {
      assertThat(text).contains("\n" + step + ". ");
    }
    assertThat(text)
        .startsWith("1. Bitcoin node")
        .contains("testmempoolaccept: allowed")
        .contains("disconnected DEPOSIT " + r.fundingTxids().get(0))
        .contains("spend-demo: all steps passed");
  }

  private static Deposit depositOf(SpendScenario.Result r, TxId txid) {
    return r.walletDeposits().stream()
        .filter(d -> d.txid().equals(txid))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no deposit for " + txid));
  }
}
