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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * Per-participant cost of each FROST step, for t-of-n groups (signers are participants 1..t).
 *
 * <ul>
 *   <li>{@code round1Commit}: one signer's {@link Round1#commit} (two nonces, two k·G).
 *   <li>{@code round2Sign}: one signer's {@link Round2#sign} over a t-signer package. Nonces are
 *       single use, so a fresh nonce for the measured signer and a fresh signing package are made
 *       in a {@code Level.Invocation} setup, outside the measured time (SampleTime mode, so the
 *       per-invocation timestamps are part of every sample anyway; the op is ≥ 50 µs, so their ~0.1
 *       µs overhead is negligible).
 *   <li>{@code aggregate}: the coordinator's {@link Aggregator#aggregate}: the group commitment,
 *       the sum of the shares and the final signature verified (the shares themselves only if it is
 *       invalid, which never happens here). Aggregation consumes no nonces, so the package and
 *       shares are made once per trial and aggregated repeatedly.
 * </ul>
 *
 * Groups: Taproot ciphersuite for 2-of-3, 10-of-15, 67-of-100, 667-of-1000; RFC 9591 for 10-of-15.
 * The randomness is a default {@link SecureRandom}, as in production.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FrostSigningBenchmark {

  /** The message: a 32-byte sighash, as in a Taproot key-path spend. */
  static byte[] message() {
    try {
      return MessageDigest.getInstance("SHA-256")
          .digest("frostgate benchmark message".getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @State(Scope.Benchmark)
  public static class Group {
    @Param({"TR:2-of-3", "TR:10-of-15", "TR:67-of-100", "TR:667-of-1000", "RFC:10-of-15"})
    public String group;

    SecureRandom rnd;
    FrostGroup g;
    byte[] msg;

    /** Commitments of signers 2..t (fixed: only signer 1's are refreshed per round-2 call). */
    List<SigningCommitments> otherCommitments;

    @Setup(Level.Trial)
    public void setUp() {
      rnd = new SecureRandom();
      g = FrostGroup.fromParam(group, rnd);
      msg = message();
      otherCommitments = new ArrayList<>();
      for (KeyPackage k : g.signers.subList(1, g.signers.size())) {
        otherCommitments.add(Round1.commit(k, rnd).commitments());
      }
    }
  }

  /** A fresh nonce and signing package for signer 1, made before every round-2 invocation. */
  @State(Scope.Thread)
  public static class FreshRound2Input {
    SigningNonces nonces;
    SigningPackage pkg;

    @Setup(Level.Invocation)
    public void setUp(Group s) {
      nonces = Round1.commit(s.g.signers.get(0), s.rnd);
      List<SigningCommitments> all = new ArrayList<>(s.g.minSigners);
      all.add(nonces.commitments());
      all.addAll(s.otherCommitments);
      pkg = SigningPackage.of(all, s.msg);
    }
  }

  /** A complete signing package with all t shares, made once per trial. */
  @State(Scope.Benchmark)
  public static class AggregateInput {
    SigningPackage pkg;
    List<SignatureShare> shares;

    @Setup(Level.Trial)
    public void setUp(Group s) {
      List<SigningNonces> nonces = new ArrayList<>();
      for (KeyPackage k : s.g.signers) {
        nonces.add(Round1.commit(k, s.rnd));
      }
      pkg = SigningPackage.of(nonces.stream().map(SigningNonces::commitments).toList(), s.msg);
      shares = new ArrayList<>();
      for (int i = 0; i < s.g.signers.size(); i++) {
        shares.add(Round2.sign(pkg, nonces.get(i), s.g.signers.get(i)));
      }
      Aggregator.aggregate(pkg, shares, s.g.publicKeys); // fail fast if anything is wrong
    }
  }

  @Benchmark
  public SigningNonces round1Commit(Group s) {
    return Round1.commit(s.g.signers.get(0), s.rnd);
  }

  @Benchmark
  public SignatureShare round2Sign(Group s, FreshRound2Input in) {
    return Round2.sign(in.pkg, in.nonces, s.g.signers.get(0));
  }

  @Benchmark
  public Signature aggregate(Group s, AggregateInput in) {
    return Aggregator.aggregate(in.pkg, in.shares, s.g.publicKeys);
  }
}
