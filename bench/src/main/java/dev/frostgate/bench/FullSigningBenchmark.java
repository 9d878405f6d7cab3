package dev.frostgate.bench;

import dev.frostgate.crypto.frost.Aggregator;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.Round1;
import dev.frostgate.crypto.frost.Round2;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.crypto.frost.SigningPackage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One complete 10-of-15 signing on one thread, in one op: 10 round-1 commitments, the signing
 * package, 10 signature shares (each signer computes its own binding factors and group commitment,
 * as a real signer does) and the coordinator's aggregation, which computes the group commitment and
 * verifies the final BIP340/RFC 9591 signature (the shares are verified only when it is invalid,
 * never in a valid session). Nothing is reused across ops (fresh nonces every time), so no
 * per-invocation setup is needed.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class FullSigningBenchmark {

  @Param({"TR:10-of-15", "RFC:10-of-15"})
  public String group;

  private SecureRandom rnd;
  private FrostGroup g;
  private byte[] msg;

  @Setup(Level.Trial)
  public void setUp() {
    rnd = new SecureRandom();
    g = FrostGroup.fromParam(group, rnd);
    msg = FrostSigningBenchmark.message();
    signOnce(); // fail fast
  }

  @Benchmark
  public Signature fullSigning() {
    return signOnce();
  }

  private Signature signOnce() {
    return session(g, msg, rnd);
  }

  /** The measured op, also run by {@link SigningCpuTime}. */
  static Signature session(FrostGroup g, byte[] msg, SecureRandom rnd) {
    int t = g.signers.size();
    List<SigningNonces> nonces = new ArrayList<>(t);
    List<SigningCommitments> commitments = new ArrayList<>(t);
    for (KeyPackage k : g.signers) {
      SigningNonces n = Round1.commit(k, rnd);
      nonces.add(n);
      commitments.add(n.commitments());
    }
    SigningPackage pkg = SigningPackage.of(commitments, msg);
    List<SignatureShare> shares = new ArrayList<>(t);
    for (int i = 0; i < t; i++) {
      shares.add(Round2.sign(pkg, nonces.get(i), g.signers.get(i)));
    }
    return Aggregator.aggregate(pkg, shares, g.publicKeys);
  }
}
