package dev.frostgate.bitcoin.spend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxOut;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BIP341 keyPathSpending vectors: midstate hashes, sigMsg and sigHash of every input. */
class Bip341VectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  static JsonNode vectors() throws Exception {
    String dir = System.getProperty("frostgate.vectors");
    return new ObjectMapper()
        .readTree(Files.readAllBytes(Path.of(dir, "bip341-wallet-test-vectors.json")));
  }

  @Test
  void keyPathSpendingSigMsgAndSigHash() throws Exception {
    JsonNode v = vectors().get("keyPathSpending").get(0);
    Transaction tx = Transaction.read(v.get("given").get("rawUnsignedTx").asText());
    List<TxOut> utxos = new ArrayList<>();
    for (JsonNode u : v.get("given").get("utxosSpent")) {
      utxos.add(
          new TxOut(
              new Satoshi(u.get("amountSats").asLong()),
              HEX.parseHex(u.get("scriptPubKey").asText())));
    }
    TaprootSighash sh = TaprootSighash.of(tx, utxos);
    JsonNode mid = v.get("intermediary");
    assertThat(HEX.formatHex(sh.shaPrevouts())).isEqualTo(mid.get("hashPrevouts").asText());
    assertThat(HEX.formatHex(sh.shaAmounts())).isEqualTo(mid.get("hashAmounts").asText());
    assertThat(HEX.formatHex(sh.shaScriptPubkeys()))
        .isEqualTo(mid.get("hashScriptPubkeys").asText());
    assertThat(HEX.formatHex(sh.shaSequences())).isEqualTo(mid.get("hashSequences").asText());
    assertThat(HEX.formatHex(sh.shaOutputs())).isEqualTo(mid.get("hashOutputs").asText());

    int checked = 0;
    for (JsonNode in : v.get("inputSpending")) {
      int index = in.get("given").get("txinIndex").asInt();
      int hashType = in.get("given").get("hashType").asInt();
      JsonNode expected = in.get("intermediary");
      assertThat(HEX.formatHex(sh.sigMsg(index, hashType)))
          .as("sigMsg of input %d, hash type %d", index, hashType)
          .isEqualTo(expected.get("sigMsg").asText());
      assertThat(HEX.formatHex(sh.sigHash(index, hashType)))
          .as("sigHash of input %d", index)
          .isEqualTo(expected.get("sigHash").asText());
      // bitcoin-kmp's own BIP341 sighash agrees.
      assertThat(
              Transaction.hashForSigningTaprootKeyPath(tx, index, utxos, hashType, null)
                  .toByteArray())
          .isEqualTo(sh.sigHash(index, hashType));
      checked++;
    }
    assertThat(checked).isEqualTo(7);
  }
}
