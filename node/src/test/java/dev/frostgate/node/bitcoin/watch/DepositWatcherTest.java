package dev.frostgate.node.bitcoin.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.spv.BlockRef;
import dev.frostgate.bitcoin.spv.ReorgReport;
import dev.frostgate.bitcoin.spv.ReorgTracker;
import dev.frostgate.bitcoin.spv.TrackedTx;
import dev.frostgate.bitcoin.watch.BlockScanWatcher;
import dev.frostgate.bitcoin.watch.BlockScanner;
import dev.frostgate.bitcoin.watch.ChainFollower;
import dev.frostgate.bitcoin.watch.Deposit;
import dev.frostgate.bitcoin.watch.DepositScripts;
import dev.frostgate.bitcoin.watch.Deposits;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.RpcAuth;
import dev.frostgate.node.bitcoin.rpc.RpcBlockSource;
import dev.frostgate.node.bitcoin.rpc.RpcClientConfig;
import dev.frostgate.regtest.EmbeddedRegtestNode;
import dev.frostgate.testkit.bitcoin.DkgGroup;
import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both deposit-detection strategies against the embedded regtest node, and the pure parts. */
class DepositWatcherTest {
  @TempDir Path dir;

  private final DepositScripts scripts = DepositScripts.derive(DkgGroup.get().xpub, 20);

  @Test
  void depositScriptsMatchDerivedAddressesWithinTheLookahead() {
    assertThat(scripts.descriptor()).startsWith("tr(tpub").contains("/0/*)#");
    assertThat(scripts.indexOfAddress(scripts.address(7))).hasValue(7);
    assertThat(scripts.indexOfAddress(scripts.address(20))).isEmpty();
    assertThat(scripts.indexOf(DkgGroup.get().xpub.depositOutput(19).scriptPubKey())).hasValue(19);
    assertThat(scripts.indexOf(DkgGroup.get().xpub.changeOutput(0).scriptPubKey())).isEmpty();
    assertThatThrownBy(() -> DepositScripts.derive(DkgGroup.get().xpub, 0))
        .hasMessageContaining("lookahead");
  }

  @Test
  void descriptorWalletAndBlockScanFindTheSameDepositsAndFeedTheReorgTracker() {
    try (EmbeddedRegtestNode n = EmbeddedRegtestNode.start(0, dir);
        BitcoinRpcClient node =
            BitcoinRpcClient.create(
                RpcClientConfig.of(n.url(), RpcAuth.cookieFile(n.cookieFile())))) {
      BitcoinRpcClient funds = node.forWallet("default");
      RpcBlockSource chain = new RpcBlockSource(node);
      String miner = funds.getNewAddress();
      node.generateToAddress(101, miner);
      DescriptorWalletWatcher wallet =
          DescriptorWalletWatcher.create(node, "watch", scripts, OptionalLong.empty());
      BlockScanWatcher scan = new BlockScanWatcher(chain, scripts, 0);
      assertThat(wallet.poll()).isEmpty();
      assertThat(scan.poll()).isEmpty();

      Optional<FeeRate> rate = Optional.of(FeeRate.ofSatPerVb(2));
      TxId a = funds.sendToAddress(scripts.address(3), new Satoshi(100_000), rate);
      TxId b = funds.sendToAddress(scripts.address(19), new Satoshi(200_000), rate);
      TxId outside =
          funds.sendToAddress(scripts.address(20), new Satoshi(300_000), rate); // beyond lookahead
      assertThat(wallet.poll()).as("unconfirmed deposits are not reported").isEmpty();
      BlockHash h = node.generateToAddress(1, miner).get(0);
      BlockRef block = new BlockRef(102, h);

      List<Deposit> byWallet = wallet.poll();
      List<Deposit> byScan = scan.poll();
      assertThat(byWallet).containsExactlyInAnyOrderElementsOf(byScan).hasSize(2);
      assertThat(byWallet)
          .extracting(Deposit::txid, Deposit::index, d -> d.amount().getSat(), Deposit::block)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(a, 3L, 100_000L, block),
              org.assertj.core.groups.Tuple.tuple(b, 19L, 200_000L, block));
      assertThat(byWallet).extracting(Deposit::txid).doesNotContain(outside);
      assertThat(wallet.poll()).as("each deposit once").isEmpty();
      assertThat(scan.poll()).isEmpty();

      ReorgTracker tracker = ChainFollower.advance(ReorgTracker.create(6), chain).tracker();
      tracker = Deposits.track(tracker, byWallet);
      assertThat(tracker.confirmations(a)).contains(1);
      node.invalidateBlock(h);
      ReorgTracker.Update u = ChainFollower.advance(tracker, chain);
      ReorgReport report = u.report();
      assertThat(report.isReorg()).isTrue();
      assertThat(report.disconnected()).extracting(TrackedTx::txid).containsExactlyInAnyOrder(a, b);

      // After the reorg both watchers find the deposits again once they are re-mined.
      wallet.rewind(report.forkPoint().orElseThrow());
      scan.rewind(report.forkPoint().orElseThrow());
      BlockHash again = node.generateToAddress(1, miner).get(0);
      assertThat(wallet.poll()).extracting(Deposit::block).containsOnly(new BlockRef(102, again));
      assertThat(scan.poll()).extracting(Deposit::txid).containsExactlyInAnyOrder(a, b);
    }
  }

  @Test
  void blockScannerRejectsABlockThatIsNotTheOneNamed() {
    Block genesis = Block.RegtestGenesisBlock;
    BlockRef wrong = new BlockRef(0, new BlockHash(new byte[32]));
    assertThatThrownBy(() -> BlockScanner.scan(genesis, wrong, scripts))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(BlockScanner.scan(genesis, new BlockRef(0, genesis.hash), scripts)).isEmpty();
  }
}
