package dev.frostgate.bench;

import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.spend.Branch;
import dev.frostgate.bitcoin.spend.ChangePolicy;
import dev.frostgate.bitcoin.spend.SignedSpend;
import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.SpendFinalizer;
import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.SpendOutput;
import dev.frostgate.bitcoin.spend.SpendRecipe;
import dev.frostgate.bitcoin.spend.TaprootSighash;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.testkit.bitcoin.InProcessSpendSigning;
import dev.frostgate.testkit.crypto.InProcessDkg;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Build, sign (10-of-15 FROST) and validate a consolidation of 1, 100 or 500 deposit coins into one
 * recipient plus change, step by step and end to end.
 *
 * <ul>
 *   <li>{@code build}: {@link SpendBuilder#build} (sorting, one BIP32 derivation and Taproot tweak
 *       per input for its scriptPubKey, exact weight, fee, change).
 *   <li>{@code sighashes}: {@link TaprootSighash#of} and every input's SIGHASH_DEFAULT hash (the
 *       five transaction-wide hashes once, then one tagged hash per input): must grow linearly.
 *   <li>{@code sign}: {@link InProcessSpendSigning#signatures}, the FROST session of 10 signers in
 *       one thread (per input and signer: a nonce pair, the Taproot-tweaked key package, a share;
 *       per input: aggregation with the signature verified). Sighashes included; validation not.
 *   <li>{@code validate}: {@link SpendFinalizer#validate}, bitcoin-kmp's script interpreter over
 *       the signed transaction (a BIP340 verification and a sighash per input).
 *   <li>{@code buildSignValidate}: the three together as a validator runs them ({@code build}, then
 *       {@link InProcessSpendSigning#sign}, which attaches and validates).
 * </ul>
 *
 * The group comes from a real 10-of-15 DKG ({@link InProcessDkg}) in setup; signers are
 * participants 3..12. Inputs are distinct deposit indexes (one derivation each), fake outpoints
 * (the interpreter needs only the spent outputs). Every step uses {@code SampleTime}; {@code sign}
 * and {@code buildSignValidate}, which take seconds at 500 inputs, have 1-second iterations: an op
 * longer than that is one sample per iteration, after warm-up ops that have compiled the code, and
 * a 1-input op is sampled many times per iteration. ({@code SingleShotTime} timed the 1-input op
 * with a cold JIT, which made it no reference for the 500-input one.)
 */
@State(Scope.Benchmark)
@Fork(1)
// The defaults of every step (build and validate keep them); the others override what differs.
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SpendBenchmark {
  static final int N = 15;
  static final int T = 10;

  @Param({"1", "100", "500"})
  public int inputs;

  private final SecureRandom rnd = new SecureRandom();
  private ThresholdXpub xpub;
  private PublicKeyPackage rawPublic;
  private List<KeyPackage> signers;
  private SpendRecipe recipe;
  private UnsignedSpend unsigned;
  private SignedSpend signed;

  @Setup(Level.Trial)
  public void setup() {
    List<SecretScalar> identity = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      identity.add(SecretScalar.random(rnd));
    }
    InProcessDkg.Result dkg = InProcessDkg.run(Ciphersuite.TAPROOT, N, T, identity, rnd);
    DkgOutput first = dkg.output(Identifier.of(1));
    xpub =
        ThresholdXpub.of(first.rawKeyPackage().verifyingKey(), first.chainCode(), Network.REGTEST);
    rawPublic = first.rawPublicKeyPackage();
    signers =
        dkg.outputs().values().stream().map(DkgOutput::rawKeyPackage).toList().subList(2, 2 + T);
    List<SpendInput> coins = new ArrayList<>(inputs);
    for (int i = 0; i < inputs; i++) {
      String txid =
          HexFormat.of()
              .formatHex(Hashes.sha256(("bench coin " + i).getBytes(StandardCharsets.UTF_8)));
      coins.add(SpendInput.of(new TxId(txid), i % 4, new Satoshi(50_000), Branch.DEPOSIT, i));
    }
    recipe =
        new SpendRecipe(
            coins,
            List.of(SpendOutput.toAddress(xpub.depositAddress(1_000_000), new Satoshi(20_000))),
            FeeRate.satPerVb(2),
            ChangePolicy.toIndex(0),
            new Satoshi(10_000_000));
    unsigned = SpendBuilder.build(recipe, xpub);
    signed = InProcessSpendSigning.sign(unsigned, rawPublic, signers, rnd);
  }

  @Benchmark
  public UnsignedSpend build() {
    return SpendBuilder.build(recipe, xpub);
  }

  @Benchmark
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 5, time = 1)
  public List<byte[]> sighashes() {
    return TaprootSighash.of(unsigned.tx(), unsigned.spentOutputs()).defaultSigHashes();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 8, time = 1)
  public List<byte[]> sign() {
    return InProcessSpendSigning.signatures(unsigned, rawPublic, signers, rnd);
  }

  @Benchmark
  public SignedSpend validate() {
    return SpendFinalizer.validate(unsigned, signed.tx());
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3, time = 1)
  @Measurement(iterations = 8, time = 1)
  public SignedSpend buildSignValidate() {
    UnsignedSpend u = SpendBuilder.build(recipe, xpub);
    return InProcessSpendSigning.sign(u, rawPublic, signers, rnd);
  }
}
