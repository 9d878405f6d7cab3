package dev.frostgate.regtest;

import static org.assertj.core.api.Assertions.assertThat;

import fr.acinq.bitcoin.Block;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockValidatorTest {
  @TempDir Path dir;

  @Test
  void replaysTheNodesBlocksAndRejectsAGap() throws Exception {
    List<Block> blocks = new ArrayList<>();
    try (EmbeddedRegtestNode node = EmbeddedRegtestNode.start(0, dir)) {
      RegtestNode n = node.node();
      byte[] script = new byte[] {0x51}; // OP_TRUE
      for (int i = 0; i < 5; i++) {
        blocks.add(n.mine(script).block);
      }
    }
    BlockValidator v = BlockValidator.fresh();
    assertThat(v.submit(blocks.get(1))).contains("prev-blk-not-found");
    for (Block b : blocks) {
      assertThat(v.submit(b)).isEmpty();
    }
    assertThat(v.height()).isEqualTo(5);
    assertThat(v.submit(blocks.get(4))).contains("duplicate");
  }
}
