package dev.frostgate.bitcoin.spv;

import static dev.frostgate.bitcoin.spv.MerkleProofTest.assertReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.bitcoin.spv.SpvException.Reason;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.BlockHeader;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.TxId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeaderChainTest {
  private static final BlockHeader REAL = SpvVectors.header();

  /** Mainnet difficulty rules with the regtest limit, so test headers can be mined quickly. */
  private static final PowParams EASY_MAIN =
      new PowParams("easy-main", PowParams.REGTEST.powLimit(), false, false, false);

  // ------------------------------------------------------------ proof of work

  @Test
  void realHeaderMeetsMainnetProofOfWork() {
    assertThat(REAL.bits).isEqualTo(0x18058436L);
    Pow.check(REAL, PowParams.MAINNET);
    assertThat(Pow.hashValue(REAL)).isLessThanOrEqualTo(Pow.target(REAL.bits));
    assertThat(REAL.checkProofOfWork()).isTrue(); // bitcoin-kmp agrees
    HeaderChain chain = HeaderChain.fromCheckpoint(PowParams.MAINNET, 413567, REAL);
    assertThat(chain.confirmations(REAL.hash)).hasValue(1);
  }

  @Test
  void tamperedHeaderFailsProofOfWork() {
    BlockHeader tampered = REAL.setNonce(REAL.nonce + 1);
    assertReason(() -> Pow.check(tampered, PowParams.MAINNET), Reason.INSUFFICIENT_POW);
    BlockHeader otherRoot = REAL.setHashMerkleRoot(ByteVector32.One);
    assertReason(
        () -> HeaderChain.fromCheckpoint(PowParams.MAINNET, 1, otherRoot), Reason.INSUFFICIENT_POW);
  }

  @Test
  void compactTargets() {
    assertThat(Pow.target(0x1d00ffffL)).isEqualTo(BigInteger.valueOf(0xffff).shiftLeft(208));
    assertThat(PowParams.MAINNET.powLimitBits()).isEqualTo(0x1d00ffffL);
    assertThat(PowParams.REGTEST.powLimitBits()).isEqualTo(0x207fffffL);
    assertThat(PowParams.SIGNET.powLimitBits()).isEqualTo(0x1e0377aeL);
    for (long bits : new long[] {0x1d00ffffL, 0x18058436L, 0x207fffffL, 0x1c05a3f4L, 0x03123456L}) {
      assertThat(Pow.compact(Pow.target(bits))).isEqualTo(bits);
    }
    assertReason(() -> Pow.target(0x1d80ffffL), Reason.INVALID_TARGET); // negative
    assertReason(() -> Pow.target(0x1d000000L), Reason.INVALID_TARGET); // zero
    assertReason(() -> Pow.target(0xff123456L), Reason.INVALID_TARGET); // overflow
    assertReason(() -> Pow.target(0x207fffffL, PowParams.MAINNET), Reason.INVALID_TARGET);
    assertReason(() -> Pow.target(0x1e0377afL, PowParams.SIGNET), Reason.INVALID_TARGET);
  }

  @Test
  void retargetMatchesBitcoinCorePowTests() {
    // Bitcoin Core src/test/pow_tests.cpp: (first time, last time, last bits) -> next bits.
    assertThat(retarget(1261130161L, 1262152739L, 0x1d00ffffL)).isEqualTo(0x1d00d86aL);
    assertThat(retarget(1231006505L, 1233061996L, 0x1d00ffffL)).isEqualTo(0x1d00ffffL);
    assertThat(retarget(1279008237L, 1279297671L, 0x1c05a3f4L)).isEqualTo(0x1c0168fdL);
    assertThat(retarget(1263163443L, 1269211443L, 0x1c387f6fL)).isEqualTo(0x1d00e1fdL);
    assertThat(HeaderChain.permittedTransition(PowParams.MAINNET, 0x1c05a3f4L, 0x1c0168fdL))
        .isTrue();
    assertThat(HeaderChain.permittedTransition(PowParams.MAINNET, 0x1c05a3f4L, 0x1c0168fcL))
        .isFalse();
    assertThat(HeaderChain.permittedTransition(PowParams.MAINNET, 0x1c387f6fL, 0x1d00e1fdL))
        .isTrue();
    assertThat(HeaderChain.permittedTransition(PowParams.MAINNET, 0x1c387f6fL, 0x1d00e1feL))
        .isFalse();
  }

  private static long retarget(long firstTime, long lastTime, long bits) {
    BlockHeader first =
        new BlockHeader(
            1, new BlockHash(ByteVector32.Zeroes), ByteVector32.Zeroes, firstTime, bits, 0);
    BlockHeader last = first.setTime(lastTime);
    return HeaderChain.retarget(PowParams.MAINNET, first, last);
  }

  // ------------------------------------------------------------ linking

  @Test
  void chainLinksHeadersAndCountsConfirmations() {
    BlockHeader genesis = mine(REAL.hash, 1_000_000, 0x207fffffL, 1);
    HeaderChain chain = HeaderChain.fromCheckpoint(PowParams.REGTEST, 100, genesis);
    List<BlockHeader> next = extend(genesis, 5, 0x207fffffL, 600, 2);
    chain = chain.appendAll(next);
    assertThat(chain.tipHeight()).isEqualTo(105);
    assertThat(chain.tip().header()).isEqualTo(next.get(4));
    assertThat(chain.confirmations(genesis.hash)).hasValue(6);
    assertThat(chain.confirmations(next.get(4).hash)).hasValue(1);
    assertThat(chain.atHeight(102).orElseThrow().header()).isEqualTo(next.get(1));
    assertThat(chain.confirmations(REAL.hash)).isEmpty();

    // A header that does not connect to the tip.
    HeaderChain c = chain;
    BlockHeader orphan = mine(REAL.hash, 2_000_000, 0x207fffffL, 3);
    assertReason(() -> c.append(orphan), Reason.DOES_NOT_CONNECT);
    // A header that connects but fails its own target.
    BlockHeader weak = unmined(next.get(4).hash, 2_000_000, 0x207fffffL, 4);
    assertReason(() -> c.append(weak), Reason.INSUFFICIENT_POW);
    // The failed appends changed nothing (immutable).
    assertThat(c.tipHeight()).isEqualTo(105);
  }

  @Test
  void confirmationsOfAVerifiedMerkleProof() {
    // A regtest block whose merkle root commits to three txids.
    List<TxId> txids = SpvVectors.txids().subList(0, 3);
    BlockHeader tmpl =
        new BlockHeader(4, REAL.hash, MerkleProof.merkleRoot(txids), 1_000_000, 0x207fffffL, 0);
    BlockHeader block = grind(tmpl);
    HeaderChain chain =
        HeaderChain.fromCheckpoint(PowParams.REGTEST, 10, block)
            .appendAll(extend(block, 2, 0x207fffffL, 600, 9));
    MerkleProof.Verified v =
        MerkleProof.parse(MerkleProof.build(block, txids, Set.of(txids.get(1)))).verify();
    assertThat(chain.confirmations(v)).hasValue(3);
  }

  @Test
  void mainnetRulesRequireTheParentsBitsInsideAPeriod() {
    BlockHeader base = mine(REAL.hash, 1_000_000, 0x207fffffL, 1);
    HeaderChain chain = HeaderChain.fromCheckpoint(EASY_MAIN, 5, base);
    BlockHeader changed = mine(base.hash, 1_000_600, 0x1f7fffffL, 2);
    assertReason(() -> chain.append(changed), Reason.UNEXPECTED_DIFFICULTY);
    assertThat(chain.append(mine(base.hash, 1_000_600, 0x207fffffL, 2)).tipHeight()).isEqualTo(6);
  }

  @Test
  void retargetHeightIsComputedExactlyWhenThePeriodIsHeld() {
    // Heights 0..2015 at 300 s spacing: the period took half the target time.
    BlockHeader first = mine(REAL.hash, 1_000_000, 0x207fffffL, 0);
    HeaderChain chain = HeaderChain.fromCheckpoint(EASY_MAIN, 0, first);
    chain = chain.appendAll(extend(first, 2015, 0x207fffffL, 300, 1));
    assertThat(chain.tipHeight()).isEqualTo(2015);
    long expected = HeaderChain.retarget(EASY_MAIN, first, chain.tip().header());
    assertThat(expected)
        .isEqualTo(
            Pow.compact(
                Pow.target(0x207fffffL)
                    .multiply(BigInteger.valueOf(2015 * 300))
                    .divide(BigInteger.valueOf(PowParams.TARGET_TIMESPAN))))
        .isNotEqualTo(0x207fffffL);
    HeaderChain c = chain;
    long t = chain.tip().header().time + 300;
    assertReason(
        () -> c.append(mine(c.tip().hash(), t, 0x207fffffL, 7)), Reason.UNEXPECTED_DIFFICULTY);
    assertThat(c.append(mine(c.tip().hash(), t, expected, 7)).tipHeight()).isEqualTo(2016);
  }

  @Test
  void retargetWithoutThePeriodChecksTheFactorFourBound() {
    BlockHeader base = mine(REAL.hash, 1_000_000, 0x2000ffffL, 0);
    HeaderChain chain = HeaderChain.fromCheckpoint(EASY_MAIN, 4031, base);
    // 4x easier is the bound (0x2000ffff * 4 = 0x2003fffc); a bit more is rejected.
    assertReason(
        () -> chain.append(mine(base.hash, 1_000_600, 0x20040000L, 1)),
        Reason.UNEXPECTED_DIFFICULTY);
    assertThat(chain.append(mine(base.hash, 1_000_600, 0x2003fffcL, 1)).tipHeight())
        .isEqualTo(4032);
  }

  @Test
  void testnetMinimumDifficultyRule() {
    PowParams easyTest =
        new PowParams("easy-test", PowParams.REGTEST.powLimit(), true, false, false);
    long real = 0x2000ffffL;
    long min = easyTest.powLimitBits();
    BlockHeader base = mine(REAL.hash, 1_000_000, real, 0);
    HeaderChain chain = HeaderChain.fromCheckpoint(easyTest, 10, base);
    // More than 20 minutes later: exactly the minimum difficulty.
    BlockHeader late = mine(base.hash, base.time + 1201, min, 1);
    HeaderChain c1 = chain.append(late);
    assertReason(
        () -> chain.append(mine(base.hash, base.time + 1201, real, 1)),
        Reason.UNEXPECTED_DIFFICULTY);
    // Within 20 minutes: back to the last real difficulty, found by walking back past `late`.
    assertReason(
        () -> c1.append(mine(late.hash, late.time + 600, min, 2)), Reason.UNEXPECTED_DIFFICULTY);
    assertThat(c1.append(mine(late.hash, late.time + 600, real, 2)).tipHeight()).isEqualTo(12);
  }

  @Test
  void timestampMustBeAfterMedianTimePast() {
    BlockHeader base = mine(REAL.hash, 1_000_000, 0x207fffffL, 0);
    HeaderChain chain =
        HeaderChain.fromCheckpoint(PowParams.REGTEST, 0, base)
            .appendAll(extend(base, 11, 0x207fffffL, 600, 1));
    long median = 1_000_000 + 6 * 600; // times of heights 1..11 -> median is height 6
    HeaderChain c = chain;
    assertReason(() -> c.append(mine(c.tip().hash(), median, 0x207fffffL, 5)), Reason.TIME_TOO_OLD);
    assertThat(c.append(mine(c.tip().hash(), median + 1, 0x207fffffL, 5)).tipHeight())
        .isEqualTo(12);
  }

  @Test
  void reorganizeNeedsMoreWork() {
    BlockHeader base = mine(REAL.hash, 1_000_000, 0x207fffffL, 0);
    HeaderChain chain =
        HeaderChain.fromCheckpoint(PowParams.REGTEST, 0, base)
            .appendAll(extend(base, 3, 0x207fffffL, 600, 1));
    BlockHeader forkParent = chain.atHeight(1).orElseThrow().header();
    List<BlockHeader> same = extend(forkParent, 2, 0x207fffffL, 601, 50);
    assertReason(() -> chain.reorganize(same), Reason.INSUFFICIENT_WORK);
    List<BlockHeader> longer = extend(forkParent, 3, 0x207fffffL, 601, 50);
    HeaderChain reorged = chain.reorganize(longer);
    assertThat(reorged.tipHeight()).isEqualTo(4);
    assertThat(reorged.tip().header()).isEqualTo(longer.get(2));
    assertThat(reorged.contains(chain.tip().hash())).isFalse();
    assertThat(reorged.confirmations(forkParent.hash)).hasValue(4);
    BlockHeader stranger = mine(REAL.hash, 5, 0x207fffffL, 0);
    assertReason(() -> chain.reorganize(List.of(stranger)), Reason.DOES_NOT_CONNECT);
  }

  @Test
  void capacityKeepsOnlyRecentHeaders() {
    BlockHeader base = mine(REAL.hash, 1_000_000, 0x207fffffL, 0);
    HeaderChain chain =
        HeaderChain.fromCheckpoint(PowParams.REGTEST, 0, base, 5)
            .appendAll(extend(base, 9, 0x207fffffL, 600, 1));
    assertThat(chain.entries()).hasSize(5);
    assertThat(chain.baseHeight()).isEqualTo(5);
    assertThat(chain.confirmations(base.hash)).isEmpty();
  }

  // ------------------------------------------------------------ helpers

  static List<BlockHeader> extend(BlockHeader from, int n, long bits, long spacing, int salt) {
    List<BlockHeader> out = new ArrayList<>();
    BlockHeader prev = from;
    for (int i = 0; i < n; i++) {
      prev = mine(prev.hash, prev.time + spacing, bits, salt * 100_000 + i);
      out.add(prev);
    }
    return out;
  }

  static BlockHeader mine(BlockHash prev, long time, long bits, int salt) {
    return grind(unmined(prev, time, bits, salt));
  }

  static BlockHeader unmined(BlockHash prev, long time, long bits, int salt) {
    byte[] root = new byte[32];
    root[0] = (byte) salt;
    root[1] = (byte) (salt >>> 8);
    root[2] = (byte) (salt >>> 16);
    BlockHeader h = new BlockHeader(4, prev, new ByteVector32(root), time, bits, 0);
    // Make sure it does not meet the target by accident.
    BigInteger target = Pow.target(bits);
    while (Pow.hashValue(h).compareTo(target) <= 0) {
      h = h.setNonce(h.nonce + 1);
    }
    return h;
  }

  static BlockHeader grind(BlockHeader h) {
    BigInteger target = Pow.target(h.bits);
    while (Pow.hashValue(h).compareTo(target) > 0) {
      h = h.setNonce(h.nonce + 1);
    }
    return h;
  }
}
