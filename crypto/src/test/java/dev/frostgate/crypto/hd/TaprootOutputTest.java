package dev.frostgate.crypto.hd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.hash.Hashes;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TaprootOutputTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void bip341ScriptPubKeyCases() {
    JsonNode cases = Vectors.json("bip341-wallet-test-vectors.json").get("scriptPubKey");
    assertThat(cases.size()).isEqualTo(7);
    for (JsonNode c : cases) {
      JsonNode given = c.get("given");
      JsonNode inter = c.get("intermediary");
      JsonNode expected = c.get("expected");
      Point internal = Point.liftX(HEX.parseHex(given.get("internalPubkey").asText()));
      JsonNode tree = given.get("scriptTree");
      TaprootOutput out;
      if (tree.isNull()) {
        assertThat(inter.get("merkleRoot").isNull()).isTrue();
        out = TaprootOutput.of(internal);
        assertThat(out.merkleRoot()).isEmpty();
      } else {
        Map<Integer, byte[]> leaves = new TreeMap<>();
        byte[] root = merkleRoot(tree, leaves);
        for (int i = 0; i < leaves.size(); i++) {
          assertThat(HEX.formatHex(leaves.get(i)))
              .isEqualTo(inter.get("leafHashes").get(i).asText());
        }
        assertThat(HEX.formatHex(root)).isEqualTo(inter.get("merkleRoot").asText());
        out = TaprootOutput.of(internal, root);
        assertThat(out.merkleRoot()).hasValueSatisfying(r -> assertThat(r).isEqualTo(root));
        // Control block byte 0 is leafVersion | parity(Q).
        int first = HEX.parseHex(expected.get("scriptPathControlBlocks").get(0).asText())[0];
        assertThat(out.outputKeyOddY()).isEqualTo((first & 1) == 1);
      }
      assertThat(out.tweak().toHex()).isEqualTo(inter.get("tweak").asText());
      assertThat(HEX.formatHex(out.outputKey())).isEqualTo(inter.get("tweakedPubkey").asText());
      assertThat(HEX.formatHex(out.internalKey())).isEqualTo(given.get("internalPubkey").asText());
      assertThat(HEX.formatHex(out.scriptPubKey()))
          .isEqualTo(expected.get("scriptPubKey").asText());
      assertThat(out.address(Network.MAINNET)).isEqualTo(expected.get("bip350Address").asText());
      assertThat(out.outputPoint()).isEqualTo(out.internalPoint().addMulGenerator(out.tweak()));
    }
  }

  /** Leaves are TapLeaf hashes; a JSON array is a branch whose children are sorted by TapBranch. */
  private static byte[] merkleRoot(JsonNode node, Map<Integer, byte[]> leaves) {
    if (node.isArray()) {
      return TaprootOutput.tapBranchHash(
          merkleRoot(node.get(0), leaves), merkleRoot(node.get(1), leaves));
    }
    byte[] h =
        TaprootOutput.tapLeafHash(
            node.get("leafVersion").asInt(), HEX.parseHex(node.get("script").asText()));
    leaves.put(node.get("id").asInt(), h);
    return h;
  }

  @Test
  void internalKeyOfEitherParityGivesTheSameOutput() {
    Point p = Point.mulGenerator(Scalar.of(7));
    TaprootOutput even = TaprootOutput.of(p.withEvenY());
    TaprootOutput odd = TaprootOutput.of(p.withEvenY().negate());
    assertThat(odd.outputKey()).isEqualTo(even.outputKey());
    assertThat(odd.internalPoint().hasEvenY()).isTrue();
  }

  @Test
  void tweakIsAlwaysApplied() {
    Point p = Point.mulGenerator(Scalar.of(3)).withEvenY();
    TaprootOutput out = TaprootOutput.of(p);
    byte[] t = Hashes.taggedHash("TapTweak", p.xOnly());
    assertThat(out.tweak().toBytes()).isEqualTo(t);
    assertThat(out.outputKey()).isNotEqualTo(p.xOnly());
  }

  @Test
  void bitcoinCoreP2trAddressesUseTheSameEncoding() {
    int n = 0;
    for (JsonNode row : Vectors.json("bitcoincore-key_io_valid.json")) {
      String spk = row.get(1).asText();
      if (row.get(2).get("isPrivkey").asBoolean()
          || !spk.startsWith("5120")
          || spk.length() != 68) {
        continue;
      }
      Network network = Network.fromName(row.get(2).get("chain").asText());
      byte[] x = HEX.parseHex(spk.substring(4));
      assertThat(SegwitAddress.of(network, 1, x).encode()).isEqualTo(row.get(0).asText());
      n++;
    }
    assertThat(n).isGreaterThanOrEqualTo(4);
  }

  @Test
  void merkleRootMustBe32Bytes() {
    Point p = Point.mulGenerator(Scalar.of(3));
    assertThatThrownBy(() -> TaprootOutput.of(p, new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }
}
