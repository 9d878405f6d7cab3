package dev.frostgate.bench;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The libsecp256k1 operations FROST is built from, as this machine runs them through JNI. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CurveBenchmark {
  private SecretScalar secret;
  private Scalar scalar;
  private Scalar small;
  private Point p;
  private Point q;
  private List<Point> twenty;
  private final byte[] message = new byte[32];
  private final byte[] aux = new byte[32];
  private dev.frostgate.crypto.ec.Bip340KeyPair keyPair;

  @Setup
  public void setup() {
    SecureRandom r = new SecureRandom();
    secret = SecretScalar.random(r);
    keyPair = dev.frostgate.crypto.ec.Bip340KeyPair.of(secret);
    r.nextBytes(message);
    scalar = SecretScalar.random(r).reveal();
    small = Scalar.of(977);
    p = SecretScalar.random(r).publicPoint();
    q = SecretScalar.random(r).publicPoint();
    twenty =
        java.util.stream.IntStream.range(0, 20)
            .mapToObj(i -> SecretScalar.random(r).publicPoint())
            .toList();
  }

  @Benchmark
  public Point secretTimesG() {
    return secret.publicPoint();
  }

  @Benchmark
  public Point publicTimesG() {
    return Point.mulGenerator(scalar);
  }

  @Benchmark
  public Point scalarTimesPoint() {
    return p.multiply(scalar);
  }

  @Benchmark
  public Point smallScalarTimesPoint() {
    return p.multiply(small);
  }

  @Benchmark
  public byte[] bip340SignLibsecp256k1() {
    return dev.frostgate.crypto.ec.Secp256k1.signSchnorr(message, secret, aux);
  }

  @Benchmark
  public byte[] bip340SignKeyPair() {
    return keyPair.sign(message, aux);
  }

  /** P + t·G as {@link Point#addMulGenerator} computes it (t·G, then one addition). */
  @Benchmark
  public Point addScalarTimesG() {
    return p.addMulGenerator(scalar);
  }

  @Benchmark
  public Point negate() {
    return p.negate();
  }

  @Benchmark
  public byte[] taggedHash() {
    return dev.frostgate.crypto.hash.Hashes.taggedHash("TapTweak", p.xOnly());
  }

  @Benchmark
  public Point addTwo() {
    return p.add(q);
  }

  @Benchmark
  public Point sumTwenty() {
    return Point.sum(twenty);
  }

  @Benchmark
  public SecretScalar secretTimesScalar() {
    return secret.multiply(scalar);
  }

  @Benchmark
  public Point decodeCompressed() {
    return Point.decode(p.compressed());
  }
}
