package dev.frostgate.node.bitcoin.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.bitcoin.fee.EstimateMode;
import dev.frostgate.bitcoin.fee.FeePolicy;
import dev.frostgate.bitcoin.fee.FeeQuote;
import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import dev.frostgate.bitcoin.spv.MerkleProof;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.hd.Descriptor;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.TaprootOutput;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.regtest.RegtestSigning;
import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.BlockHeader;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.ByteVector32;
import fr.acinq.bitcoin.Crypto;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One client test suite, run unchanged against every server the client must work with (the embedded
 * regtest node and a real {@code bitcoind -regtest}, in CI the one in {@code
 * ../shared/bitcoin-core}). Subclasses only start and stop the server; every assertion here holds
 * for current Bitcoin Core (v30 and later: 0.1 sat/vB relay fee, full RBF, cluster-mempool
 * replacement rules, {@code mempool-script-verify-flag-failed}), so the embedded node is held to
 * the same answers as the real one.
 *
 * <p>Each test builds what it needs on the shared chain (a funded "miner" wallet with mature
 * coinbase outputs), so the tests may run in any order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RpcClientContract {
  private static final SecureRandom RND = new SecureRandom();

  /** A running server: its RPC root, its cookie file and how to stop it. */
  interface Server extends AutoCloseable {
    URI url();

    Path cookieFile();

    @Override
    void close();
  }

  /** Starts the server under test (or skips the class with an assumption). */
  abstract Server startServer() throws Exception;

  Server server;
  BitcoinRpcClient rpc;
  BitcoinRpcClient miner;
  String minerAddress;

  @BeforeAll
  void startAndFund() throws Exception {
    server = startServer();
    rpc =
        BitcoinRpcClient.create(
            RpcClientConfig.of(server.url(), RpcAuth.cookieFile(server.cookieFile()))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60)));
    assertThat(rpc.createWallet("miner", false, false).name()).isEqualTo("miner");
    miner = rpc.forWallet("miner");
    minerAddress = miner.getNewAddress();
    assertThat(minerAddress).startsWith("bcrt1p");
    assertThat(rpc.generateToAddress(101, minerAddress)).hasSize(101);
  }

  /** {@code stop} answers as Core does, then the server goes away; then the subclass cleans up. */
  @AfterAll
  void stopServer() {
    try {
      if (rpc != null) {
        assertThat(rpc.call("stop", List.of()).textValue()).isEqualTo("Bitcoin Core stopping");
        assertThat(
                eventually(
                    () -> {
                      try {
                        rpc.getBlockCount();
                        return false;
                      } catch (RpcConnectionException gone) {
                        return true;
                      } catch (RpcFailure stillStopping) {
                        return false;
                      }
                    },
                    gone -> gone))
            .as("the server stops after answering stop")
            .isTrue();
      }
    } finally {
      if (rpc != null) {
        rpc.close();
      }
      if (server != null) {
        server.close();
      }
    }
  }

  /** A key the test holds, with its key-path-only Taproot output. */
  record Key(SecretScalar secret, TaprootOutput output) {
    static Key random() {
      SecretScalar s = SecretScalar.random(RND);
      return new Key(s, TaprootOutput.of(s.publicPoint()));
    }

    String address() {
      return output.address(Network.REGTEST);
    }

    ByteVector script() {
      return new ByteVector(output.scriptPubKey());
    }
  }

  /** An output the test can spend, confirmed in {@code block}. */
  record Utxo(OutPoint outPoint, TxOut out, Key key, BlockHash block) {}

  /** Pays {@code sats} from the miner wallet to a fresh key and confirms it in one block. */
  Utxo fund(long sats) {
    Key k = Key.random();
    TxId txid = miner.sendToAddress(k.address(), new Satoshi(sats));
    BlockHash block = rpc.generateToAddress(1, minerAddress).get(0);
    Transaction tx = rpc.getRawTransaction(txid, Optional.of(block));
    for (int i = 0; i < tx.txOut.size(); i++) {
      if (tx.txOut.get(i).publicKeyScript.equals(k.script())) {
        assertThat(tx.txOut.get(i).amount.getSat()).isEqualTo(sats);
        return new Utxo(new OutPoint(tx, i), tx.txOut.get(i), k, block);
      }
    }
    throw new AssertionError("funding output not found in " + txid);
  }

  /** A signed one-input, one-output key-path spend of {@code u} paying {@code fee}. */
  static Transaction spend(Utxo u, long fee) {
    return spend(u, 0xfffffffdL, List.of(u.out().amount.getSat() - fee));
  }

  /** A signed key-path spend of {@code u} to fresh keys, one output per amount. */
  static Transaction spend(Utxo u, long sequence, List<Long> amounts) {
    return spendTo(
        u,
        sequence,
        amounts.stream().map(a -> new TxOut(new Satoshi(a), Key.random().script())).toList());
  }

  /** A signed key-path spend of {@code u} to the given outputs. */
  static Transaction spendTo(Utxo u, long sequence, List<TxOut> outs) {
    Transaction tx =
        new Transaction(
            2,
            List.of(new TxIn(u.outPoint(), ByteVector.empty, sequence, new ScriptWitness())),
            outs,
            0);
    return RegtestSigning.signKeyPath(tx, 0, List.of(u.out()), u.key().secret());
  }

  static long vsize(Transaction tx) {
    return (tx.weight() + 3) / 4;
  }

  /** The wtxid as Core prints it. */
  static String wtxid(Transaction tx) {
    return new ByteVector32(Crypto.hash256(Transaction.write(tx))).reversed().toHex();
  }

  /** An amount as Core's {@code FormatMoney}: 8 decimals, up to 6 trailing zeros trimmed. */
  static String coreMoney(long sats) {
    String s = BigDecimal.valueOf(sats, 8).toPlainString();
    int trim = 0;
    while (trim < 6 && s.endsWith("0")) {
      s = s.substring(0, s.length() - 1);
      trim++;
    }
    return s;
  }

  /** The same transaction with one bit of its signature flipped (same txid, invalid witness). */
  static Transaction corruptSignature(Transaction tx) {
    byte[] sig = tx.txIn.get(0).witness.stack.get(0).toByteArray();
    sig[10] ^= 1;
    return tx.updateWitness(0, new ScriptWitness(List.of(new ByteVector(sig))));
  }

  // ---------------------------------------------------------------- chain

  @Test
  void chainMethods() {
    BlockchainInfo info = rpc.getBlockchainInfo();
    assertThat(info.chain()).isEqualTo("regtest");
    long height = rpc.getBlockCount();
    assertThat(height).isGreaterThanOrEqualTo(101);
    assertThat(info.blocks()).isLessThanOrEqualTo(height);

    BlockHash genesis = rpc.getBlockHash(0);
    assertThat(genesis).isEqualTo(Block.RegtestGenesisBlock.hash);
    BlockHash tip = rpc.getBlockHash(height);
    BlockHeaderInfo header = rpc.getBlockHeader(tip);
    assertThat(header.height()).isEqualTo(height);
    assertThat(header.confirmations()).isGreaterThanOrEqualTo(1);
    BlockHeader raw = rpc.getBlockHeaderRaw(tip);
    assertThat(raw.hash).isEqualTo(tip);

    BlockHash h1 = rpc.getBlockHash(1);
    BlockInfo block = rpc.getBlock(h1);
    assertThat(block.header().height()).isEqualTo(1);
    Block rawBlock = rpc.getBlockRaw(h1);
    assertThat(block.tx())
        .containsExactlyElementsOf(rawBlock.tx.stream().map(t -> t.txid).toList());
    assertThat(rawBlock.header.hashPreviousBlock).isEqualTo(genesis);

    assertThatThrownBy(() -> rpc.getBlockHash(height + 1000))
        .isInstanceOfSatisfying(
            RpcException.class, e -> assertThat(e.is(RpcErrorCode.RPC_INVALID_PARAMETER)).isTrue());
    // Core 30+ defaults: 0.1 sat/vB to relay and to replace; no fullrbf field (always on).
    assertThat(rpc.getNetworkInfo().relayfee()).isEqualTo(FeeRate.ofSatPerKvb(100));
    assertThat(rpc.getNetworkInfo().incrementalfee()).isEqualTo(FeeRate.ofSatPerKvb(100));
    MempoolInfo pool = rpc.getMempoolInfo();
    assertThat(pool.minrelaytxfee()).isEqualTo(FeeRate.ofSatPerKvb(100));
    assertThat(pool.incrementalrelayfee()).contains(FeeRate.ofSatPerKvb(100));
    assertThat(pool.fullrbf()).isEmpty();
    assertThat(info.warnings()).isNotNull();
    assertThat(rpc.getBlockchainInfo().bestblockhash()).isEqualTo(tip);
  }

  @Test
  void rawTransactionAndTxOut() {
    Utxo u = fund(150_000);
    TxId txid = u.outPoint().txid;
    RawTransactionInfo verbose = rpc.getRawTransactionVerbose(txid, Optional.of(u.block()));
    assertThat(verbose.blockhash()).contains(u.block());
    assertThat(verbose.confirmations()).hasValue(1);
    Optional<TxOutInfo> out = rpc.getTxOut(txid, (int) u.outPoint().index, true);
    assertThat(out).isPresent();
    assertThat(out.get().value()).isEqualTo(150_000);
    assertThat(out.get().confirmations()).isEqualTo(1);
    assertThat(out.get().scriptPubKey().hex()).isEqualTo(u.key().script().toHex());
    assertThat(rpc.getTxOut(txid, 99, true)).isEmpty();
  }

  // ---------------------------------------------------------------- wallet: deposits

  @Test
  void watchOnlyDescriptorWalletSeesDeposits() {
    ThresholdXpub xpub =
        ThresholdXpub.of(SecretScalar.random(RND).publicPoint(), randomBytes(32), Network.REGTEST);
    String desc = Descriptor.taprootRange(xpub, 0);
    assertThat(desc).startsWith("tr(tpub").contains("/0/*)#");
    assertThat(rpc.createWallet("watch", true, true).name()).isEqualTo("watch");
    BitcoinRpcClient watch = rpc.forWallet("watch");
    List<ImportDescriptorResult> imported =
        watch.importDescriptors(
            List.of(DescriptorImport.watchRanged(desc, 0, 50, OptionalLong.empty())));
    assertThat(imported).hasSize(1);
    assertThat(imported.get(0).success()).as("%s", imported.get(0)).isTrue();

    BlockHash before = rpc.getBlockHash(rpc.getBlockCount());
    String deposit7 = xpub.depositAddress(7);
    TxId deposit = miner.sendToAddress(deposit7, new Satoshi(250_000));

    // bitcoind tells wallets about mempool transactions asynchronously: poll briefly.
    List<UnspentOutput> pending =
        eventually(() -> watch.listUnspent(0, 9_999_999, List.of(deposit7)), l -> !l.isEmpty());
    assertThat(pending)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.txid()).isEqualTo(deposit);
              assertThat(o.amount()).isEqualTo(new Satoshi(250_000));
              assertThat(o.confirmations()).isZero();
              assertThat(o.solvable()).isTrue();
              assertThat(o.safe()).isFalse(); // unconfirmed, from another wallet
            });
    assertThat(watch.listUnspent(1, 9_999_999, List.of(deposit7))).isEmpty();

    BlockHash mined = rpc.generateToAddress(1, minerAddress).get(0);
    List<UnspentOutput> confirmed = watch.listUnspent(1, 9_999_999, List.of());
    assertThat(confirmed)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.txid()).isEqualTo(deposit);
              assertThat(o.address()).contains(deposit7);
              assertThat(o.confirmations()).isEqualTo(1);
              assertThat(o.scriptPubKey())
                  .isEqualTo(new ByteVector(xpub.depositOutput(7).scriptPubKey()).toHex());
              assertThat(o.parent_descs())
                  .singleElement()
                  .satisfies(d -> assertThat(Descriptor.hasValidChecksum(d)).isTrue());
            });

    SinceBlock since = watch.listSinceBlock(Optional.of(before), 1);
    assertThat(since.lastblock()).isEqualTo(mined);
    assertThat(since.transactions())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.txid()).isEqualTo(deposit);
              assertThat(t.category()).isEqualTo(WalletTransaction.Category.RECEIVE);
              assertThat(t.amount().getSat()).isEqualTo(250_000);
              assertThat(t.address()).contains(deposit7);
              assertThat(t.confirmations()).isEqualTo(1);
              assertThat(t.blockhash()).contains(mined);
            });
    assertThat(watch.listSinceBlock(Optional.of(mined), 1).transactions()).isEmpty();
    assertThat(watch.listSinceBlock(Optional.empty(), 1).transactions())
        .extracting(WalletTransaction::txid)
        .contains(deposit);
  }

  @Test
  void walletsAreCreatedUnloadedAndLoadedAsInCore() {
    assertThat(rpc.createWallet("spare", false, false).name()).isEqualTo("spare");
    assertThat(rpc.listWallets()).contains("miner", "spare");
    assertThatThrownBy(() -> rpc.createWallet("spare", false, false))
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              assertThat(e.error()).isEqualTo(RpcErrorCode.RPC_WALLET_ERROR);
              assertThat(e.coreMessage()).contains("Database already exists");
            });
    assertThatThrownBy(() -> rpc.loadWallet("spare"))
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              assertThat(e.error()).isEqualTo(RpcErrorCode.RPC_WALLET_ALREADY_LOADED);
              assertThat(e.coreMessage()).isEqualTo("Wallet \"spare\" is already loaded.");
            });
    rpc.call("unloadwallet", List.of("spare"));
    assertThat(rpc.listWallets()).doesNotContain("spare");
    assertThat(rpc.loadWallet("spare").name()).isEqualTo("spare");
    assertThat(rpc.listWallets()).contains("spare");
    assertThatThrownBy(() -> rpc.loadWallet("no-such-wallet"))
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              assertThat(e.error()).isEqualTo(RpcErrorCode.RPC_WALLET_NOT_FOUND);
              assertThat(e.coreMessage()).contains("Path does not exist");
            });
    rpc.call("unloadwallet", List.of("spare")); // one wallet fewer for the other tests
  }

  // ---------------------------------------------------------------- proofs

  @Test
  void txOutProofParsesAndVerifies() {
    Utxo u = fund(120_000);
    TxId txid = u.outPoint().txid;
    ByteVector proof = rpc.getTxOutProof(List.of(txid), Optional.of(u.block()));
    MerkleProof.Verified v = MerkleProof.parse(proof.toByteArray()).verify();
    assertThat(v.blockHash()).isEqualTo(u.block());
    assertThat(v.txids()).containsExactly(txid);
    assertThat(v.totalTransactions()).isGreaterThanOrEqualTo(2); // coinbase + ours
    assertThat(rpc.getBlockRaw(u.block()).header.hashMerkleRoot)
        .isEqualTo(v.header().hashMerkleRoot);
    assertThat(rpc.verifyTxOutProof(proof)).containsExactly(txid);
    // without the block hash: found through the UTXO set (the output is unspent)
    assertThat(rpc.getTxOutProof(List.of(txid), Optional.empty())).isEqualTo(proof);
    assertThat(BitcoinRpcClient.displayHex(u.block()))
        .isEqualTo(new fr.acinq.bitcoin.BlockId(u.block()).toString());
    assertThat(rpc.getBlockHeader(u.block()).hash()).isEqualTo(v.blockHash());
  }

  // ---------------------------------------------------------------- mempool

  @Test
  void mempoolAcceptsAGoodTransactionAndRejectsABadOneWithCoresReason() {
    Utxo u = fund(200_000);
    Transaction good = spend(u, 1_000);
    Transaction bad = corruptSignature(good);

    List<MempoolAcceptResult> test = rpc.testMempoolAccept(List.of(good), Optional.empty());
    assertThat(test)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.txid()).isEqualTo(good.txid);
              assertThat(r.isAllowed()).isTrue();
              assertThat(r.vsize()).hasValue(good.weight() / 4 + (good.weight() % 4 == 0 ? 0 : 1));
              assertThat(r.fees()).hasValueSatisfying(f -> assertThat(f.base()).isEqualTo(1_000));
              assertThat(r.reject_reason()).isEmpty();
            });
    assertThat(rpc.testMempoolAccept(List.of(bad), Optional.empty()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.isAllowed()).isFalse();
              assertThat(r.reject_reason())
                  .contains("mempool-script-verify-flag-failed (Invalid Schnorr signature)");
              assertThat(r.reject_details())
                  .contains(
                      "mempool-script-verify-flag-failed (Invalid Schnorr signature), input 0 of "
                          + bad.txid
                          + " (wtxid "
                          + wtxid(bad)
                          + "), spending "
                          + u.outPoint().txid
                          + ":"
                          + u.outPoint().index);
            });
    Transaction orphan =
        spend(new Utxo(new OutPoint(new TxId(hex32()), 0), u.out(), u.key(), u.block()), 1_000);
    assertThat(rpc.testMempoolAccept(List.of(orphan), Optional.empty()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reject_reason()).contains("missing-inputs");
              assertThat(r.reject_details()).isEmpty();
            });

    assertThatThrownBy(() -> rpc.sendRawTransaction(bad, Optional.empty()))
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              assertThat(e.error()).isEqualTo(RpcErrorCode.RPC_VERIFY_REJECTED);
              assertThat(e.coreMessage())
                  .startsWith(
                      "mempool-script-verify-flag-failed (Invalid Schnorr signature), input 0");
            });
    assertThatThrownBy(() -> rpc.sendRawTransaction(orphan, Optional.empty()))
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              assertThat(e.error()).isEqualTo(RpcErrorCode.RPC_VERIFY_ERROR);
              assertThat(e.coreMessage()).isEqualTo("bad-txns-inputs-missingorspent");
            });

    assertThat(rpc.sendRawTransaction(good, Optional.empty())).isEqualTo(good.txid);
    assertThat(rpc.getRawMempool()).contains(good.txid);
    Optional<MempoolEntry> entry = rpc.getMempoolEntry(good.txid);
    assertThat(entry)
        .hasValueSatisfying(
            e -> {
              assertThat(e.fees().base()).isEqualTo(1_000);
              assertThat(e.weight()).isEqualTo(good.weight());
              assertThat(e.vsize()).isEqualTo(vsize(good));
              assertThat(e.wtxid()).isEqualTo(wtxid(good));
              assertThat(e.bip125_replaceable()).isEmpty(); // full RBF: not reported
              assertThat(e.depends()).isEmpty();
              assertThat(e.ancestorcount()).isEqualTo(1);
            });
    assertThat(rpc.getRawTransaction(good.txid)).isEqualTo(good);
    // sending it again is not an error: Core answers the txid
    assertThat(rpc.sendRawTransaction(good, Optional.empty())).isEqualTo(good.txid);
    assertThat(rpc.getTxOut(u.outPoint().txid, (int) u.outPoint().index, true)).isEmpty();
    assertThat(rpc.getTxOut(u.outPoint().txid, (int) u.outPoint().index, false)).isPresent();

    // a second copy of the coin's spend with the bad signature is still rejected
    assertThatThrownBy(
            () -> rpc.sendRawTransaction(corruptSignature(spend(u, 2_000)), Optional.empty()))
        .isInstanceOf(RpcException.class);

    BlockHash block = rpc.generateToAddress(1, minerAddress).get(0);
    assertThat(rpc.getMempoolEntry(good.txid)).isEmpty();
    assertThat(rpc.getRawMempool()).doesNotContain(good.txid);
    assertThat(rpc.getBlock(block).tx()).contains(good.txid);
    assertThatThrownBy(() -> rpc.sendRawTransaction(good, Optional.empty()))
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              assertThat(e.error()).isEqualTo(RpcErrorCode.RPC_VERIFY_ALREADY_IN_CHAIN);
              assertThat(e.coreMessage()).isEqualTo("Transaction outputs already in utxo set");
            });
    assertThat(rpc.testMempoolAccept(List.of(good), Optional.empty()))
        .singleElement()
        .satisfies(r -> assertThat(r.reject_reason()).contains("txn-already-known"));
    assertThatThrownBy(() -> rpc.call("getmempoolentry", List.of(good.txid.toString())))
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              assertThat(e.error()).isEqualTo(RpcErrorCode.RPC_INVALID_ADDRESS_OR_KEY);
              assertThat(e.coreMessage()).isEqualTo("Transaction not in mempool");
            });
  }

  @Test
  void policyRejectsWithCoresReasonsAndDetails() {
    Utxo u = fund(100_000);
    long value = u.out().amount.getSat();
    // Below the 0.1 sat/vB relay fee: Core rounds the minimum fee up.
    Transaction cheap = spend(u, 1);
    long minFee = (vsize(cheap) * 100 + 999) / 1000;
    assertThat(reject(cheap))
        .isEqualTo(List.of("min relay fee not met", "min relay fee not met, 1 < " + minFee));
    assertThat(reject(spend(u, 0)))
        .isEqualTo(List.of("min relay fee not met", "min relay fee not met, 0 < " + minFee));
    // One dust output is only allowed in a 0-fee transaction (ephemeral dust); two never.
    assertThat(reject(spend(u, 0xfffffffdL, List.of(329L, value - 1_329))))
        .isEqualTo(List.of("dust", "dust, tx with dust output must be 0-fee"));
    assertThat(reject(spend(u, 0xfffffffdL, List.of(329L, 329L, value - 1_658))))
        .isEqualTo(List.of("dust", "dust"));
    assertThat(reject(spend(u, 0xfffffffdL, List.of(330L, value - 1_330)))).isEmpty();
    // Core 30: any number of OP_RETURN outputs, up to 100,000 bytes of them.
    TxOut data = new TxOut(new Satoshi(0), opReturn(80));
    TxOut pay = new TxOut(new Satoshi(value - 2_000), Key.random().script());
    assertThat(reject(spendTo(u, 0xfffffffdL, List.of(data, data, pay)))).isEmpty();
    assertThat(
            reject(spendTo(u, 0xfffffffdL, List.of(new TxOut(new Satoshi(0), opReturn(400)), pay))))
        .isEmpty();
    // sendrawtransaction answers the details
    assertThatThrownBy(() -> rpc.sendRawTransaction(cheap, Optional.empty()))
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              assertThat(e.error()).isEqualTo(RpcErrorCode.RPC_VERIFY_REJECTED);
              assertThat(e.coreMessage()).isEqualTo("min relay fee not met, 1 < " + minFee);
            });
  }

  /** {@code OP_RETURN <n bytes>}. */
  static ByteVector opReturn(int n) {
    byte[] push =
        n <= 75
            ? new byte[] {(byte) n}
            : n <= 255 ? new byte[] {0x4c, (byte) n} : new byte[] {0x4d, (byte) n, (byte) (n >> 8)};
    byte[] s = new byte[1 + push.length + n];
    s[0] = 0x6a;
    System.arraycopy(push, 0, s, 1, push.length);
    return new ByteVector(s);
  }

  /** {@code [reason, details]} of a rejected transaction, empty if it would be accepted. */
  List<String> reject(Transaction tx) {
    MempoolAcceptResult r = rpc.testMempoolAccept(List.of(tx), Optional.empty()).get(0);
    if (r.isAllowed()) {
      return List.of();
    }
    return List.of(r.reject_reason().orElseThrow(), r.reject_details().orElse(""));
  }

  // ---------------------------------------------------------------- replacement

  @Test
  void fullRbfReplacesATransactionThatDoesNotSignal() {
    Utxo u = fund(500_000);
    long value = u.out().amount.getSat();
    Transaction original = spend(u, 0xfffffffeL, List.of(value - 1_000));
    assertThat(rpc.sendRawTransaction(original, Optional.empty())).isEqualTo(original.txid);
    Transaction bump = spend(u, 0xfffffffeL, List.of(value - 2_000));
    assertThat(rpc.sendRawTransaction(bump, Optional.empty())).isEqualTo(bump.txid);
    assertThat(rpc.getRawMempool()).contains(bump.txid).doesNotContain(original.txid);
    assertThat(rpc.getMempoolEntry(original.txid)).isEmpty();
    rpc.generateToAddress(1, minerAddress);
  }

  @Test
  void replacementRulesOfCurrentCore() {
    Utxo u = fund(500_000);
    long value = u.out().amount.getSat();
    Transaction original = spend(u, 0xfffffffdL, List.of(value - 10_000));
    rpc.sendRawTransaction(original, Optional.empty());
    long size = vsize(original);

    // Rule: pay at least the fees of everything replaced.
    Transaction lessFees = spend(u, 0xfffffffdL, List.of(value - 9_999));
    assertThat(reject(lessFees))
        .isEqualTo(
            List.of(
                "insufficient fee",
                "insufficient fee, rejecting replacement "
                    + lessFees.txid
                    + ", less fees than conflicting txs; 0.00009999 < 0.0001"));
    // Rule: pay for the replacement's own size at the incremental relay fee (0.1 sat/vB).
    Transaction tooLittleMore = spend(u, 0xfffffffdL, List.of(value - 10_001));
    long relay = (vsize(tooLittleMore) * 100 + 999) / 1000;
    assertThat(reject(tooLittleMore))
        .isEqualTo(
            List.of(
                "insufficient fee",
                "insufficient fee, rejecting replacement "
                    + tooLittleMore.txid
                    + ", not enough additional fees to relay; 0.00000001 < "
                    + coreMoney(relay)));
    // Rule (cluster mempool): the feerate diagram must improve; a larger replacement paying a
    // little more in total but less per vbyte does not.
    List<Long> many = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      many.add((value - 11_000) / 10);
    }
    many.set(0, many.get(0) + (value - 11_000) % 10);
    Transaction lowerRate = spend(u, 0xfffffffdL, many);
    assertThat(vsize(lowerRate)).isGreaterThan(size * 2);
    assertThat(reject(lowerRate))
        .isEqualTo(
            List.of(
                "replacement-failed",
                "replacement-failed, insufficient feerate: does not improve feerate diagram"));
    assertThatThrownBy(() -> rpc.sendRawTransaction(lowerRate, Optional.empty()))
        .isInstanceOfSatisfying(
            RpcException.class,
            e ->
                assertThat(e.coreMessage())
                    .isEqualTo(
                        "replacement-failed, insufficient feerate: does not improve feerate"
                            + " diagram"));
    // Enough: replaces.
    Transaction bump = spend(u, 0xfffffffdL, List.of(value - 10_000 - relay));
    assertThat(rpc.sendRawTransaction(bump, Optional.empty())).isEqualTo(bump.txid);
    assertThat(rpc.getRawMempool()).contains(bump.txid).doesNotContain(original.txid);
    rpc.generateToAddress(1, minerAddress);
  }

  // ---------------------------------------------------------------- reorg

  @Test
  void invalidateBlockReorganizesAndReturnsTransactionsToTheMempool() {
    Utxo u = fund(300_000);
    long height = rpc.getBlockCount();
    assertThat(rpc.getBlockHeader(u.block()).height()).isEqualTo(height);
    rpc.invalidateBlock(u.block());
    assertThat(rpc.getBlockCount()).isEqualTo(height - 1);
    assertThat(rpc.getBlockHeader(u.block()).confirmations()).isEqualTo(-1);
    assertThat(rpc.getRawMempool()).contains(u.outPoint().txid);
    assertThat(rpc.getMempoolEntry(u.outPoint().txid)).isPresent();
    // Another coinbase: bitcoind would mine the very block it was told is invalid again (same
    // transactions, possibly the same second) and refuse it.
    BlockHash replacement = rpc.generateToAddress(1, Key.random().address()).get(0);
    assertThat(replacement).isNotEqualTo(u.block());
    assertThat(rpc.getBlockCount()).isEqualTo(height);
    assertThat(rpc.getBlock(replacement).tx()).contains(u.outPoint().txid);
  }

  // ---------------------------------------------------------------- fees

  @Test
  void feeEstimatorFallsBackOnRegtest() {
    SmartFeeEstimate raw = rpc.estimateSmartFee(6);
    assertThat(raw.feerate()).isEmpty();
    assertThat(raw.errors()).containsExactly("Insufficient data or no feerate found");
    for (EstimateMode mode : EstimateMode.values()) {
      assertThat(rpc.estimateSmartFee(2, Optional.of(mode)).feerate()).isEmpty();
    }
    assertThatThrownBy(() -> rpc.call("estimatesmartfee", List.of(6, "bogus")))
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> assertThat(e.error()).isEqualTo(RpcErrorCode.RPC_INVALID_PARAMETER));
    FeePolicy policy =
        new FeePolicy(6, Optional.empty(), FeeRate.ofSatPerKvb(2_000), FeeRate.ofSatPerKvb(50_000));
    FeeQuote q = new FeeEstimator(rpc, policy).quote();
    assertThat(q)
        .isInstanceOfSatisfying(
            FeeQuote.Use.class,
            u -> {
              assertThat(u.source()).isEqualTo(FeeQuote.Source.FALLBACK);
              assertThat(u.rate()).isEqualTo(FeeRate.ofSatPerKvb(2_000));
              assertThat(u.floor()).isEqualTo(FeeRate.ofSatPerKvb(100));
            });
  }

  // ---------------------------------------------------------------- helpers

  static <T> T eventually(
      java.util.function.Supplier<T> read, java.util.function.Predicate<T> done) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    T value = read.get();
    while (!done.test(value) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      value = read.get();
    }
    return value;
  }

  static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RND.nextBytes(b);
    return b;
  }

  static String hex32() {
    return new ByteVector(randomBytes(32)).toHex();
  }
}
