package dev.frostgate.bench;

import dev.frostgate.crypto.hd.Derivation;
import dev.frostgate.crypto.hd.ThresholdXpub;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Deposit-address derivation from a threshold xpub: one BIP32 step from the cached /0 node plus the
 * BIP341 tweak. Target: at least 15,000 addresses per second on one thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HdDerivationBenchmark {
  private final ThresholdXpub xpub =
      ThresholdXpub.parse(
          "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8");
  private long index;

  @Benchmark
  public String depositAddress() {
    index = (index + 1) & ThresholdXpub.MAX_INDEX;
    return xpub.depositAddress(index);
  }

  @Benchmark
  public Derivation depositDerivationOnly() {
    index = (index + 1) & ThresholdXpub.MAX_INDEX;
    return xpub.deposit(index);
  }
}
