package dev.frostgate.regtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.regtest.FeerateDiagram.Chunk;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FeerateDiagramTest {
  static FeerateDiagram of(Chunk... txs) {
    return FeerateDiagram.of(List.of(txs));
  }

  @Test
  void oneForOne() {
    FeerateDiagram old = of(new Chunk(10_000, 111));
    // same size, more fee: better everywhere
    assertThat(FeerateDiagram.improves(old, of(new Chunk(10_012, 111)))).isTrue();
    // identical: not an improvement
    assertThat(FeerateDiagram.improves(old, of(new Chunk(10_000, 111)))).isFalse();
    // larger, a little more fee, lower feerate: below the old diagram at 111 vB
    assertThat(FeerateDiagram.improves(old, of(new Chunk(11_000, 498)))).isFalse();
    // larger at a higher feerate: better
    assertThat(FeerateDiagram.improves(old, of(new Chunk(50_000, 498)))).isTrue();
    // smaller with the same fee: better below 111 vB, equal after
    assertThat(FeerateDiagram.improves(old, of(new Chunk(10_000, 100)))).isTrue();
  }

  @Test
  void aChildPaysForItsParentInOneChunk() {
    List<Chunk> parentChild = List.of(new Chunk(100, 100), new Chunk(10_000, 100));
    assertThat(FeerateDiagram.chunkRanges(parentChild)).containsExactly(new int[] {0, 2});
    List<Chunk> richParent = List.of(new Chunk(10_000, 100), new Chunk(100, 100));
    assertThat(FeerateDiagram.chunkRanges(richParent))
        .containsExactly(new int[] {0, 1}, new int[] {1, 2});
    assertThat(FeerateDiagram.of(parentChild).points())
        .containsExactly(new long[] {0, 0}, new long[] {200, 10_100});
  }

  @Property
  void neverImprovesOnItselfAndMoreFeeForTheSameSizeAlwaysDoes(
      @ForAll @LongRange(min = 0, max = 2_100_000_000_000_000L) long fee,
      @ForAll @LongRange(min = 1, max = 400_000) long size,
      @ForAll @LongRange(min = 1, max = 1_000_000) long extra) {
    FeerateDiagram d = of(new Chunk(fee, size));
    assertThat(FeerateDiagram.improves(d, d)).isFalse();
    assertThat(FeerateDiagram.improves(d, of(new Chunk(fee + extra, size)))).isTrue();
    assertThat(FeerateDiagram.improves(of(new Chunk(fee + extra, size)), d)).isFalse();
  }
}
