package dev.frostgate.bench;

import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.Dkg;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.frost.dkg.Round1Secret;
import dev.frostgate.crypto.frost.dkg.Round2Package;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.engine.dkg.DkgSessionId;
import dev.frostgate.engine.dkg.DkgShares;
import dev.frostgate.testkit.crypto.InProcessDkg;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
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
 * DKG cost. {@code fullDkg}: all n participants run part 1, 2 and 3 in one thread; {@code
 * fullDkgSealed}: the same with every round-2 share sealed to its receiver and opened by it, as the
 * networked DKG sends them (target: ≤ 0.5 × the C library's full 10-of-15 DKG in the same run,
 * {@code ../shared/peers/secp256k1-frost}). {@code part1/part2/part3}: one participant's share of
 * the work, for 10-of-15 and 67-of-100 (inputs prepared in setup; part 2 gets a fresh copy of the
 * participant's polynomial each time because part 2 wipes it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DkgBenchmark {

  @Param({"10-of-15", "67-of-100"})
  public String shape;

  private int n;
  private int t;
  private final SecureRandom rnd = new SecureRandom();
  private Round1Secret secretOfOne;
  private List<SecretScalar> coefficientsOfOne;
  private Map<Identifier, Round1Package> othersOfOne;
  private Dkg.Part2 part2OfOne;
  private Map<Identifier, Round2Package> incomingOfOne;
  private final Map<Identifier, Bip340KeyPair> identities = new TreeMap<>();
  private static final DkgSessionId SESSION = new DkgSessionId("bench", Identifier.range(15));
  private static final Hash32 NO_VIEW = Hash32.of(new byte[32]);
  private static final Bip340Signature NO_SIGNATURE = Bip340Signature.of(new byte[64]);

  @Setup(Level.Trial)
  public void setup() {
    String[] p = shape.split("-of-");
    t = Integer.parseInt(p[0]);
    n = Integer.parseInt(p[1]);
    List<Identifier> ids = Identifier.range(n);
    Round1All round1 = round1(ids);
    SortedMap<Identifier, Dkg.Part1> part1 = round1.parts();
    SortedMap<Identifier, Round1Package> broadcasts = round1.broadcasts();
    for (Identifier id : ids) {
      identities.put(id, Bip340KeyPair.of(SecretScalar.random(rnd)));
    }
    Identifier one = ids.get(0);
    secretOfOne = part1.get(one).secret();
    coefficientsOfOne =
        secretOfOne.polynomial().coefficients().stream().map(SecretScalar::copy).toList();
    othersOfOne = without(broadcasts, one);
    part2OfOne = Dkg.part2(copyOfSecretOfOne(), othersOfOne);
    incomingOfOne = new TreeMap<>();
    for (Identifier id : ids.subList(1, n)) {
      Dkg.Part2 r = Dkg.part2(part1.get(id).secret(), without(broadcasts, id));
      incomingOfOne.put(id, r.outgoing().get(one));
    }
  }

  private Round1Secret copyOfSecretOfOne() {
    return new Round1Secret(
        secretOfOne.suite(),
        secretOfOne.identifier(),
        SecretPolynomial.of(coefficientsOfOne.stream().map(SecretScalar::copy).toList()),
        secretOfOne.commitment(),
        t,
        n);
  }

  /** Every participant's round 1 (secret part and broadcast), by participant. */
  private record Round1All(
      SortedMap<Identifier, Dkg.Part1> parts, SortedMap<Identifier, Round1Package> broadcasts) {}

  /** Round 1 of each of {@code ids}, in order (the random draws follow that order). */
  private Round1All round1(List<Identifier> ids) {
    SortedMap<Identifier, Dkg.Part1> parts = new TreeMap<>();
    SortedMap<Identifier, Round1Package> broadcasts = new TreeMap<>();
    for (Identifier id : ids) {
      Dkg.Part1 p = Dkg.part1(Ciphersuite.TAPROOT, id, n, t, rnd);
      parts.put(id, p);
      broadcasts.put(id, p.broadcast());
    }
    return new Round1All(parts, broadcasts);
  }

  private static Map<Identifier, Round1Package> without(
      Map<Identifier, Round1Package> all, Identifier me) {
    Map<Identifier, Round1Package> m = new TreeMap<>(all);
    m.remove(me);
    return m;
  }

  @Benchmark
  public Dkg.Part1 part1() {
    return Dkg.part1(Ciphersuite.TAPROOT, Identifier.of(1), n, t, rnd);
  }

  @Benchmark
  public Dkg.Part2 part2() {
    return Dkg.part2(copyOfSecretOfOne(), othersOfOne);
  }

  @Benchmark
  public DkgOutput part3() {
    return Dkg.part3(part2OfOne.secret(), othersOfOne, incomingOfOne);
  }

  /** All n participants, all three parts (only run for 10-of-15: 67-of-100 takes seconds). */
  @Benchmark
  public Object fullDkg() {
    return n > 20 ? null : InProcessDkg.runParts(Ciphersuite.TAPROOT, n, t, rnd);
  }

  /**
   * {@link #fullDkg} as the networked DKG runs it: every round-2 share sealed by its dealer to the
   * receiver's identity key ({@link DkgShares#seal}: one derived ephemeral key per dealer, one ECDH
   * and one AEAD per share) and opened by the receiver ({@link DkgShares#open}), between part 2 and
   * part 3. The envelope and dealer signatures are the transport's and were there before.
   */
  @Benchmark
  public Object fullDkgSealed() {
    if (n > 20) {
      return null;
    }
    List<Identifier> ids = Identifier.range(n);
    Round1All round1 = round1(ids);
    SortedMap<Identifier, Dkg.Part1> part1 = round1.parts();
    SortedMap<Identifier, Round1Package> broadcasts = round1.broadcasts();
    SortedMap<Identifier, Dkg.Part2> part2 = new TreeMap<>();
    SortedMap<Identifier, SortedMap<Identifier, DkgMessage.Round2>> sealed = new TreeMap<>();
    for (Identifier dealer : ids) {
      SecretScalar constant = part1.get(dealer).secret().polynomial().constant().copy();
      VssCommitment c = broadcasts.get(dealer).commitment();
      Dkg.Part2 p2 = Dkg.part2(part1.get(dealer).secret(), without(broadcasts, dealer));
      part2.put(dealer, p2);
      for (var e : p2.outgoing().entrySet()) {
        Identifier to = e.getKey();
        DkgMessage.Round2 m =
            new DkgMessage.Round2(
                SESSION,
                dealer,
                to,
                DkgShares.seal(
                    Ciphersuite.TAPROOT,
                    SESSION,
                    dealer,
                    c,
                    constant,
                    to,
                    Bip340PublicKey.of(identities.get(to).publicKey()),
                    e.getValue().share()),
                NO_VIEW,
                NO_SIGNATURE);
        sealed.computeIfAbsent(to, k -> new TreeMap<>()).put(dealer, m);
        e.getValue().share().destroy();
      }
      constant.destroy();
    }
    SortedMap<Identifier, DkgOutput> outputs = new TreeMap<>();
    for (Identifier id : ids) {
      Map<Identifier, Round2Package> incoming = new TreeMap<>();
      for (var e : sealed.get(id).entrySet()) {
        incoming.put(
            e.getKey(),
            new Round2Package(
                e.getKey(),
                id,
                DkgShares.open(
                    Ciphersuite.TAPROOT,
                    e.getValue(),
                    broadcasts.get(e.getKey()).commitment(),
                    identities.get(id))));
      }
      outputs.put(id, Dkg.part3(part2.get(id).secret(), without(broadcasts, id), incoming));
      part2.get(id).secret().destroy();
      incoming.values().forEach(r -> r.share().destroy());
    }
    return outputs;
  }
}
