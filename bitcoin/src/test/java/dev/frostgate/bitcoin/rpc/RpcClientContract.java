package dev.frostgate.bitcoin.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.bitcoin.regtest.RegtestSigning;
import dev.frostgate.bitcoin.spv.MerkleProof;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.hd.Descriptor;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.TaprootOutput;
import dev.frostgate.crypto.hd.ThresholdXpub;
import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.BlockHeader;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxId;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
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
 * regtest node and, where installed, a real {@code bitcoind -regtest}). Subclasses only start and
 * stop the server; every assertion here must hold for Bitcoin Core 27.
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

  @AfterAll
  void stopServer() {
    if (rpc != null) {
      rpc.close();
    }
    if (server != null) {
      server.close();
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
    TxId txid = miner.sendToAddress(k.address(), sats);
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
    Key to = Key.random();
    Transaction tx =
        new Transaction(
            2,
            List.of(new TxIn(u.outPoint(), ByteVector.empty, 0xfffffffdL, new ScriptWitness())),
            List.of(new TxOut(new Satoshi(u.out().amount.getSat() - fee), to.script())),
            0);
    return RegtestSigning.signKeyPath(tx, 0, List.of(u.out()), u.key().secret());
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
    assertThat(rpc.getNetworkInfo().relayfee()).isEqualTo(FeeRate.ofSatPerKvb(1000));
    assertThat(rpc.getMempoolInfo().minrelaytxfee()).isEqualTo(FeeRate.ofSatPerKvb(1000));
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
    String loan7 = xpub.loanAddress(7);
    TxId deposit = miner.sendToAddress(loan7, 250_000);

    // bitcoind tells wallets about mempool transactions asynchronously: poll briefly.
    List<UnspentOutput> pending =
        eventually(() -> watch.listUnspent(0, 9_999_999, List.of(loan7)), l -> !l.isEmpty());
    assertThat(pending)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.txid()).isEqualTo(deposit);
              assertThat(o.amount()).isEqualTo(250_000);
              assertThat(o.confirmations()).isZero();
              assertThat(o.spendable()).isFalse();
              assertThat(o.solvable()).isTrue();
            });
    assertThat(watch.listUnspent(1, 9_999_999, List.of(loan7))).isEmpty();

    BlockHash mined = rpc.generateToAddress(1, minerAddress).get(0);
    List<UnspentOutput> confirmed = watch.listUnspent(1, 9_999_999, List.of());
    assertThat(confirmed)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.txid()).isEqualTo(deposit);
              assertThat(o.address()).contains(loan7);
              assertThat(o.confirmations()).isEqualTo(1);
              assertThat(o.scriptPubKey())
                  .isEqualTo(new ByteVector(xpub.loanOutput(7).scriptPubKey()).toHex());
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
              assertThat(t.amount()).isEqualTo(250_000);
              assertThat(t.address()).contains(loan7);
              assertThat(t.confirmations()).isEqualTo(1);
              assertThat(t.blockhash()).contains(mined);
            });
    assertThat(watch.listSinceBlock(Optional.of(mined), 1).transactions()).isEmpty();
    assertThat(watch.listSinceBlock(Optional.empty(), 1).transactions())
        .extracting(WalletTransaction::txid)
        .contains(deposit);
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
                  .hasValueSatisfying(
                      s -> assertThat(s).startsWith("mandatory-script-verify-flag-failed"));
            });
    Transaction orphan =
        spend(new Utxo(new OutPoint(new TxId(hex32()), 0), u.out(), u.key(), u.block()), 1_000);
    assertThat(rpc.testMempoolAccept(List.of(orphan), Optional.empty()))
        .singleElement()
        .satisfies(r -> assertThat(r.reject_reason()).contains("missing-inputs"));

    assertThatThrownBy(() -> rpc.sendRawTransaction(bad, Optional.empty()))
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              assertThat(e.error()).isEqualTo(RpcErrorCode.RPC_VERIFY_REJECTED);
              assertThat(e.coreMessage()).startsWith("mandatory-script-verify-flag-failed");
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
              assertThat(e.bip125_replaceable()).isTrue();
              assertThat(e.depends()).isEmpty();
              assertThat(e.ancestorcount()).isEqualTo(1);
            });
    assertThat(rpc.getRawTransaction(good.txid)).isEqualTo(good);
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
            e -> assertThat(e.error()).isEqualTo(RpcErrorCode.RPC_VERIFY_ALREADY_IN_CHAIN));
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
    BlockHash replacement = rpc.generateToAddress(1, minerAddress).get(0);
    assertThat(replacement).isNotEqualTo(u.block());
    assertThat(rpc.getBlockCount()).isEqualTo(height);
    assertThat(rpc.getBlock(replacement).tx()).contains(u.outPoint().txid);
  }

  // ---------------------------------------------------------------- fees

  @Test
  void feeEstimatorFallsBackOnRegtest() {
    SmartFeeEstimate raw = rpc.estimateSmartFee(6);
    assertThat(raw.feerate()).isEmpty();
    assertThat(raw.errors()).isNotEmpty();
    FeePolicy policy =
        new FeePolicy(6, Optional.empty(), FeeRate.ofSatPerKvb(2_000), FeeRate.ofSatPerKvb(50_000));
    FeeQuote q = new FeeEstimator(rpc, policy).quote();
    assertThat(q)
        .isInstanceOfSatisfying(
            FeeQuote.Use.class,
            u -> {
              assertThat(u.source()).isEqualTo(FeeQuote.Source.FALLBACK);
              assertThat(u.rate()).isEqualTo(FeeRate.ofSatPerKvb(2_000));
              assertThat(u.floor()).isEqualTo(FeeRate.ofSatPerKvb(1_000));
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
