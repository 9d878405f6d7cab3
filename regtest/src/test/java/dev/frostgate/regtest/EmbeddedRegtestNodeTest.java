package dev.frostgate.regtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frostgate.bitcoin.money.Amounts;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.hd.Descriptor;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.TaprootOutput;
import dev.frostgate.crypto.hd.ThresholdXpub;
import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRegtestNodeTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir static Path dir;
  static EmbeddedRegtestNode node;
  static RpcTestClient rpc;
  static String minerAddress;

  /** A key the test controls, with its Taproot output. */
  record Key(SecretScalar secret, TaprootOutput output) {
    static Key random() {
      SecretScalar s = SecretScalar.random(RANDOM);
      return new Key(s, TaprootOutput.of(s.publicPoint()));
    }

    String address() {
      return output.address(Network.REGTEST);
    }

    byte[] script() {
      return output.scriptPubKey();
    }
  }

  /** An output the test can spend. */
  record Utxo(OutPoint outPoint, TxOut out, Key key) {}

  @BeforeAll
  static void start() throws Exception {
    node =
        EmbeddedRegtestNode.start(0, dir, EmbeddedRegtestNode.Config.defaults().withSmartFee(5000));
    rpc = new RpcTestClient(node.url(), node.cookieFile());
    minerAddress = rpc.wallet("default", "getnewaddress").asText();
    JsonNode hashes = rpc.call("generatetoaddress", 101, minerAddress);
    assertThat(hashes).hasSize(101);
  }

  @AfterAll
  static void stop() {
    node.stop();
  }

  /** Sends {@code btc} from the default wallet to a fresh test key, mines, returns the output. */
  static Utxo fund(String btc) throws Exception {
    Key k = Key.random();
    String txid = rpc.wallet("default", "sendtoaddress", k.address(), new BigDecimal(btc)).asText();
    rpc.call("generatetoaddress", 1, minerAddress);
    Transaction tx = Transaction.read(rpc.call("getrawtransaction", txid).asText());
    for (int i = 0; i < tx.txOut.size(); i++) {
      if (tx.txOut.get(i).publicKeyScript.equals(new ByteVector(k.script()))) {
        return new Utxo(new OutPoint(tx, i), tx.txOut.get(i), k);
      }
    }
    throw new AssertionError("funding output not found");
  }

  static Transaction spend(List<Utxo> inputs, List<TxOut> outputs, long sequence) {
    List<TxIn> ins = new ArrayList<>();
    inputs.forEach(
        u -> ins.add(new TxIn(u.outPoint(), ByteVector.empty, sequence, new ScriptWitness())));
    Transaction tx = new Transaction(2, ins, outputs, 0);
    List<TxOut> spent = inputs.stream().map(Utxo::out).toList();
    for (int i = 0; i < inputs.size(); i++) {
      tx = RegtestSigning.signKeyPath(tx, i, spent, inputs.get(i).key().secret());
    }
    return tx;
  }

  static TxOut pay(Key to, long sat) {
    return new TxOut(new Satoshi(sat), to.script());
  }

  static String hex(Transaction tx) {
    return HEX.formatHex(Transaction.write(tx));
  }

  static String rejectReason(Transaction tx) throws Exception {
    JsonNode r = rpc.call("testmempoolaccept", List.of(hex(tx))).get(0);
    assertThat(r.get("allowed").asBoolean()).isFalse();
    return r.get("reject-reason").asText();
  }

  @Test
  void chainBasicsHaveCoreShapes() throws Exception {
    JsonNode info = rpc.call("getblockchaininfo");
    assertThat(info.get("chain").asText()).isEqualTo("regtest");
    assertThat(info.get("blocks").asInt()).isGreaterThanOrEqualTo(101);
    assertThat(info.get("bestblockhash").asText()).isEqualTo(rpc.call("getbestblockhash").asText());
    String genesis = rpc.call("getblockhash", 0).asText();
    assertThat(genesis).isEqualTo(Block.RegtestGenesisBlock.blockId.toString());
    JsonNode h1 = rpc.call("getblockheader", rpc.call("getblockhash", 1).asText());
    assertThat(h1.get("previousblockhash").asText()).isEqualTo(genesis);
    assertThat(h1.get("bits").asText()).isEqualTo("207fffff");
    JsonNode b1 = rpc.call("getblock", h1.get("hash").asText(), 2);
    JsonNode cb = b1.get("tx").get(0);
    assertThat(cb.get("vin").get(0).has("coinbase")).isTrue();
    assertThat(cb.get("vout").get(0).get("value").decimalValue()).isEqualByComparingTo("50");
    assertThat(cb.get("vout").get(0).get("value").toString()).isEqualTo("50.00000000");
    assertThat(cb.get("vout").get(1).get("scriptPubKey").get("type").asText())
        .isEqualTo("nulldata");
    String headerHex = rpc.call("getblockheader", h1.get("hash").asText(), false).asText();
    assertThat(headerHex).hasSize(160);
    RpcTestClient.Response missing = rpc.raw("/", "getblockhash", 100_000);
    assertThat(missing.status()).isEqualTo(500);
    assertThat(missing.errorCode()).isEqualTo(-8);
    assertThat(rpc.raw("/", "nosuchmethod").errorCode()).isEqualTo(-32601);
    JsonNode fee = rpc.call("estimatesmartfee", 6);
    assertThat(fee.get("feerate").toString()).isEqualTo("0.00005000");
    assertThat(rpc.call("getnetworkinfo").get("relayfee").toString()).isEqualTo("0.00000100");
    assertThat(info.get("warnings").isArray()).isTrue();
    assertThat(info.get("bits").asText()).isEqualTo("207fffff");
    // Halving every 150 blocks on regtest.
    assertThat(Consensus.subsidy(149)).isEqualTo(50 * Amounts.COIN);
    assertThat(Consensus.subsidy(150)).isEqualTo(25 * Amounts.COIN);
  }

  @Test
  void jsonRpc2NamedParamsAndInvalidBlocks() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(node.url())
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"getblockhash\",\"params\":{\"height\":0}}"))
                    .header("Authorization", auth())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = RpcTestClient.JSON.readTree(r.body());
    assertThat(body.get("result").asText()).isEqualTo(Block.RegtestGenesisBlock.blockId.toString());
    assertThat(body.get("id").asInt()).isEqualTo(7);

    // A block whose coinbase pays too much is rejected by submitblock.
    String tipHash = rpc.call("getbestblockhash").asText();
    Block tip = Block.read(rpc.call("getblock", tipHash, 0).asText());
    Transaction cb = tip.tx.get(0);
    int height = rpc.call("getblockcount").asInt() + 1;
    Transaction greedy =
        Consensus.coinbase(
            height, Consensus.subsidy(height) + 1, Key.random().script(), new byte[0]);
    greedy =
        greedy.addOutput(
            new TxOut(new Satoshi(0), Consensus.witnessCommitmentScript(List.of(greedy))));
    fr.acinq.bitcoin.BlockHeader h =
        new fr.acinq.bitcoin.BlockHeader(
            0x20000000L,
            tip.hash,
            fr.acinq.bitcoin.MerkleTree.computeRoot(List.of(greedy.hash.value)),
            tip.header.time + 1,
            Consensus.REGTEST_BITS,
            0);
    while (!fr.acinq.bitcoin.BlockHeader.checkProofOfWork(h)) {
      h = h.setNonce(h.nonce + 1);
    }
    String blockHex = HEX.formatHex(Block.write(new Block(h, List.of(greedy))));
    assertThat(rpc.call("submitblock", blockHex).asText()).isEqualTo("bad-cb-amount");
    assertThat(rpc.call("getbestblockhash").asText()).isEqualTo(tipHash);
    assertThat(cb.isCoinbase()).isTrue();
  }

  @Test
  void aNumberBeyondBigDecimalIsAParseError() throws Exception {
    // As Core answers unparsable JSON; Jackson throws NumberFormatException for this number, which
    // escaped the handler and dropped the connection without an answer.
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(node.url())
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"id\":1,\"method\":\"getblockhash\",\"params\":[1e47685035762]}"))
                    .header("Authorization", auth())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(RpcTestClient.JSON.readTree(r.body()).path("error").path("code").asInt())
        .isEqualTo(-32700);
  }

  static String auth() throws Exception {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString(java.nio.file.Files.readString(node.cookieFile()).trim().getBytes());
  }

  @Test
  void requiresCookieAuth() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(node.url())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"method\":\"getblockcount\"}"))
                    .header("Authorization", "Basic X19jb29raWVfXzp3cm9uZw==")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(java.nio.file.Files.readString(node.cookieFile())).startsWith("__cookie__:");
  }

  /** The descriptor with its checksum's last character changed (never to itself). */
  private static String withOtherLastChecksumChar(String desc) {
    char last = desc.charAt(desc.length() - 1);
    return desc.substring(0, desc.length() - 1) + (last == 'x' ? 'y' : 'x');
  }

  @Test
  void watchOnlyDescriptorWalletSeesTaprootDeposit() throws Exception {
    byte[] chainCode = new byte[32];
    RANDOM.nextBytes(chainCode);
    ThresholdXpub xpub =
        ThresholdXpub.of(SecretScalar.random(RANDOM).publicPoint(), chainCode, Network.REGTEST);
    String desc = Descriptor.taprootRange(xpub, 0);
    assertThat(desc).startsWith("tr(tpub");
    rpc.call("createwallet", "watch", true, true);
    JsonNode imported =
        rpc.wallet(
            "watch",
            "importdescriptors",
            List.of(
                Map.of(
                    "desc", desc, "timestamp", "now", "range", List.of(0, 20), "active", false)));
    assertThat(imported.get(0).get("success").asBoolean()).isTrue();
    JsonNode bad =
        rpc.wallet(
            "watch",
            "importdescriptors",
            List.of(Map.of("desc", withOtherLastChecksumChar(desc), "timestamp", "now")));
    assertThat(bad.get(0).get("success").asBoolean()).isFalse();
    assertThat(bad.get(0).get("error").get("code").asInt()).isEqualTo(-5);

    String address = xpub.depositAddress(7);
    String txid = rpc.wallet("default", "sendtoaddress", address, new BigDecimal("1.25")).asText();
    assertThat(rpc.call("getrawmempool")).extracting(JsonNode::asText).contains(txid);
    JsonNode unconfirmed = rpc.wallet("watch", "listunspent", 0);
    assertThat(unconfirmed).anySatisfy(u -> assertThat(u.get("confirmations").asInt()).isZero());
    rpc.call("generatetoaddress", 1, minerAddress);

    JsonNode unspent = rpc.wallet("watch", "listunspent");
    assertThat(unspent).hasSize(1);
    JsonNode u = unspent.get(0);
    assertThat(u.get("txid").asText()).isEqualTo(txid);
    assertThat(u.get("address").asText()).isEqualTo(address);
    assertThat(u.get("amount").toString()).isEqualTo("1.25000000");
    assertThat(u.get("confirmations").asInt()).isEqualTo(1);
    assertThat(u.get("spendable").asBoolean()).isTrue(); // Core 30+: deprecated, always true
    assertThat(u.get("solvable").asBoolean()).isTrue();
    assertThat(u.get("desc").asText()).startsWith("tr([").contains("/0/7]");
    assertThat(u.get("parent_descs").get(0).asText()).isEqualTo(desc);

    JsonNode since = rpc.wallet("watch", "listsinceblock");
    assertThat(since.get("transactions"))
        .anySatisfy(
            t -> {
              assertThat(t.get("txid").asText()).isEqualTo(txid);
              assertThat(t.get("category").asText()).isEqualTo("receive");
              // Core 30+ (descriptor wallets only): neither field is sent any more
              assertThat(t.has("involvesWatchonly")).isFalse();
              assertThat(t.has("bip125-replaceable")).isFalse();
            });
    // Wallet RPC at "/" is ambiguous with two wallets loaded.
    assertThat(rpc.raw("/", "listunspent").errorCode()).isEqualTo(-19);
    assertThat(rpc.raw("/wallet/nope", "listunspent").errorCode()).isEqualTo(-18);

    JsonNode txout = rpc.call("gettxout", txid, u.get("vout").asInt());
    assertThat(txout.get("scriptPubKey").get("type").asText()).isEqualTo("witness_v1_taproot");
    assertThat(txout.get("scriptPubKey").get("address").asText()).isEqualTo(address);
  }

  @Test
  void txOutProofRoundTrip() throws Exception {
    List<String> txids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      txids.add(rpc.wallet("default", "sendtoaddress", Key.random().address(), 0.1).asText());
    }
    String block = rpc.call("generatetoaddress", 1, minerAddress).get(0).asText();
    assertThat(rpc.call("getblock", block).get("nTx").asInt()).isEqualTo(6);
    String proof = rpc.call("gettxoutproof", List.of(txids.get(2), txids.get(4))).asText();
    JsonNode proven = rpc.call("verifytxoutproof", proof);
    assertThat(proven).extracting(JsonNode::asText).containsExactly(txids.get(2), txids.get(4));
    // bitcoin-kmp's independent parser agrees.
    var parsed = Block.verifyTxOutProof(HEX.parseHex(proof));
    assertThat(parsed.getFirst().blockId.toString()).isEqualTo(block);
    assertThat(parsed.getSecond()).hasSize(2);
    // The single-tx proof with the block hash given.
    String one = rpc.call("gettxoutproof", List.of(txids.get(0)), block).asText();
    assertThat(rpc.call("verifytxoutproof", one))
        .extracting(JsonNode::asText)
        .containsExactly(txids.get(0));
    // A tampered proof does not verify.
    byte[] bad = HEX.parseHex(proof);
    bad[bad.length - 40] ^= 1;
    RpcTestClient.Response r = rpc.raw("/", "verifytxoutproof", HEX.formatHex(bad));
    assertThat(r.body().path("result").isArray() ? r.body().get("result").size() : -1).isIn(0, -1);
    assertThat(rpc.raw("/", "gettxoutproof", List.of("00".repeat(32))).errorCode()).isEqualTo(-5);
  }

  /**
   * Core bounds a merkle block by MAX_BLOCK_WEIGHT / MIN_TRANSACTION_WEIGHT = 16,666 transactions;
   * a proof claiming more proves nothing, however consistent its tree (the old regtest copy allowed
   * 66,666 and went on to look the block up).
   */
  @Test
  void txOutProofClaimingMoreTransactionsThanABlockHoldsProvesNothing() throws Exception {
    for (int total : new int[] {16_667, 66_666}) {
      String proof = HEX.formatHex(consistentProofOfFirstLeaf(total));
      assertThat(rpc.call("verifytxoutproof", proof)).as("claiming %s", total).isEmpty();
    }
    // The same shape at Core's limit is a well-formed tree: it gets as far as the block lookup.
    String atLimit = HEX.formatHex(consistentProofOfFirstLeaf(16_666));
    assertThat(rpc.raw("/", "verifytxoutproof", atLimit).errorCode()).isEqualTo(-5);
  }

  /**
   * A partial merkle tree over {@code total} leaves proving leaf 0, with opaque hashes for every
   * other subtree, under a header that commits to its root: valid except for its size.
   */
  private static byte[] consistentProofOfFirstLeaf(int total) {
    int height = 0;
    while (width(total, height) > 1) {
      height++;
    }
    List<byte[]> hashes = new ArrayList<>();
    List<Boolean> bits = new ArrayList<>();
    byte[] root = pathNode(total, height, 0, hashes, bits);
    fr.acinq.bitcoin.BlockHeader header =
        new fr.acinq.bitcoin.BlockHeader(
            4,
            Block.RegtestGenesisBlock.hash,
            new ByteVector32(root),
            1_700_000_000L,
            0x207fffffL,
            0);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(fr.acinq.bitcoin.BlockHeader.write(header));
    out.writeBytes(new byte[] {(byte) total, (byte) (total >>> 8), (byte) (total >>> 16), 0});
    out.write(hashes.size()); // < 0xfd
    hashes.forEach(out::writeBytes);
    byte[] flags = new byte[(bits.size() + 7) / 8];
    for (int i = 0; i < bits.size(); i++) {
      flags[i / 8] |= (byte) (bits.get(i) ? 1 << (i % 8) : 0);
    }
    out.write(flags.length);
    out.writeBytes(flags);
    return out.toByteArray();
  }

  private static byte[] pathNode(
      int total, int height, int pos, List<byte[]> hashes, List<Boolean> bits) {
    boolean onPath = pos == 0;
    bits.add(onPath);
    if (height == 0 || !onPath) {
      byte[] h = dev.frostgate.crypto.hash.Hashes.sha256d(new byte[] {(byte) height, (byte) pos});
      hashes.add(h);
      return h;
    }
    byte[] left = pathNode(total, height - 1, 0, hashes, bits);
    byte[] right =
        width(total, height - 1) > 1 ? pathNode(total, height - 1, 1, hashes, bits) : left;
    return dev.frostgate.crypto.hash.Hashes.sha256d(left, right);
  }

  private static int width(int total, int height) {
    return (int) (((long) total + (1L << height) - 1) >> height);
  }

  @Test
  void rejectsInvalidTransactionsWithCoreReasons() throws Exception {
    Utxo u = fund("1");
    Key to = Key.random();
    long value = u.out().amount.getSat();

    // Invalid signature: flip a bit of the BIP340 signature.
    Transaction good = spend(List.of(u), List.of(pay(to, value - 1000)), 0xfffffffdL);
    byte[] sig = good.txIn.get(0).witness.stack.get(0).toByteArray();
    sig[10] ^= 1;
    Transaction badSig = good.updateWitness(0, new ScriptWitness(List.of(new ByteVector(sig))));
    assertThat(rejectReason(badSig))
        .isEqualTo("mempool-script-verify-flag-failed (Invalid Schnorr signature)");
    RpcTestClient.Response sent = rpc.raw("/", "sendrawtransaction", hex(badSig));
    assertThat(sent.errorCode()).isEqualTo(-26);
    assertThat(sent.errorMessage()).startsWith("mempool-script-verify-flag-failed");

    // Missing input.
    Utxo ghost =
        new Utxo(
            new OutPoint(new TxId(HEX.formatHex(new byte[32]).replace("00", "ab")), 0),
            u.out(),
            u.key());
    Transaction missing = spend(List.of(ghost), List.of(pay(to, value - 1000)), 0xfffffffdL);
    assertThat(rejectReason(missing)).isEqualTo("missing-inputs");
    RpcTestClient.Response r = rpc.raw("/", "sendrawtransaction", hex(missing));
    assertThat(r.errorCode()).isEqualTo(-25);
    assertThat(r.errorMessage()).isEqualTo("bad-txns-inputs-missingorspent");

    // Output above the money supply, negative, outputs above inputs.
    assertThat(
            rejectReason(
                spend(List.of(u), List.of(pay(to, 21_000_001L * Amounts.COIN)), 0xfffffffdL)))
        .isEqualTo("bad-txns-vout-toolarge");
    assertThat(rejectReason(spend(List.of(u), List.of(pay(to, -1)), 0xfffffffdL)))
        .isEqualTo("bad-txns-vout-negative");
    assertThat(
            rejectReason(
                spend(
                    List.of(u),
                    List.of(
                        pay(to, 20_000_000L * Amounts.COIN), pay(to, 2_000_000L * Amounts.COIN)),
                    0xfffffffdL)))
        .isEqualTo("bad-txns-txouttotal-toolarge");
    assertThat(rejectReason(spend(List.of(u), List.of(pay(to, value + 1)), 0xfffffffdL)))
        .isEqualTo("bad-txns-in-belowout");

    // Dust and relay fee.
    assertThat(
            rejectReason(
                spend(List.of(u), List.of(pay(to, 329), pay(to, value - 2000)), 0xfffffffdL)))
        .isEqualTo("dust");
    assertThat(rejectReason(spend(List.of(u), List.of(pay(to, value - 5)), 0xfffffffdL)))
        .isEqualTo("min relay fee not met");

    // The valid one is accepted.
    assertThat(rpc.call("sendrawtransaction", hex(good)).asText()).isEqualTo(good.txid.toString());
    JsonNode entry = rpc.call("getmempoolentry", good.txid.toString());
    assertThat(entry.get("fees").get("base").toString()).isEqualTo("0.00001000");
    assertThat(entry.get("fees").get("chunk").toString()).isEqualTo("0.00001000");
    assertThat(entry.get("vsize_bip141").asInt()).isEqualTo(entry.get("vsize").asInt());
    assertThat(entry.has("bip125-replaceable")).isFalse(); // Core 29+: full RBF, not reported
    assertThat(entry.get("unbroadcast").asBoolean()).isTrue(); // no peers to announce it to

    // Premature coinbase spend.
    Key miner = Key.random();
    String cbBlock = rpc.call("generatetoaddress", 1, miner.address()).get(0).asText();
    Transaction cb = Transaction.read(blockCoinbaseHex(cbBlock));
    Utxo cbUtxo = new Utxo(new OutPoint(cb, 0), cb.txOut.get(0), miner);
    Transaction early =
        spend(
            List.of(cbUtxo), List.of(pay(to, cb.txOut.get(0).amount.getSat() - 1000)), 0xfffffffdL);
    assertThat(rejectReason(early)).isEqualTo("bad-txns-premature-spend-of-coinbase");
    RpcTestClient.Response e = rpc.raw("/", "sendrawtransaction", hex(early));
    assertThat(e.errorCode()).isEqualTo(-26);
    assertThat(e.errorMessage())
        .startsWith("bad-txns-premature-spend-of-coinbase, tried to spend coinbase at depth 1");

    // Already confirmed (the coinbase block also mined "good").
    assertThat(rpc.call("getrawtransaction", good.txid.toString(), 1).get("confirmations").asInt())
        .isEqualTo(1);
    assertThat(rpc.raw("/", "sendrawtransaction", hex(good)).errorCode()).isEqualTo(-27);
    assertThat(rpc.raw("/", "sendrawtransaction", hex(cb)).errorCode()).isEqualTo(-27);
  }

  static String blockCoinbaseHex(String blockHash) throws Exception {
    return rpc.call("getblock", blockHash, 2).get("tx").get(0).get("hex").asText();
  }

  @Test
  void replacementByFeeWithOrWithoutTheBip125Signal() throws Exception {
    Utxo a = fund("1");
    Utxo b = fund("1");
    Key to = Key.random();
    long v = a.out().amount.getSat();

    Transaction original = spend(List.of(a), List.of(pay(to, v - 1000)), 0xfffffffdL);
    rpc.call("sendrawtransaction", hex(original));
    // Same fee: "insufficient fee".
    Transaction sameFee = spend(List.of(a), List.of(pay(Key.random(), v - 1000)), 0xfffffffdL);
    RpcTestClient.Response r = rpc.raw("/", "sendrawtransaction", hex(sameFee));
    assertThat(r.errorCode()).isEqualTo(-26);
    assertThat(r.errorMessage()).startsWith("insufficient fee, rejecting replacement");
    // Higher fee and rate, pays the incremental relay fee: replaces.
    Transaction bump = spend(List.of(a), List.of(pay(to, v - 3000)), 0xfffffffdL);
    assertThat(rpc.call("sendrawtransaction", hex(bump)).asText()).isEqualTo(bump.txid.toString());
    JsonNode pool = rpc.call("getrawmempool");
    assertThat(pool)
        .extracting(JsonNode::asText)
        .contains(bump.txid.toString())
        .doesNotContain(original.txid.toString());

    // Full RBF (Core 28+): a transaction that does not signal is replaced all the same.
    Transaction finalTx =
        spend(List.of(b), List.of(pay(to, b.out().amount.getSat() - 1000)), 0xfffffffeL);
    rpc.call("sendrawtransaction", hex(finalTx));
    Transaction conflict =
        spend(List.of(b), List.of(pay(to, b.out().amount.getSat() - 10_000)), 0xfffffffeL);
    assertThat(rpc.call("sendrawtransaction", hex(conflict)).asText())
        .isEqualTo(conflict.txid.toString());
    assertThat(rpc.call("getrawmempool"))
        .extracting(JsonNode::asText)
        .contains(conflict.txid.toString())
        .doesNotContain(finalTx.txid.toString());
  }

  @Test
  void invalidateBlockReturnsItsTransactionsToTheMempool() throws Exception {
    Utxo u = fund("2");
    Transaction tx =
        spend(List.of(u), List.of(pay(Key.random(), u.out().amount.getSat() - 500)), 0xfffffffdL);
    rpc.call("sendrawtransaction", hex(tx));
    String blockHash = rpc.call("generatetoaddress", 1, minerAddress).get(0).asText();
    int height = rpc.call("getblockcount").asInt();
    JsonNode confirmed = rpc.call("getrawtransaction", tx.txid.toString(), true);
    assertThat(confirmed.get("blockhash").asText()).isEqualTo(blockHash);
    assertThat(confirmed.get("confirmations").asInt()).isEqualTo(1);
    assertThat(rpc.call("getrawmempool"))
        .extracting(JsonNode::asText)
        .doesNotContain(tx.txid.toString());

    assertThat(rpc.call("invalidateblock", blockHash).isNull()).isTrue();
    assertThat(rpc.call("getblockcount").asInt()).isEqualTo(height - 1);
    assertThat(rpc.call("getrawmempool")).extracting(JsonNode::asText).contains(tx.txid.toString());
    assertThat(rpc.call("getblockheader", blockHash).get("confirmations").asInt()).isEqualTo(-1);
    JsonNode unconfirmed = rpc.call("getrawtransaction", tx.txid.toString(), 2);
    assertThat(unconfirmed.has("blockhash")).isFalse();
    assertThat(unconfirmed.get("fee").toString()).isEqualTo("0.00000500");

    // Mining again confirms it on the new branch.
    String replacement = rpc.call("generatetoaddress", 1, minerAddress).get(0).asText();
    assertThat(replacement).isNotEqualTo(blockHash);
    assertThat(rpc.call("getrawtransaction", tx.txid.toString(), true).get("blockhash").asText())
        .isEqualTo(replacement);
  }

  @Test
  void blockValidationThroughput() throws Exception {
    // Fan out one coin into many, then spend each in its own transaction.
    Utxo big = fund("10");
    int n = 200;
    List<Key> keys = new ArrayList<>();
    List<TxOut> outs = new ArrayList<>();
    long each = (big.out().amount.getSat() - 100_000) / n;
    for (int i = 0; i < n; i++) {
      Key k = Key.random();
      keys.add(k);
      outs.add(pay(k, each));
    }
    Transaction fan = spend(List.of(big), outs, 0xfffffffdL);
    rpc.call("sendrawtransaction", hex(fan));
    rpc.call("generatetoaddress", 1, minerAddress);
    for (int i = 0; i < n; i++) {
      Utxo u = new Utxo(new OutPoint(fan, i), fan.txOut.get(i), keys.get(i));
      rpc.call(
          "sendrawtransaction",
          hex(spend(List.of(u), List.of(pay(Key.random(), each - 200)), 0xfffffffdL)));
    }
    rpc.call("generatetoaddress", 1, minerAddress);

    // Replay the whole active chain into a fresh chain state: full validation of every block.
    List<Block> blocks = new ArrayList<>();
    RegtestNode inner = node.node();
    synchronized (inner) {
      for (ChainState.BlockIndex b : inner.state.chain.activeChain()) {
        blocks.add(b.block);
      }
    }
    int txCount = blocks.stream().mapToInt(b -> b.tx.size()).sum();
    ChainState fresh = new ChainState();
    long start = System.nanoTime();
    for (Block b : blocks.subList(1, blocks.size())) {
      assertThat(fresh.submit(b).rejected()).isEmpty();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(fresh.tip().hash).isEqualTo(blocks.get(blocks.size() - 1).blockId.toString());
    System.out.printf(
        "embedded regtest block validation: %d blocks, %d transactions in %.3f s = %.0f tx/s%n",
        blocks.size() - 1, txCount, seconds, txCount / seconds);
  }
}
