package dev.frostgate.node.bitcoin.rpc;

import static dev.frostgate.node.bitcoin.rpc.FakeCore.error;
import static dev.frostgate.node.bitcoin.rpc.FakeCore.result;
import static dev.frostgate.node.bitcoin.rpc.Fixtures.H1;
import static dev.frostgate.node.bitcoin.rpc.Fixtures.H2;
import static dev.frostgate.node.bitcoin.rpc.Fixtures.H3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.bitcoin.fee.EstimateMode;
import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.money.Amounts;
import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Typed methods against Core 27-shaped answers, including malformed ones. */
@Timeout(20)
class BitcoinRpcClientMethodsTest {
  FakeCore core;
  BitcoinRpcClient rpc;

  @BeforeEach
  void start() throws IOException {
    core = new FakeCore();
    RpcClientConfig config =
        RpcClientConfig.of(core.url(), RpcAuth.userPassword("u", "p"))
            .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
            .withRetry(RetryPolicy.none());
    rpc = BitcoinRpcClient.create(config);
  }

  @AfterEach
  void stop() {
    rpc.close();
    core.close();
  }

  FakeCore.Request last() {
    return core.requests.get(core.requests.size() - 1);
  }

  static final String BLOCKCHAIN_INFO_27 =
      """
      {"chain":"regtest","blocks":101,"headers":101,
       "bestblockhash":"%s","difficulty":4.656542373906925e-10,"time":1712000000,
       "mediantime":1711999999,"verificationprogress":1,"initialblockdownload":false,
       "chainwork":"00000000000000000000000000000000000000000000000000000000000000cc",
       "size_on_disk":30712,"pruned":false,"warnings":""}
      """
          .formatted(H1);

  @Test
  void getBlockchainInfo() {
    core.then(result(BLOCKCHAIN_INFO_27), result(BLOCKCHAIN_INFO_27.replace("\"\"}", "[\"w1\"]}")));
    BlockchainInfo info = rpc.getBlockchainInfo();
    assertThat(info.chain()).isEqualTo("regtest");
    assertThat(info.blocks()).isEqualTo(101);
    assertThat(info.bestblockhash()).isEqualTo(BitcoinRpcClient.blockHashFromDisplay(H1));
    assertThat(info.initialblockdownload()).isFalse();
    assertThat(info.time()).hasValue(1712000000);
    assertThat(info.pruneheight()).isEmpty();
    assertThat(info.warnings()).isEmpty();
    assertThat(rpc.getBlockchainInfo().warnings()).containsExactly("w1"); // Core 28 shape
  }

  @Test
  void missingFieldIsNamed() {
    core.then(result(BLOCKCHAIN_INFO_27.replace("\"blocks\":101,", "")));
    assertThatThrownBy(rpc::getBlockchainInfo)
        .isInstanceOf(RpcMalformedResponseException.class)
        .hasMessageContaining("getblockchaininfo")
        .hasMessageContaining("result.blocks: missing");
  }

  @Test
  void wrongFieldTypeIsNamed() {
    core.then(
        result(BLOCKCHAIN_INFO_27.replace("\"pruned\":false", "\"pruned\":\"no\"")),
        result(BLOCKCHAIN_INFO_27.replace("\"bestblockhash\":\"" + H1, "\"bestblockhash\":\"xyz")),
        result(BLOCKCHAIN_INFO_27.replace("\"blocks\":101", "\"blocks\":101.5")),
        result("[]"));
    assertThatThrownBy(rpc::getBlockchainInfo)
        .isInstanceOf(RpcMalformedResponseException.class)
        .hasMessageContaining("result.pruned: expected a boolean, got string");
    assertThatThrownBy(rpc::getBlockchainInfo).hasMessageContaining("result.bestblockhash");
    assertThatThrownBy(rpc::getBlockchainInfo).hasMessageContaining("result.blocks");
    assertThatThrownBy(rpc::getBlockchainInfo)
        .hasMessageContaining("result: expected an object, got array");
  }

  @Test
  void getBlockHashAndParams() {
    core.then(result("\"" + H2 + "\""), result("\"" + H2.substring(1) + "\""));
    assertThat(rpc.getBlockHash(7)).isEqualTo(BitcoinRpcClient.blockHashFromDisplay(H2));
    assertThat(last().params().get(0).asLong()).isEqualTo(7);
    assertThatThrownBy(() -> rpc.getBlockHash(7))
        .isInstanceOf(RpcMalformedResponseException.class)
        .hasMessageContaining("64-digit hex");
    assertThatThrownBy(() -> rpc.getBlockHash(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  static String headerJson(String hash, String extra) {
    return """
        {"hash":"%s","confirmations":1,"height":0,"version":1,"versionHex":"00000001",
         "merkleroot":"4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b",
         "time":1296688602,"mediantime":1296688602,"nonce":2,"bits":"207fffff",
         "difficulty":4.656542373906925e-10,
         "chainwork":"0000000000000000000000000000000000000000000000000000000000000002",
         "nTx":1%s}
        """
        .formatted(hash, extra);
  }

  @Test
  void getBlockHeaderVerboseAndRaw() {
    BlockHash genesis = BitcoinRpcClient.blockHashFromDisplay(Fixtures.genesisHash());
    core.then(
        result(headerJson(Fixtures.genesisHash(), ",\"nextblockhash\":\"" + H1 + "\"")),
        result("\"" + Fixtures.genesisHeaderHex() + "\""),
        result(headerJson(H3, "")),
        result("\"" + Fixtures.genesisHeaderHex() + "\""),
        result("\"00ff\""));
    BlockHeaderInfo h = rpc.getBlockHeader(genesis);
    assertThat(h.height()).isZero();
    assertThat(h.nTx()).isEqualTo(1);
    assertThat(h.previousblockhash()).isEmpty();
    assertThat(h.nextblockhash()).contains(BitcoinRpcClient.blockHashFromDisplay(H1));
    assertThat(h.inActiveChain()).isTrue();
    assertThat(last().params().get(1).asBoolean()).isTrue();

    assertThat(rpc.getBlockHeaderRaw(genesis).hash).isEqualTo(genesis);
    assertThat(last().params().get(1).asBoolean()).isFalse();

    assertThatThrownBy(() -> rpc.getBlockHeader(genesis)).hasMessageContaining("asked for");
    assertThatThrownBy(() -> rpc.getBlockHeaderRaw(BitcoinRpcClient.blockHashFromDisplay(H1)))
        .isInstanceOf(RpcMalformedResponseException.class)
        .hasMessageContaining("hashes to");
    assertThatThrownBy(() -> rpc.getBlockHeaderRaw(genesis))
        .isInstanceOf(RpcMalformedResponseException.class)
        .hasMessageContaining("not a valid block header");
  }

  @Test
  void getBlockVerbosity0And1() {
    BlockHash genesis = BitcoinRpcClient.blockHashFromDisplay(Fixtures.genesisHash());
    String v1 =
        headerJson(Fixtures.genesisHash(), "")
            .replace(
                "\"nTx\":1",
                "\"nTx\":1,\"strippedsize\":285,\"size\":285,\"weight\":1140,\"tx\":[\""
                    + Fixtures.coinbaseTxid()
                    + "\"]");
    core.then(
        result("\"" + Fixtures.genesisHex() + "\""),
        result(v1),
        result(v1.replace("\"nTx\":1", "\"nTx\":2")));
    assertThat(rpc.getBlockRaw(genesis).tx).hasSize(1);
    assertThat(last().params().get(1).asInt()).isZero();
    BlockInfo b = rpc.getBlock(genesis);
    assertThat(b.tx()).containsExactly(Fixtures.coinbase().txid);
    assertThat(b.weight()).isEqualTo(1140);
    assertThat(last().params().get(1).asInt()).isEqualTo(1);
    assertThatThrownBy(() -> rpc.getBlock(genesis)).hasMessageContaining("nTx is 2");
  }

  @Test
  void getRawTransactionHexAndVerbose() {
    TxId txid = Fixtures.coinbase().txid;
    String verbose =
        """
        {"txid":"%s","hash":"%s","version":1,"size":204,"vsize":204,"weight":816,"locktime":0,
         "vin":[],"vout":[],"hex":"%s","blockhash":"%s","confirmations":5,"time":1296688602,
         "blocktime":1296688602}
        """
            .formatted(
                Fixtures.coinbaseTxid(), Fixtures.coinbaseTxid(), Fixtures.coinbaseHex(), H1);
    core.then(
        result("\"" + Fixtures.coinbaseHex() + "\""),
        result(verbose),
        result(verbose.replaceFirst(Fixtures.coinbaseTxid(), H2)),
        result("\"zz\""));
    assertThat(rpc.getRawTransaction(txid).txid).isEqualTo(txid);
    RawTransactionInfo info =
        rpc.getRawTransactionVerbose(txid, Optional.of(BitcoinRpcClient.blockHashFromDisplay(H1)));
    assertThat(info.transaction().txOut).hasSize(1);
    assertThat(info.confirmations()).hasValue(5);
    assertThat(info.blockhash()).contains(BitcoinRpcClient.blockHashFromDisplay(H1));
    assertThat(last().params().get(2).asText()).isEqualTo(H1);
    assertThatThrownBy(() -> rpc.getRawTransactionVerbose(txid, Optional.empty()))
        .isInstanceOf(RpcMalformedResponseException.class)
        .hasMessageContaining("does not match the transaction");
    assertThatThrownBy(() -> rpc.getRawTransaction(txid))
        .isInstanceOf(RpcMalformedResponseException.class)
        .hasMessageContaining("expected hex");
  }

  static String txOut(String value) {
    return """
        {"bestblock":"%s","confirmations":3,"value":%s,
         "scriptPubKey":{"asm":"1 abcd","desc":"rawtr(abcd)#x","hex":"5120%s",
                         "address":"bcrt1p...","type":"witness_v1_taproot"},
         "coinbase":false}
        """
        .formatted(H1, value, "ab".repeat(32));
  }

  @ParameterizedTest
  @CsvSource({
    "0.00000001, 1",
    "1e-8, 1",
    "1E-8, 1",
    "21000000, 2100000000000000",
    "21000000.00000000, 2100000000000000",
    "0, 0",
    "0.1, 10000000",
    "50.00000000, 5000000000",
    "12.3456789, 1234567890",
  })
  void btcAmountsBecomeExactSatoshis(String btc, long sats) {
    core.then(result(txOut(btc)));
    assertThat(rpc.getTxOut(new TxId(H2), 0, true).orElseThrow().value()).isEqualTo(sats);
  }

  @ParameterizedTest
  @CsvSource({
    "0.000000001, fraction of a satoshi",
    "1.123456789, fraction of a satoshi",
    "21000000.00000001, exceeds",
    "1e30, exceeds",
    "-0.5, negative",
    "\"0.5\", expected a number",
    "true, expected a number",
  })
  void badAmountsAreRefused(String btc, String why) {
    core.then(result(txOut(btc)));
    assertThatThrownBy(() -> rpc.getTxOut(new TxId(H2), 0, true))
        .isInstanceOf(RpcMalformedResponseException.class)
        .hasMessageContaining("gettxout")
        .hasMessageContaining("result.value")
        .hasMessageContaining(why);
  }

  @Test
  void getTxOutSpentIsEmpty() {
    core.then(result("null"), result(txOut("1").replace("\"hex\":\"5120", "\"hex\":\"zz")));
    assertThat(rpc.getTxOut(new TxId(H2), 1, false)).isEmpty();
    assertThat(last().params().get(1).asInt()).isEqualTo(1);
    assertThat(last().params().get(2).asBoolean()).isFalse();
    assertThatThrownBy(() -> rpc.getTxOut(new TxId(H2), 1, false))
        .hasMessageContaining("result.scriptPubKey.hex");
  }

  @Test
  void txOutProofRoundTrip() {
    String proof = "00".repeat(80) + "0100000001" + H1 + "0100";
    core.then(result("\"" + proof + "\""), result("[\"" + H1 + "\"]"), result("[]"));
    ByteVector p = rpc.getTxOutProof(List.of(new TxId(H1)), Optional.empty());
    assertThat(p.toHex()).isEqualTo(proof);
    assertThat(last().params().get(0).get(0).asText()).isEqualTo(H1);
    assertThat(rpc.verifyTxOutProof(p)).containsExactly(new TxId(H1));
    assertThat(rpc.verifyTxOutProof(p)).isEmpty();
  }

  @Test
  void estimateSmartFee() {
    core.then(
        result("{\"feerate\":0.00001234,\"blocks\":2}"),
        result("{\"errors\":[\"Insufficient data or no feerate found\"],\"blocks\":0}"),
        result("{\"feerate\":-1,\"blocks\":0}"),
        result("{\"feerate\":\"x\",\"blocks\":0}"));
    SmartFeeEstimate e = rpc.estimateSmartFee(2, Optional.of(EstimateMode.ECONOMICAL));
    assertThat(e.feerate()).contains(FeeRate.ofSatPerKvb(1234));
    assertThat(e.feerate().orElseThrow().satPerVb()).isEqualByComparingTo("1.234");
    assertThat(last().params().get(1).asText()).isEqualTo("economical");
    SmartFeeEstimate none = rpc.estimateSmartFee(6);
    assertThat(none.feerate()).isEmpty();
    assertThat(none.errors()).containsExactly("Insufficient data or no feerate found");
    assertThat(rpc.estimateSmartFee(6).feerate()).isEmpty();
    assertThatThrownBy(() -> rpc.estimateSmartFee(6))
        .isInstanceOf(RpcMalformedResponseException.class);
    assertThatThrownBy(() -> rpc.estimateSmartFee(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rpc.estimateSmartFee(1009))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void testMempoolAcceptAllowedAndRejected() {
    String txid = Fixtures.coinbaseTxid();
    core.then(
        result(
            """
            [{"txid":"%s","wtxid":"%s","allowed":true,"vsize":141,
              "fees":{"base":0.00000282,"effective-feerate":0.00002000,"effective-includes":["%s"]}}]
            """
                .formatted(txid, txid, txid)),
        result(
            """
            [{"txid":"%s","wtxid":"%s","allowed":false,"reject-reason":"min relay fee not met"}]
            """
                .formatted(txid, txid)),
        result("[]"));
    MempoolAcceptResult ok =
        rpc.testMempoolAccept(List.of(Fixtures.coinbase()), Optional.of(FeeRate.ofSatPerVb(100)))
            .get(0);
    assertThat(ok.isAllowed()).isTrue();
    assertThat(ok.vsize()).hasValue(141);
    assertThat(ok.fees().orElseThrow().base()).isEqualTo(282);
    assertThat(ok.fees().orElseThrow().effective_feerate()).contains(FeeRate.ofSatPerVb(2));
    assertThat(last().params().get(0).get(0).asText()).isEqualTo(Fixtures.coinbaseHex());
    assertThat(last().params().get(1).decimalValue()).isEqualByComparingTo("0.001");
    MempoolAcceptResult no =
        rpc.testMempoolAccept(List.of(Fixtures.coinbase()), Optional.empty()).get(0);
    assertThat(no.isAllowed()).isFalse();
    assertThat(no.reject_reason()).contains("min relay fee not met");
    assertThatThrownBy(() -> rpc.testMempoolAccept(List.of(Fixtures.coinbase()), Optional.empty()))
        .hasMessageContaining("got 0 results");
  }

  @Test
  void sendRawTransactionChecksTheTxid() {
    core.then(result("\"" + Fixtures.coinbaseTxid() + "\""), result("\"" + H1 + "\""));
    assertThat(rpc.sendRawTransaction(Fixtures.coinbase(), Optional.of(FeeRate.ofSatPerVb(1))))
        .isEqualTo(Fixtures.coinbase().txid);
    // amounts are sent as plain decimals, never in exponent notation
    assertThat(last().text()).contains(",0.00001000]").doesNotContain("E-");
    assertThatThrownBy(() -> rpc.sendRawTransaction(Fixtures.coinbase(), Optional.empty()))
        .isInstanceOf(RpcMalformedResponseException.class);
  }

  @Test
  void mempoolEntryAndRawMempool() {
    String entry =
        """
        {"vsize":141,"weight":561,"time":1712000000,"height":101,"descendantcount":1,
         "descendantsize":141,"ancestorcount":1,"ancestorsize":141,"wtxid":"%s",
         "fees":{"base":0.00000282,"modified":0.00000282,"ancestor":0.00000282,"descendant":0.00000282},
         "depends":[],"spentby":["%s"],"bip125-replaceable":true,"unbroadcast":false}
        """
            .formatted(H1, H2);
    core.then(
        result(entry),
        error(-5, "Transaction not in mempool"),
        result("[\"" + H1 + "\",\"" + H2 + "\"]"),
        result("[\"" + H1 + "\", 5]"));
    MempoolEntry e = rpc.getMempoolEntry(new TxId(H1)).orElseThrow();
    assertThat(e.fees().base()).isEqualTo(282);
    assertThat(e.bip125_replaceable()).contains(true); // Core 27 shape
    assertThat(e.vsize()).isEqualTo(141);
    assertThat(e.spentby()).containsExactly(new TxId(H2));
    assertThat(rpc.getMempoolEntry(new TxId(H1))).isEmpty();
    assertThat(rpc.getRawMempool()).containsExactly(new TxId(H1), new TxId(H2));
    assertThatThrownBy(rpc::getRawMempool).hasMessageContaining("result[1]: expected a string");
  }

  @Test
  void mempoolInfoAndNetworkInfo() {
    core.then(
        result(
            """
            {"loaded":true,"size":0,"bytes":0,"usage":0,"total_fee":0.00000000,
             "maxmempool":300000000,"mempoolminfee":0.00001000,"minrelaytxfee":0.00001000,
             "incrementalrelayfee":0.00001000,"unbroadcastcount":0,"fullrbf":false}
            """),
        result(
            """
            {"version":270000,"subversion":"/Satoshi:27.0.0/","protocolversion":70016,
             "connections":0,"relayfee":0.00001000,"incrementalfee":0.00001000,"warnings":""}
            """));
    MempoolInfo m = rpc.getMempoolInfo();
    assertThat(m.mempoolminfee()).isEqualTo(FeeRate.ofSatPerVb(1));
    assertThat(m.incrementalrelayfee()).contains(FeeRate.ofSatPerVb(1));
    NetworkInfo n = rpc.getNetworkInfo();
    assertThat(n.version()).isEqualTo(270000);
    assertThat(n.relayfee()).isEqualTo(FeeRate.ofSatPerKvb(1000));
  }

  @Test
  void walletLifecycle() {
    core.then(
        result("{\"name\":\"watch\",\"warnings\":[\"Wallet is experimental\"]}"),
        result("{\"name\":\"watch\",\"warning\":\"\"}"),
        result(
            """
            [{"success":true,"warnings":["Range not given, using default keypool range"]},
             {"success":false,"error":{"code":-5,"message":"Provided checksum 'x' does not match"}}]
            """));
    WalletLoadResult w = rpc.createWallet("watch", true, true);
    assertThat(w.warnings()).containsExactly("Wallet is experimental");
    assertThat(last().params().toString()).isEqualTo("[\"watch\",true,true,\"\",false,true]");
    assertThat(rpc.loadWallet("watch").warnings()).isEmpty();

    BitcoinRpcClient wallet = rpc.forWallet("watch");
    List<ImportDescriptorResult> r =
        wallet.importDescriptors(
            List.of(
                DescriptorImport.watchRanged("tr(xpub/0/*)#abcd", 0, 999, OptionalLong.empty()),
                DescriptorImport.watchRanged("tr(xpub/1/*)#x", 0, 9, OptionalLong.of(1700000000))));
    assertThat(last().path()).isEqualTo("/wallet/watch");
    assertThat(last().params().get(0).get(0).toString())
        .isEqualTo(
            "{\"desc\":\"tr(xpub/0/*)#abcd\",\"active\":false,\"range\":[0,999],\"timestamp\":\"now\"}");
    assertThat(last().params().get(0).get(1).path("timestamp").asLong()).isEqualTo(1700000000);
    assertThat(r.get(0).success()).isTrue();
    assertThat(r.get(1).error().orElseThrow().known())
        .isEqualTo(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY);
  }

  @Test
  void listUnspent() {
    core.then(
        result(
            """
            [{"txid":"%s","vout":1,"address":"bcrt1p...","scriptPubKey":"5120%s",
              "amount":0.00000001,"confirmations":6,"spendable":false,"solvable":true,
              "desc":"tr(...)#x","parent_descs":["tr(xpub/0/*)#abcd"],"safe":true}]
            """
                .formatted(H1, "ab".repeat(32))),
        result("[{\"txid\":\"" + H1 + "\"}]"));
    UnspentOutput u = rpc.forWallet("watch").listUnspent(1, 9999999, List.of("bcrt1p...")).get(0);
    assertThat(u.amount().getSat()).isEqualTo(1);
    assertThat(u.outPoint().index).isEqualTo(1);
    assertThat(u.parent_descs()).containsExactly("tr(xpub/0/*)#abcd");
    assertThat(last().params().toString()).isEqualTo("[1,9999999,[\"bcrt1p...\"],true]");
    assertThatThrownBy(() -> rpc.listUnspent(0, 1, List.of()))
        .isInstanceOf(RpcMalformedResponseException.class)
        .hasMessageContaining("result[0].amount: missing");
  }

  @Test
  void listSinceBlockWithReorgRemovals() {
    String tx =
        """
        {"address":"bcrt1p...","category":"%s","amount":%s,"vout":0,%s"confirmations":%d,
         "blockhash":"%s","blockheight":102,"blockindex":1,"blocktime":1712000000,
         "txid":"%s","wtxid":"%s","walletconflicts":[],"time":1712000000,"timereceived":1712000000,
         "bip125-replaceable":"no","parent_descs":["tr(xpub/0/*)#abcd"]}
        """;
    core.then(
        result(
            "{\"transactions\":["
                + tx.formatted("receive", "0.5", "", 3, H1, H2, H2)
                + ","
                + tx.formatted("send", "-0.25", "\"fee\":-0.00000141,", 1, H1, H3, H3)
                + "],\"removed\":["
                + tx.formatted("receive", "1", "", -1, H1, H1, H1)
                + "],\"lastblock\":\""
                + H3
                + "\"}"),
        result(
            "{\"transactions\":["
                + tx.formatted("bogus", "1", "", 1, H1, H1, H1)
                + "],\"lastblock\":\""
                + H3
                + "\"}"));
    SinceBlock s = rpc.listSinceBlock(Optional.of(BitcoinRpcClient.blockHashFromDisplay(H1)), 6);
    assertThat(s.transactions()).hasSize(2);
    assertThat(s.transactions().get(0).amount().getSat()).isEqualTo(50_000_000);
    assertThat(s.transactions().get(1).category()).isEqualTo(WalletTransaction.Category.SEND);
    assertThat(s.transactions().get(1).amount().getSat()).isEqualTo(-25_000_000);
    assertThat(s.transactions().get(1).fee()).hasValue(new Satoshi(-141));
    assertThat(s.removed())
        .singleElement()
        .satisfies(r -> assertThat(r.confirmations()).isEqualTo(-1));
    assertThat(s.lastblock()).isEqualTo(BitcoinRpcClient.blockHashFromDisplay(H3));
    assertThat(last().params().toString()).isEqualTo("[\"" + H1 + "\",6,true,true]");
    assertThatThrownBy(() -> rpc.listSinceBlock(Optional.empty(), 1))
        .hasMessageContaining("unknown category");
    assertThat(last().params().get(0).isNull()).isTrue();
  }

  @Test
  void generateInvalidateAndSend() {
    core.then(
        result("[\"" + H1 + "\",\"" + H2 + "\"]"),
        result("[\"" + H1 + "\"]"),
        result("null"),
        result("\"" + H3 + "\""),
        result("\"" + H3 + "\""));
    assertThat(rpc.generateToAddress(2, "bcrt1q..."))
        .containsExactly(
            BitcoinRpcClient.blockHashFromDisplay(H1), BitcoinRpcClient.blockHashFromDisplay(H2));
    assertThatThrownBy(() -> rpc.generateToAddress(2, "bcrt1q..."))
        .hasMessageContaining("got 1 hashes");
    rpc.invalidateBlock(BitcoinRpcClient.blockHashFromDisplay(H1));
    assertThat(last().params().get(0).asText()).isEqualTo(H1);
    assertThat(rpc.forWallet("miner").sendToAddress("bcrt1q...", new Satoshi(1)))
        .isEqualTo(new TxId(H3));
    assertThat(last().path()).isEqualTo("/wallet/miner");
    assertThat(last().params().get(1).decimalValue()).isEqualByComparingTo("0.00000001");
    assertThat(last().text()).contains(",0.00000001]");
    rpc.sendToAddress(
        "bcrt1q...", new Satoshi(2_100_000_000_000_000L), Optional.of(FeeRate.ofSatPerKvb(1500)));
    assertThat(last().params()).hasSize(10);
    assertThat(last().params().get(1).decimalValue()).isEqualByComparingTo("21000000");
    assertThat(last().params().get(9).decimalValue()).isEqualByComparingTo("1.5");
    assertThatThrownBy(() -> rpc.sendToAddress("a", new Satoshi(0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rpc.sendToAddress("a", new Satoshi(Amounts.MAX_MONEY + 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rawCall() {
    core.then(result("{\"descriptor\":\"x\"}"));
    assertThat(rpc.call("getdescriptorinfo", List.of("tr(x)")).path("descriptor").asText())
        .isEqualTo("x");
    assertThat(last().params().toString()).isEqualTo("[\"tr(x)\"]");
  }
}
