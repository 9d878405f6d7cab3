package dev.frostgate.regtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.BlockHeader;
import fr.acinq.bitcoin.ByteVector32;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BIP37 merkle blocks over a real mainnet block (1557 transactions, odd levels). */
class MerkleProofTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void proofsOverMainnetBlock413567RoundTrip() throws Exception {
    JsonNode v =
        new ObjectMapper()
            .readTree(
                Path.of(
                        System.getProperty("frostgate.vectors", "../../shared/vectors"),
                        "merkle-block413567.json")
                    .toFile());
    BlockHeader header = BlockHeader.read(v.get("header_hex").asText());
    assertThat(header.blockId.toString()).isEqualTo(v.get("block_hash_display").asText());
    List<byte[]> txids = new ArrayList<>();
    v.get("txids_display")
        .forEach(t -> txids.add(new ByteVector32(t.asText()).reversed().toByteArray()));
    assertThat(txids).hasSize(v.get("tx_count").asInt());

    int[][] selections = {{0}, {1556}, {1555, 1556}, {3, 700, 1200}, {}};
    for (int[] sel : selections) {
      boolean[] match = new boolean[txids.size()];
      for (int i : sel) {
        match[i] = true;
      }
      byte[] proof = MerkleProof.build(header, txids, match);
      MerkleProof.Extracted e = MerkleProof.extract(proof);
      assertThat(HEX.formatHex(e.root())).isEqualTo(v.get("merkle_root_internal").asText());
      assertThat(e.matches()).hasSize(sel.length);
      for (int k = 0; k < sel.length; k++) {
        assertThat(e.matches().get(k)).isEqualTo(txids.get(sel[k]));
      }
      if (sel.length > 0) {
        // bitcoin-kmp parses the same bytes to the same matches.
        var kmp = Block.verifyTxOutProof(proof);
        assertThat(kmp.getSecond()).hasSize(sel.length);
        assertThat(kmp.getSecond().get(0).getSecond()).isEqualTo(sel[0]);
      }
    }
  }

  @Test
  void malformedProofsAreRejected() {
    List<byte[]> txids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      byte[] h = new byte[32];
      h[0] = (byte) i;
      txids.add(h);
    }
    BlockHeader header = Block.RegtestGenesisBlock.header;
    boolean[] match = new boolean[7];
    match[4] = true;
    byte[] proof = MerkleProof.build(header, txids, match);
    assertThat(MerkleProof.extract(proof).matches()).hasSize(1);
    assertThatThrownBy(() -> MerkleProof.extract(java.util.Arrays.copyOf(proof, proof.length - 1)))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] extra = java.util.Arrays.copyOf(proof, proof.length + 1);
    assertThatThrownBy(() -> MerkleProof.extract(extra))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] zeroCount = proof.clone();
    zeroCount[80] = 0;
    assertThatThrownBy(() -> MerkleProof.extract(zeroCount))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
