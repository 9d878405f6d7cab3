package dev.frostgate.bitcoin.spv;

import static dev.frostgate.bitcoin.spv.MerkleProofTest.assertReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.bitcoin.spv.ReorgReport.DepthChange;
import dev.frostgate.bitcoin.spv.SpvException.Reason;
import dev.frostgate.bitcoin.spv.TrackedTx.Kind;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.BlockHeader;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.TxId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReorgTrackerTest {

  /** Every header ever made, so the source can serve both branches (as a node does). */
  private final Map<BlockHash, BlockHeader> all = new HashMap<>();

  private final HeaderSource source = h -> Optional.ofNullable(all.get(h));

  /** Chain A: heights 0..10. */
  private final List<BlockHeader> a = chain(null, 0, 11, 'a');

  private static final TxId DEPOSIT = txid(1);
  private static final TxId SPEND = txid(2);
  private static final TxId OLD = txid(3);
  private static final TxId TIP_TX = txid(4);

  private ReorgTracker started() {
    ReorgTracker.Update u = ReorgTracker.create(6).onNewTip(10, a.get(10).hash, source);
    assertThat(u.report().oldTip()).isEmpty();
    assertThat(u.report().forkPoint()).isEmpty();
    ReorgTracker t = u.tracker();
    assertThat(t.recent().keySet()).containsExactly(5, 6, 7, 8, 9, 10);
    return t.track(DEPOSIT, Kind.DEPOSIT, ref(a, 8))
        .track(SPEND, Kind.SPEND, ref(a, 9))
        .track(OLD, Kind.DEPOSIT, ref(a, 5))
        .track(TIP_TX, Kind.SPEND, ref(a, 10));
  }

  @Test
  void extensionChangesDepthOnly() {
    ReorgTracker t = started();
    List<BlockHeader> b = chain(a.get(10), 11, 2, 'b');
    ReorgTracker.Update u = t.onNewTip(12, b.get(1).hash, source);
    ReorgReport r = u.report();
    assertThat(r.isReorg()).isFalse();
    assertThat(r.forkPoint()).contains(ref(a, 10));
    assertThat(r.connectedBlocks()).containsExactly(ref(b, 0, 11), ref(b, 1, 12));
    assertThat(r.disconnected()).isEmpty();
    assertThat(r.depthChanges())
        .extracting(
            d -> d.tx().txid(), DepthChange::oldConfirmations, DepthChange::newConfirmations)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(DEPOSIT, 3, 5),
            org.assertj.core.groups.Tuple.tuple(SPEND, 2, 4),
            org.assertj.core.groups.Tuple.tuple(OLD, 6, 8),
            org.assertj.core.groups.Tuple.tuple(TIP_TX, 1, 3));
    assertThat(u.tracker().recent().keySet()).containsExactly(7, 8, 9, 10, 11, 12);
    assertThat(u.tracker().confirmations(DEPOSIT)).contains(5);
    // The same tip again changes nothing.
    ReorgReport again = u.tracker().onNewTip(12, b.get(1).hash, source).report();
    assertThat(again.isUnchanged()).isTrue();
    assertThat(again.depthChanges()).isEmpty();
  }

  @Test
  void oneBlockReorgDisconnectsTheTipBlocksTransactions() {
    ReorgTracker t = started();
    List<BlockHeader> b = chain(a.get(9), 10, 1, 'b'); // 10' replaces 10
    ReorgTracker.Update u = t.onNewTip(10, b.get(0).hash, source);
    ReorgReport r = u.report();
    assertThat(r.isReorg()).isTrue();
    assertThat(r.depth()).isEqualTo(1);
    assertThat(r.forkPoint()).contains(ref(a, 9));
    assertThat(r.disconnectedBlocks()).containsExactly(ref(a, 10));
    assertThat(r.connectedBlocks()).containsExactly(ref(b, 0, 10));
    assertThat(r.disconnected()).extracting(TrackedTx::txid).containsExactly(TIP_TX);
    assertThat(r.depthChanges()).isEmpty(); // same height: the others keep their depth
    assertThat(u.tracker().tracked()).doesNotContainKey(TIP_TX).containsKeys(DEPOSIT, SPEND, OLD);
    assertThat(u.tracker().recent().get(10)).isEqualTo(b.get(0).hash);
  }

  @Test
  void threeBlockReorgDisconnectsDepositAndSpend() {
    ReorgTracker t = started();
    List<BlockHeader> b = chain(a.get(7), 8, 4, 'b'); // 8'..11' replace 8..10
    ReorgTracker.Update u = t.onNewTip(11, b.get(3).hash, source);
    ReorgReport r = u.report();
    assertThat(r.depth()).isEqualTo(3);
    assertThat(r.forkPoint()).contains(ref(a, 7));
    assertThat(r.disconnectedBlocks()).containsExactly(ref(a, 8), ref(a, 9), ref(a, 10));
    assertThat(r.connectedBlocks()).hasSize(4).first().isEqualTo(ref(b, 0, 8));
    assertThat(r.disconnected())
        .extracting(TrackedTx::txid, TrackedTx::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(DEPOSIT, Kind.DEPOSIT),
            org.assertj.core.groups.Tuple.tuple(SPEND, Kind.SPEND),
            org.assertj.core.groups.Tuple.tuple(TIP_TX, Kind.SPEND));
    assertThat(r.depthChanges()).containsExactly(new DepthChange(t.tracked().get(OLD), 6, 7));
    // The deposit reappears in the new chain at 9': track it again.
    ReorgTracker again = u.tracker().track(DEPOSIT, Kind.DEPOSIT, ref(b, 1, 9));
    assertThat(again.confirmations(DEPOSIT)).contains(3);
    // Tracking it in the old, disconnected block is refused.
    assertReason(() -> u.tracker().track(DEPOSIT, Kind.DEPOSIT, ref(a, 9)), Reason.UNKNOWN_BLOCK);
  }

  @Test
  void tipGoingBackLikeInvalidateBlockReducesDepth() {
    ReorgTracker t = started();
    ReorgReport r = t.onNewTip(9, a.get(9).hash, source).report();
    assertThat(r.forkPoint()).contains(ref(a, 9));
    assertThat(r.disconnectedBlocks()).containsExactly(ref(a, 10));
    assertThat(r.connectedBlocks()).isEmpty();
    assertThat(r.disconnected()).extracting(TrackedTx::txid).containsExactly(TIP_TX);
    assertThat(r.depthChanges())
        .extracting(d -> d.tx().txid(), DepthChange::newConfirmations)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(DEPOSIT, 2),
            org.assertj.core.groups.Tuple.tuple(SPEND, 1),
            org.assertj.core.groups.Tuple.tuple(OLD, 5));
  }

  @Test
  void reorgDeeperThanRememberedIsAnError() {
    ReorgTracker t = started(); // remembers 5..10
    List<BlockHeader> b = chain(a.get(4), 5, 7, 'b'); // fork at 4, below the window
    assertReason(() -> t.onNewTip(11, b.get(6).hash, source), Reason.REORG_TOO_DEEP);
    // Fork exactly at the oldest remembered block is still handled (5 blocks deep).
    List<BlockHeader> c = chain(a.get(5), 6, 6, 'c');
    assertThat(t.onNewTip(11, c.get(5).hash, source).report().depth()).isEqualTo(5);
    // A chain that shares nothing at all.
    List<BlockHeader> d = chain(null, 0, 12, 'd');
    assertReason(() -> t.onNewTip(11, d.get(11).hash, source), Reason.REORG_TOO_DEEP);
  }

  @Test
  void inconsistentHeaderSourceIsAnError() {
    ReorgTracker t = started();
    List<BlockHeader> b = chain(a.get(10), 11, 2, 'b');
    HeaderSource missing = h -> Optional.empty();
    assertReason(() -> t.onNewTip(12, b.get(1).hash, missing), Reason.HEADER_SOURCE_INCONSISTENT);
    HeaderSource lying = h -> Optional.of(a.get(3));
    assertReason(() -> t.onNewTip(12, b.get(1).hash, lying), Reason.HEADER_SOURCE_INCONSISTENT);
  }

  @Test
  void trackingChecksTheBlock() {
    ReorgTracker empty = ReorgTracker.create(6);
    assertReason(() -> empty.track(DEPOSIT, Kind.DEPOSIT, ref(a, 3)), Reason.UNKNOWN_BLOCK);
    ReorgTracker t = started();
    List<BlockHeader> b = chain(a.get(7), 8, 1, 'b');
    assertReason(() -> t.track(txid(9), Kind.DEPOSIT, ref(b, 0, 8)), Reason.UNKNOWN_BLOCK);
    assertReason(
        () -> t.track(txid(9), Kind.DEPOSIT, new BlockRef(11, a.get(10).hash)),
        Reason.UNKNOWN_BLOCK);
    // Older than the window: accepted unchecked.
    assertThat(t.track(txid(9), Kind.DEPOSIT, ref(a, 2)).confirmations(txid(9))).contains(9);
    assertThat(t.untrack(DEPOSIT).tracked()).doesNotContainKey(DEPOSIT);
  }

  @Test
  void worksOverAHeaderChainAsSource() {
    BlockHeader base = HeaderChainTest.mine(a.get(0).hash, 1_000_000, 0x207fffffL, 0);
    HeaderChain chain =
        HeaderChain.fromCheckpoint(PowParams.REGTEST, 0, base)
            .appendAll(HeaderChainTest.extend(base, 8, 0x207fffffL, 600, 1));
    HeaderSource fromChain = h -> chain.get(h).map(HeaderChain.Entry::header);
    ReorgTracker t =
        ReorgTracker.create(4).onNewTip(chain.tipHeight(), chain.tip().hash(), fromChain).tracker();
    assertThat(t.recent().keySet()).containsExactly(5, 6, 7, 8);
  }

  // ------------------------------------------------------------ helpers

  /** {@code n} linked headers from height {@code start}; no proof of work needed here. */
  private List<BlockHeader> chain(BlockHeader parent, int start, int n, char branch) {
    java.util.ArrayList<BlockHeader> out = new java.util.ArrayList<>();
    BlockHash prev = parent == null ? new BlockHash(ByteVector32.Zeroes) : parent.hash;
    for (int i = 0; i < n; i++) {
      byte[] root = new byte[32];
      root[0] = (byte) branch;
      root[1] = (byte) (start + i);
      BlockHeader h =
          new BlockHeader(
              4, prev, new ByteVector32(root), 1_000_000 + 600L * (start + i), 0x207fffffL, 0);
      all.put(h.hash, h);
      out.add(h);
      prev = h.hash;
    }
    return out;
  }

  /** The block of chain {@code c} (starting at height 0) at {@code height}. */
  private static BlockRef ref(List<BlockHeader> c, int height) {
    return new BlockRef(height, c.get(height).hash);
  }

  private static BlockRef ref(List<BlockHeader> c, int index, int height) {
    return new BlockRef(height, c.get(index).hash);
  }

  private static TxId txid(int n) {
    byte[] b = new byte[32];
    b[31] = (byte) n;
    return new TxId(b);
  }
}
