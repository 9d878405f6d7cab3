package dev.frostgate.sim.signing;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.sim.core.SeedStreams;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * What one seed simulates: the group shape, the requests and the faults, all drawn from the seed.
 * Byzantine and permanently crashed validators together never exceed n − t, so every valid request
 * must be signed once the network heals.
 */
public record SigningScenario(
    long seed,
    int n,
    int t,
    int requests,
    Set<SigningFault> faults,
    TreeMap<Identifier, SigningFault> byzantine,
    List<Identifier> permanentlyCrashed,
    double loss,
    double duplication,
    double replay,
    int maxDelay,
    long chaosEnd) {

  /** Keeps this scenario's draws apart from the DKG scenario's of the same seed. */
  private static final int SALT = 17;

  /** Byzantine behaviours, one per Byzantine validator. */
  static final List<SigningFault> BYZANTINE =
      List.of(
          SigningFault.BYZ_INVALID_SHARES,
          SigningFault.BYZ_WRONG_COMMITMENTS,
          SigningFault.BYZ_WITHHOLD_SHARES,
          SigningFault.BYZ_WITHHOLD_LEADER,
          SigningFault.BYZ_EQUIVOCATING_LEADER,
          SigningFault.BYZ_CHANGED_RECIPIENT,
          SigningFault.BYZ_CONFLICTING_SPEND,
          SigningFault.FORGED_SENDER,
          SigningFault.BYZ_LEADER_TWO_PACKAGES,
          SigningFault.BYZ_LEADER_SUBSTITUTED_MESSAGE,
          SigningFault.BYZ_LEADER_REPLAY_AFTER_RESTART,
          SigningFault.BYZ_LEADER_CHANGED_COSIGNERS);

  public static SigningScenario of(long seed, int n, int t, int requests) {
    List<Identifier> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ids.add(Identifier.of(i));
    }
    return of(seed, ids, t, requests);
  }

  /**
   * The scenario of {@code seed} for a group with these validators (for instance the participants a
   * networked DKG ended with, which need not be 1..n).
   */
  public static SigningScenario of(long seed, List<Identifier> validators, int t, int requests) {
    int n = validators.size();
    SplittableRandom r = SeedStreams.scenario(seed, SALT);
    EnumSet<SigningFault> f = EnumSet.noneOf(SigningFault.class);
    for (SigningFault x :
        List.of(
            SigningFault.LOSS,
            SigningFault.DUPLICATION,
            SigningFault.REORDER_DELAY,
            SigningFault.PARTITION,
            SigningFault.CRASH_RESTART,
            SigningFault.CRASH_AT_JOURNAL_WRITE,
            SigningFault.REPLAY,
            SigningFault.CONFLICTING_REQUESTS,
            SigningFault.UNCONFIRMED_INPUT)) {
      if (r.nextInt(100) < 45) {
        f.add(x);
      }
    }
    int budget = n - t;
    int byz = budget == 0 ? 0 : r.nextInt(budget + 1);
    int perm = budget - byz == 0 || r.nextInt(3) != 0 ? 0 : 1 + r.nextInt(budget - byz);
    List<Identifier> ids = new ArrayList<>(validators.stream().sorted().toList());
    // Shuffle deterministically.
    for (int i = ids.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      Identifier tmp = ids.get(i);
      ids.set(i, ids.get(j));
      ids.set(j, tmp);
    }
    TreeMap<Identifier, SigningFault> byzantine = new TreeMap<>();
    for (int i = 0; i < byz; i++) {
      SigningFault b = BYZANTINE.get(r.nextInt(BYZANTINE.size()));
      byzantine.put(ids.get(i), b);
      f.add(b);
    }
    List<Identifier> permanent = new ArrayList<>(ids.subList(byz, byz + perm));
    if (perm > 0) {
      f.add(SigningFault.PERMANENT_CRASH);
    }
    return new SigningScenario(
        seed,
        n,
        t,
        requests,
        f,
        byzantine,
        permanent,
        f.contains(SigningFault.LOSS) ? 0.02 + r.nextDouble() * 0.2 : 0,
        f.contains(SigningFault.DUPLICATION) ? 0.02 + r.nextDouble() * 0.2 : 0,
        f.contains(SigningFault.REPLAY) ? 0.01 + r.nextDouble() * 0.05 : 0,
        f.contains(SigningFault.REORDER_DELAY) ? 5 + r.nextInt(60) : 3,
        400 + r.nextInt(800));
  }

  public int faulty() {
    return byzantine.size() + permanentlyCrashed.size();
  }

  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append(faults.isEmpty() ? "none" : faults.toString().replace(" ", ""));
    if (!byzantine.isEmpty()) {
      b.append(" byz=").append(byzantine.toString().replace(" ", ""));
    }
    if (!permanentlyCrashed.isEmpty()) {
      b.append(" dead=").append(permanentlyCrashed.toString().replace(" ", ""));
    }
    return b.toString();
  }
}
