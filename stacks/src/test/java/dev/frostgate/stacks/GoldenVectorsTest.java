package dev.frostgate.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.stacks.address.AddressVersion;
import dev.frostgate.stacks.address.C32;
import dev.frostgate.stacks.address.StacksAddress;
import dev.frostgate.stacks.clarity.ClarityCodec;
import dev.frostgate.stacks.clarity.ClarityValue;
import dev.frostgate.stacks.tx.AnchorMode;
import dev.frostgate.stacks.tx.ContractCall;
import dev.frostgate.stacks.tx.ContractCallTransaction;
import dev.frostgate.stacks.tx.PostConditionMode;
import dev.frostgate.stacks.tx.SignedTransaction;
import dev.frostgate.stacks.tx.StacksNetwork;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Byte-for-byte agreement with @stacks/transactions 7.6.0 and c32check 2.0.0. */
class GoldenVectorsTest {
  private static final JsonNode VECTORS = GoldenVectors.load();
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void clarityValuesSerializeAndDecodeAsTheReference() throws Exception {
    assertThat(VECTORS.get("clarity")).hasSizeGreaterThanOrEqualTo(29);
    for (JsonNode v : VECTORS.get("clarity")) {
      ClarityValue value = GoldenVectors.value(v.get("value"));
      String name = v.get("name").asText();
      assertThat(ClarityCodec.serializeHex(value)).as(name).isEqualTo(v.get("hex").asText());
      assertThat(ClarityCodec.deserializeHex(v.get("hex").asText())).as(name).isEqualTo(value);
    }
  }

  @Test
  void addressesAsTheReference() {
    for (JsonNode a : VECTORS.get("addresses")) {
      StacksAddress address =
          StacksAddress.of(
              AddressVersion.of(a.get("version").asInt()), HEX.parseHex(a.get("hash160").asText()));
      assertThat(address.toString()).isEqualTo(a.get("address").asText());
      assertThat(StacksAddress.parse(a.get("address").asText())).isEqualTo(address);
    }
  }

  @Test
  void c32AndC32checkAsTheReference() {
    for (JsonNode c : VECTORS.get("c32")) {
      byte[] data = HEX.parseHex(c.get("hex").asText());
      assertThat(C32.encode(data)).as(c.get("hex").asText()).isEqualTo(c.get("c32").asText());
      assertThat(C32.decode(c.get("c32").asText())).isEqualTo(data);
    }
    for (JsonNode c : VECTORS.get("c32check")) {
      byte[] data = HEX.parseHex(c.get("data").asText());
      assertThat(C32.checkEncode(c.get("version").asInt(), data))
          .isEqualTo(c.get("c32check").asText());
      C32.Decoded d = C32.checkDecode(c.get("c32check").asText());
      assertThat(d.version()).isEqualTo(c.get("version").asInt());
      assertThat(d.data()).isEqualTo(data);
    }
  }

  @Test
  void signedContractCallsAsTheReference() {
    assertThat(VECTORS.get("transactions")).hasSize(4);
    for (JsonNode t : VECTORS.get("transactions")) {
      SecretScalar key = SecretScalar.fromBytes(HEX.parseHex(t.get("private_key").asText()));
      byte[] publicKey = key.publicPoint().compressed();
      assertThat(HEX.formatHex(publicKey)).isEqualTo(t.get("public_key").asText());
      StacksNetwork network =
          t.get("network").asText().equals("mainnet")
              ? StacksNetwork.MAINNET
              : StacksNetwork.TESTNET;
      assertThat(StacksAddress.ofPublicKey(publicKey, network == StacksNetwork.MAINNET).toString())
          .isEqualTo(t.get("sender").asText());
      List<ClarityValue> args = new ArrayList<>();
      t.get("args").forEach(a -> args.add(GoldenVectors.value(a)));
      assertThat(t.get("anchor_mode").asInt()).isEqualTo(AnchorMode.ANY.code());
      ContractCallTransaction tx =
          new ContractCallTransaction(
              network,
              publicKey,
              Long.parseLong(t.get("nonce").asText()),
              Long.parseLong(t.get("fee").asText()),
              AnchorMode.ANY,
              PostConditionMode.DENY,
              ContractCall.of(t.get("contract").asText(), t.get("function").asText(), args));
      SignedTransaction signed = tx.sign(key);
      assertThat(signed.hex()).as(t.get("label").asText()).isEqualTo(t.get("tx_hex").asText());
      assertThat(signed.txidHex()).isEqualTo(t.get("txid").asText());
      key.destroy();
    }
  }
}
