package dev.frostgate.node.bitcoin.psbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.psbt.PsbtException;
import dev.frostgate.bitcoin.psbt.SpendPsbt;
import dev.frostgate.bitcoin.spend.Branch;
import dev.frostgate.bitcoin.spend.ChangePolicy;
import dev.frostgate.bitcoin.spend.SignedSpend;
import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.SpendOutput;
import dev.frostgate.bitcoin.spend.SpendRecipe;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.hd.Descriptor;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.testkit.bitcoin.DkgGroup;
import dev.frostgate.testkit.bitcoin.InProcessSpendSigning;
import dev.frostgate.testkit.node.bitcoind.BitcoindAvailable;
import dev.frostgate.testkit.node.bitcoind.RegtestBitcoind;
import dev.frostgate.testkit.node.bitcoind.TestBitcoind;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.psbt.Psbt;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Frostgate's PSBTs checked by a real bitcoind ({@code ../shared/bitcoin-core} by default; skipped
 * without one, a failure in CI): {@code decodepsbt} reads back every BIP174/BIP371 field written,
 * {@code analyzepsbt} agrees on the fee, the size and the next role, Core's {@code finalizepsbt} of
 * the signed PSBT is byte for byte the transaction Frostgate broadcasts, and PSBTs Core writes
 * ({@code combinepsbt}, {@code finalizepsbt} without extracting) come back into Frostgate.
 */
@ExtendWith(BitcoindAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BitcoindPsbtTest {
  static final DkgGroup G = DkgGroup.get();
  static final HexFormat HEX = HexFormat.of();
  static final long[] DEPOSITS = {40_000_000, 30_000_000, 20_000_000};
  static final long CHANGE_INDEX = 5;

  RegtestBitcoind node;
  BitcoinRpcClient rpc;
  String minerAddress;
  UnsignedSpend spend;

  @BeforeAll
  void fundThreeDepositsAndBuildTheirSpend() {
    node = TestBitcoind.startOrSkip();
    rpc = BitcoinRpcClient.create(node.clientConfig());
    rpc.createWallet("miner", false, false);
    BitcoinRpcClient miner = rpc.forWallet("miner");
    minerAddress = miner.getNewAddress();
    rpc.generateToAddress(101, minerAddress);
    List<SpendInput> inputs = new ArrayList<>();
    for (int index = 0; index < DEPOSITS.length; index++) {
      TxId txid = miner.sendToAddress(G.xpub.depositAddress(index), new Satoshi(DEPOSITS[index]));
      Transaction tx = rpc.getRawTransaction(txid);
      ByteVector script = new ByteVector(G.xpub.depositOutput(index).scriptPubKey());
      int vout = 0;
      while (!tx.txOut.get(vout).publicKeyScript.equals(script)) {
        vout++;
      }
      inputs.add(
          new SpendInput(
              new OutPoint(txid, vout), new Satoshi(DEPOSITS[index]), Branch.DEPOSIT, index));
    }
    rpc.generateToAddress(1, minerAddress);
    spend =
        SpendBuilder.build(
            new SpendRecipe(
                inputs,
                List.of(SpendOutput.toAddress(minerAddress, new Satoshi(50_000_000))),
                FeeRate.satPerVb(2),
                ChangePolicy.toIndex(CHANGE_INDEX),
                new Satoshi(100_000)),
            G.xpub);
  }

  @AfterAll
  void stop() {
    if (rpc != null) {
      rpc.close();
    }
    if (node != null) {
      node.close();
    }
  }

  JsonNode core(String method, Psbt psbt) {
    return rpc.call(method, List.of(SpendPsbt.toBase64(psbt)));
  }

  static long sats(JsonNode btc) {
    return btc.decimalValue().movePointRight(8).longValueExact();
  }

  static List<byte[]> signatures(SignedSpend s) {
    return s.tx().txIn.stream().map(in -> in.witness.stack.get(0).toByteArray()).toList();
  }

  /** The input's BIP32 path under the threshold xpub, as Core prints it. */
  static String path(SpendInput in) {
    return "m/" + in.branch().number() + "/" + in.index();
  }

  String fingerprint() {
    return String.format("%08x", G.xpub.xpub().fingerprint());
  }

  @Test
  void decodePsbtReadsBackEveryFieldOfTheUnsignedPsbt() {
    Psbt unsigned = SpendPsbt.export(spend);
    JsonNode d = core("decodepsbt", unsigned);
    assertThat(d.get("tx").get("txid").asText()).isEqualTo(spend.txid().toString());
    assertThat(d.get("psbt_version").asInt()).isZero();
    assertThat(d.get("unknown").size()).as("fields Core does not know").isZero();
    assertThat(d.get("proprietary").size()).isZero();
    assertThat(sats(d.get("fee"))).isEqualTo(spend.fee().getSat());
    for (int i = 0; i < spend.inputs().size(); i++) {
      SpendInput in = spend.inputs().get(i);
      String internalKey = HEX.formatHex(G.xpub.depositOutput(in.index()).internalKey());
      JsonNode input = d.get("inputs").get(i);
      assertThat(sats(input.get("witness_utxo").get("amount"))).isEqualTo(in.amount().getSat());
      assertThat(input.get("witness_utxo").get("scriptPubKey").get("hex").asText())
          .isEqualTo(spend.spentOutputs().get(i).publicKeyScript.toHex());
      assertThat(input.get("taproot_internal_key").asText()).isEqualTo(internalKey);
      JsonNode derivation = input.get("taproot_bip32_derivs");
      assertThat(derivation).hasSize(1);
      assertThat(derivation.get(0).get("pubkey").asText()).isEqualTo(internalKey);
      assertThat(derivation.get(0).get("master_fingerprint").asText()).isEqualTo(fingerprint());
      assertThat(derivation.get(0).get("path").asText()).isEqualTo(path(in));
      assertThat(derivation.get(0).get("leaf_hashes")).isEmpty();
      assertThat(input.has("taproot_key_path_sig")).isFalse();
      assertThat(input.has("unknown")).isFalse();
    }
    int change = spend.changeOutput().getAsInt();
    JsonNode out = d.get("outputs").get(change);
    String changeKey = HEX.formatHex(G.xpub.changeOutput(CHANGE_INDEX).internalKey());
    assertThat(out.get("taproot_internal_key").asText()).isEqualTo(changeKey);
    assertThat(out.get("taproot_bip32_derivs").get(0).get("pubkey").asText()).isEqualTo(changeKey);
    assertThat(out.get("taproot_bip32_derivs").get(0).get("master_fingerprint").asText())
        .isEqualTo(fingerprint());
    assertThat(out.get("taproot_bip32_derivs").get(0).get("path").asText())
        .isEqualTo("m/1/" + CHANGE_INDEX);
    assertThat(d.get("outputs").get(1 - change).size()).as("the recipient's output").isZero();
  }

  @Test
  void coreAndFrostgateAgreeOnFeeSizeAndNextRoleAtEveryStep() {
    Psbt unsigned = SpendPsbt.export(spend);
    SignedSpend signed = InProcessSpendSigning.sign(spend, G.rawPublic, G.signers(), DkgGroup.RND);
    Psbt withSigs = SpendPsbt.attachSignatures(unsigned, signatures(signed));
    Psbt finalized = SpendPsbt.finalizeKeyPath(withSigs);

    JsonNode toSign = core("analyzepsbt", unsigned);
    assertThat(sats(toSign.get("fee"))).isEqualTo(spend.fee().getSat()).isEqualTo(fee(unsigned));
    assertThat(toSign.get("estimated_vsize").asLong()).isEqualTo(spend.vsize());
    assertThat(toSign.get("estimated_feerate").decimalValue())
        .isEqualByComparingTo(BigDecimal.valueOf(spend.fee().getSat() * 1000 / spend.vsize(), 8));
    assertThat(SpendPsbt.nextRole(unsigned)).isEqualTo(SpendPsbt.Role.SIGNER);
    // Core cannot tell a Taproot input that lacks only its signature from one that lacks data: its
    // dummy signer records missing signatures for ECDSA keys only, so it answers "updater" for
    // every unsigned Taproot PSBT, its own wallet's included (bitcoin/bitcoin#36035, #34765).
    assertThat(toSign.get("next").asText()).isEqualTo("updater");
    for (JsonNode in : toSign.get("inputs")) {
      assertThat(in.get("has_utxo").asBoolean()).isTrue();
      assertThat(in.get("is_final").asBoolean()).isFalse();
    }

    JsonNode toFinalize = core("analyzepsbt", withSigs);
    assertThat(sats(toFinalize.get("fee"))).isEqualTo(fee(withSigs));
    assertThat(toFinalize.get("next").asText())
        .isEqualTo(SpendPsbt.nextRole(withSigs).coreName())
        .isEqualTo("finalizer");

    JsonNode toExtract = core("analyzepsbt", finalized);
    assertThat(sats(toExtract.get("fee"))).isEqualTo(fee(finalized));
    assertThat(toExtract.get("next").asText())
        .isEqualTo(SpendPsbt.nextRole(finalized).coreName())
        .isEqualTo("extractor");
    assertThat(toExtract.get("inputs"))
        .allSatisfy(in -> assertThat(in.get("is_final").asBoolean()).isTrue());
  }

  static long fee(Psbt psbt) {
    return SpendPsbt.fee(psbt).orElseThrow();
  }

  @Test
  void coreFinalizesTheSignedPsbtIntoTheTransactionFrostgateBroadcasts() {
    Psbt unsigned = SpendPsbt.export(spend);
    SignedSpend signed = InProcessSpendSigning.sign(spend, G.rawPublic, G.signers(), DkgGroup.RND);
    Psbt withSigs = SpendPsbt.attachSignatures(unsigned, signatures(signed));

    JsonNode decoded = core("decodepsbt", withSigs);
    for (int i = 0; i < spend.inputs().size(); i++) {
      assertThat(decoded.get("inputs").get(i).get("taproot_key_path_sig").asText())
          .isEqualTo(HEX.formatHex(signatures(signed).get(i)));
    }
    JsonNode byCore = core("finalizepsbt", withSigs);
    assertThat(byCore.get("complete").asBoolean()).isTrue();
    assertThat(byCore.get("hex").asText()).isEqualTo(signed.hex());

    // Frostgate's own finalized PSBT: Core extracts the same bytes, and sees only the witness.
    Psbt finalized = SpendPsbt.finalizeKeyPath(withSigs);
    assertThat(core("finalizepsbt", finalized).get("hex").asText()).isEqualTo(signed.hex());
    assertThat(core("decodepsbt", finalized).get("inputs"))
        .allSatisfy(
            in -> {
              assertThat(in.get("final_scriptwitness")).hasSize(1);
              assertThat(in.has("taproot_key_path_sig")).isFalse();
              assertThat(in.has("taproot_internal_key")).isFalse();
            });

    // What Frostgate broadcasts is what Core accepts and mines.
    assertThat(rpc.testMempoolAccept(List.of(signed.tx()), Optional.empty()).get(0).isAllowed())
        .isTrue();
    TxId txid = rpc.sendRawTransaction(signed.tx(), Optional.empty());
    var block = rpc.generateToAddress(1, minerAddress).get(0);
    assertThat(rpc.getBlock(block).tx()).contains(txid);
    rpc.invalidateBlock(block); // the other tests build on the same deposits
    rpc.call("reconsiderblock", List.of(BitcoinRpcClient.displayHex(block)));
  }

  @Test
  void psbtsCoreWritesComeBackIntoFrostgate() {
    Psbt unsigned = SpendPsbt.export(spend);
    SignedSpend signed = InProcessSpendSigning.sign(spend, G.rawPublic, G.signers(), DkgGroup.RND);
    Psbt withSigs = SpendPsbt.attachSignatures(unsigned, signatures(signed));

    // A reviewer combines the signed PSBT with the unsigned one in Core.
    String combined =
        rpc.call(
                "combinepsbt",
                List.of(
                    JsonNodeFactory.instance
                        .arrayNode()
                        .add(SpendPsbt.toBase64(unsigned))
                        .add(SpendPsbt.toBase64(withSigs))))
            .asText();
    Psbt fromCore = SpendPsbt.parseBase64(combined);
    SpendPsbt.checkMatches(fromCore, spend);
    assertThat(SpendPsbt.nextRole(fromCore)).isEqualTo(SpendPsbt.Role.FINALIZER);
    assertThat(SpendPsbt.extract(SpendPsbt.finalizeKeyPath(fromCore), spend).bytes())
        .isEqualTo(signed.bytes());

    // Core finalizes without extracting; Frostgate extracts and checks the result.
    String finalizedByCore =
        rpc.call("finalizepsbt", List.of(SpendPsbt.toBase64(withSigs), false)).get("psbt").asText();
    Psbt finalized = SpendPsbt.parseBase64(finalizedByCore);
    assertThat(SpendPsbt.nextRole(finalized)).isEqualTo(SpendPsbt.Role.EXTRACTOR);
    assertThat(SpendPsbt.extract(finalized, spend).bytes()).isEqualTo(signed.bytes());
  }

  @Test
  void coreDerivesTheSameTaprootFieldsFromTheGroupsDescriptors() {
    // Core builds its own PSBT of the same transaction from the group's public descriptors
    // (tr(xpub/0/*) for deposits, tr(xpub/1/*) for change) and the UTXO set: Frostgate's must match
    // it field for field.
    // version 0, as Frostgate writes (this Core writes BIP370 version 2 by default)
    String bare =
        rpc.call("converttopsbt", List.of(HEX.formatHex(spend.bytes()), false, false, 0)).asText();
    ArrayNode descriptors =
        JsonNodeFactory.instance
            .arrayNode()
            .add(Descriptor.taprootRange(G.xpub, 0))
            .add(Descriptor.taprootRange(G.xpub, 1));
    String byCore = rpc.call("utxoupdatepsbt", List.of(bare, descriptors)).asText();
    JsonNode core = rpc.call("decodepsbt", List.of(byCore));
    JsonNode ours = core("decodepsbt", SpendPsbt.export(spend));
    assertThat(ours.get("inputs")).isEqualTo(core.get("inputs"));
    assertThat(ours.get("outputs")).isEqualTo(core.get("outputs"));
    assertThat(ours.get("fee")).isEqualTo(core.get("fee"));
  }

  @Test
  void aFingerprintWithItsHighBitSetIsWrittenAsCoreReadsIt() {
    // bitcoin-kmp holds fingerprints in a long: check the sign bit does not leak into the bytes.
    ThresholdXpub xpub;
    do {
      byte[] chainCode = new byte[32];
      DkgGroup.RND.nextBytes(chainCode);
      xpub =
          ThresholdXpub.of(
              SecretScalar.random(DkgGroup.RND).publicPoint(), chainCode, Network.REGTEST);
    } while (xpub.xpub().fingerprint() >= 0);
    UnsignedSpend u =
        SpendBuilder.build(
            new SpendRecipe(
                DkgGroup.depositCoins(2, 50_000),
                List.of(SpendOutput.toAddress(minerAddress, new Satoshi(60_000))),
                FeeRate.satPerVb(2),
                ChangePolicy.toIndex(0),
                new Satoshi(20_000)),
            xpub);
    String expected = String.format("%08x", xpub.xpub().fingerprint());
    assertThat(expected).hasSize(8);
    JsonNode d = core("decodepsbt", SpendPsbt.export(u));
    assertThat(d.get("inputs"))
        .allSatisfy(
            in ->
                assertThat(in.get("taproot_bip32_derivs").get(0).get("master_fingerprint").asText())
                    .isEqualTo(expected));
  }

  @Test
  void aVersion2PsbtFromCoreIsRefusedWithWhatToDo() {
    // This Core writes BIP370 version 2 PSBTs by default; Frostgate reads version 0.
    String v2 = rpc.call("converttopsbt", List.of(HEX.formatHex(spend.bytes()))).asText();
    assertThat(rpc.call("decodepsbt", List.of(v2)).get("psbt_version").asInt()).isEqualTo(2);
    assertThatThrownBy(() -> SpendPsbt.parseBase64(v2))
        .isInstanceOfSatisfying(
            PsbtException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(PsbtException.Reason.UNSUPPORTED_VERSION);
              assertThat(e.getMessage()).contains("version 2").contains("psbt_version=0");
            });
  }
}
