package dev.frostgate.bench;

import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.TaprootOutput;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.RpcAuth;
import dev.frostgate.node.bitcoin.rpc.RpcClientConfig;
import dev.frostgate.regtest.BlockValidator;
import dev.frostgate.regtest.EmbeddedRegtestNode;
import dev.frostgate.regtest.RegtestSigning;
import fr.acinq.bitcoin.Block;
import fr.acinq.bitcoin.BlockHash;
import fr.acinq.bitcoin.ByteVector;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.ScriptWitness;
import fr.acinq.bitcoin.Transaction;
import fr.acinq.bitcoin.TxIn;
import fr.acinq.bitcoin.TxOut;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The embedded regtest node's block validation rate, in transactions per second.
 *
 * <p>Setup (once per trial) runs a real embedded node and builds, over its RPC, a chain whose last
 * two blocks hold {@value #SPENDS} independent one-input, one-output Taproot key-path spends (plus
 * {@value #FANOUTS} fan-out transactions that created their coins in the block before). The chain
 * is read back with {@code getblock <hash> 0}. Before each measured call a fresh {@link
 * BlockValidator} gets the prefix of the chain (coinbases and the fan-out block), outside the
 * measured time; the measured call connects the {@value #SPENDS}-transaction block with full
 * validation (inputs, amounts, sequence locks and the script interpreter on every input). The score
 * is transactions per second ({@code @OperationsPerInvocation}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class BlockValidationBenchmark {
  static final int FANOUTS = 10;
  static final int OUTPUTS_PER_FANOUT = 200;
  static final int SPENDS = FANOUTS * OUTPUTS_PER_FANOUT;

  private List<Block> prefix;
  private Block spendBlock;
  private BlockValidator validator;

  @Setup(Level.Trial)
  public void buildChain() throws IOException {
    SecureRandom rnd = new SecureRandom();
    SecretScalar key = SecretScalar.random(rnd);
    TaprootOutput out = TaprootOutput.of(key.publicPoint());
    String address = out.address(Network.REGTEST);
    ByteVector script = new ByteVector(out.scriptPubKey());
    Path dir = Files.createTempDirectory("frostgate-bench-regtest-");
    try (EmbeddedRegtestNode node = EmbeddedRegtestNode.start(0, dir);
        BitcoinRpcClient rpc =
            BitcoinRpcClient.create(
                RpcClientConfig.of(node.url(), RpcAuth.cookieFile(node.cookieFile())))) {
      List<BlockHash> coinbases = rpc.generateToAddress(FANOUTS, address);
      rpc.generateToAddress(100, address); // maturity
      // Fan-out: each coinbase into OUTPUTS_PER_FANOUT coins of the same key.
      List<TxOut> fanned = new ArrayList<>();
      List<OutPoint> fannedAt = new ArrayList<>();
      for (BlockHash h : coinbases) {
        Transaction cb = rpc.getBlockRaw(h).tx.get(0);
        TxOut coin = cb.txOut.get(0);
        long each = (coin.amount.getSat() - 100_000) / OUTPUTS_PER_FANOUT;
        List<TxOut> outs = new ArrayList<>();
        for (int i = 0; i < OUTPUTS_PER_FANOUT; i++) {
          outs.add(new TxOut(new Satoshi(each), script));
        }
        Transaction tx = signed(new OutPoint(cb, 0), coin, outs, key);
        rpc.sendRawTransaction(tx, Optional.empty());
        for (int i = 0; i < OUTPUTS_PER_FANOUT; i++) {
          fanned.add(outs.get(i));
          fannedAt.add(new OutPoint(tx, i));
        }
      }
      rpc.generateToAddress(1, address);
      for (int i = 0; i < SPENDS; i++) {
        TxOut coin = fanned.get(i);
        Transaction tx =
            signed(
                fannedAt.get(i),
                coin,
                List.of(new TxOut(new Satoshi(coin.amount.getSat() - 500), script)),
                key);
        rpc.sendRawTransaction(tx, Optional.empty());
      }
      BlockHash last = rpc.generateToAddress(1, address).get(0);
      long height = rpc.getBlockCount();
      prefix = new ArrayList<>();
      for (long h = 1; h < height; h++) {
        prefix.add(rpc.getBlockRaw(rpc.getBlockHash(h)));
      }
      spendBlock = rpc.getBlockRaw(last);
    } finally {
      deleteTree(dir);
    }
    if (spendBlock.tx.size() != SPENDS + 1) {
      throw new IllegalStateException(
          "expected " + SPENDS + " spends in the last block, got " + (spendBlock.tx.size() - 1));
    }
    // Check once that the whole chain validates from scratch.
    freshPrefix();
    Optional<String> r = validator.submit(spendBlock);
    if (r.isPresent()) {
      throw new IllegalStateException("benchmark block rejected: " + r.get());
    }
  }

  @Setup(Level.Invocation)
  public void freshPrefix() {
    validator = BlockValidator.fresh();
    for (Block b : prefix) {
      Optional<String> r = validator.submit(b);
      if (r.isPresent()) {
        throw new IllegalStateException("prefix block rejected: " + r.get());
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(SPENDS)
  public Optional<String> connectBlock() {
    return validator.submit(spendBlock);
  }

  private static Transaction signed(
      OutPoint prev, TxOut spent, List<TxOut> outs, SecretScalar key) {
    Transaction tx =
        new Transaction(
            2,
            List.of(new TxIn(prev, ByteVector.empty, 0xfffffffdL, new ScriptWitness())),
            outs,
            0);
    return RegtestSigning.signKeyPath(tx, 0, List.of(spent), key);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
