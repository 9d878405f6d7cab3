package dev.frostgate.sim.dkg;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.sim.core.SeedLine;
import dev.frostgate.sim.core.SeedStreams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one DKG seed simulates, all drawn from the seed: the network's faults (loss, duplication,
 * delay, one partition that heals), crash-restarts of honest validators between any two steps or at
 * a store write, and up to min(3, n − t) Byzantine validators.
 *
 * <p>Timing bounds that make "only faulty validators are excluded" hold (the DKG's timeouts must
 * exceed the delays between honest validators): a partition lasts at most {@link #MAX_PARTITION}, a
 * crashed validator is back within {@link #MAX_DOWNTIME}, a seed crashes at most {@link
 * #maxCrashes} times, all well under the round timeout {@link DkgSimulation#ROUND_TIMEOUT}.
 *
 * @param crashRate chance that an honest validator crashes just before one of its steps
 * @param writeCrashRate chance that one of its steps crashes at a store write, if it writes
 * @param chaosEnd after this time no more crashes happen (loss and delay go on)
 * @param drawn whether {@link #of} drew it from the seed (so the CLI can replay it)
 * @param round2Delayed the honest validators to which every dealer's own round-2 messages arrive
 *     {@link #ROUND2_DELAY} late ({@link DkgFault#DELAY_ROUND2}; empty otherwise)
 */
public record DkgScenario(
    long seed,
    int n,
    int t,
    Set<DkgFault> faults,
    TreeMap<Identifier, DkgFault> byzantine,
    double loss,
    double duplication,
    int maxDelay,
    double crashRate,
    double writeCrashRate,
    int maxCrashes,
    Optional<Partition> partition,
    long chaosEnd,
    boolean drawn,
    Set<Identifier> round2Delayed) {

  /** Keeps this scenario's draws apart from the signing scenario's of the same seed. */
  private static final int SALT = 23;

  public static final long MAX_PARTITION = 1_200;
  public static final long MAX_DOWNTIME = 400;

  /**
   * How late round-2 messages reach the validators of {@link #round2Delayed}: after they ask for
   * their shares (3/4 of the round timeout) and well before anyone's vote on the request.
   */
  public static final long ROUND2_DELAY = DkgSimulation.ROUND_TIMEOUT * 4 / 5;

  /** One side of a partition, cut off from the rest during [from, until). */
  public record Partition(Set<Identifier> side, long from, long until) {
    public Partition {
      side = Collections.unmodifiableSet(new TreeSet<>(side));
    }
  }

  public DkgScenario {
    faults = faults.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(faults));
    byzantine = new TreeMap<>(byzantine);
    round2Delayed = Collections.unmodifiableSet(new TreeSet<>(round2Delayed));
    if (t * 2 <= n || t > n || n < 2) {
      throw new IllegalArgumentException(
          "the networked DKG needs n/2 < t <= n, got n=" + n + " t=" + t);
    }
  }

  /** The scenario of {@code seed} for a group of n validators with threshold t. */
  public static DkgScenario of(long seed, int n, int t) {
    SplittableRandom r = SeedStreams.scenario(seed, SALT);
    EnumSet<DkgFault> f = EnumSet.noneOf(DkgFault.class);
    for (DkgFault x :
        List.of(
            DkgFault.LOSS,
            DkgFault.DUPLICATION,
            DkgFault.REORDER_DELAY,
            DkgFault.PARTITION,
            DkgFault.CRASH_RESTART,
            DkgFault.CRASH_AT_WRITE)) {
      if (r.nextInt(100) < 45) {
        f.add(x);
      }
    }
    List<Identifier> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ids.add(Identifier.of(i));
    }
    for (int i = ids.size() - 1; i > 0; i--) {
      Collections.swap(ids, i, r.nextInt(i + 1));
    }
    int byzCount = r.nextInt(Math.min(3, n - t) + 1);
    TreeMap<Identifier, DkgFault> byz = new TreeMap<>();
    List<DkgFault> kinds =
        List.of(
            DkgFault.BAD_SHARE,
            DkgFault.FALSE_COMPLAINT,
            DkgFault.SILENT,
            DkgFault.WITHHOLD_CERT,
            DkgFault.LATE_COMPLAINT,
            DkgFault.EQUIVOCATE_ROUND1,
            DkgFault.LIE_VIEW,
            DkgFault.WITHHOLD_ROUND1_FROM_ONE,
            DkgFault.WITHHOLD_SHARE_FROM_ONE,
            DkgFault.WITHHOLD_SHARE_NO_REVEAL,
            DkgFault.SPURIOUS_REQUEST);
    for (int i = 0; i < byzCount; i++) {
      DkgFault k = kinds.get(r.nextInt(kinds.size()));
      byz.put(ids.get(i), k);
      f.add(k);
    }
    // The share-leak attack, in a quarter of the seeds, from its own stream (so the other draws of
    // every seed stay as they were): n − t Byzantine validators and round-2 delays to t − f + 1
    // honest ones.
    SplittableRandom attack = new SplittableRandom(seed * 0x2545F4914F6CDD1DL + 101);
    Set<Identifier> delayed = new TreeSet<>();
    if (attack.nextInt(4) == 0) {
      f.add(DkgFault.DELAY_ROUND2);
      int faulty = n - t;
      for (int i = byzCount; i < faulty; i++) {
        DkgFault k = kinds.get(attack.nextInt(kinds.size()));
        byz.put(ids.get(i), k);
        f.add(k);
      }
      int victims = Math.min(n - faulty, t - faulty + 1); // all honest ones if t = n
      delayed.addAll(ids.subList(faulty, faulty + victims));
    }
    // A DKG without timeouts is over in a few hundred ticks; with them it takes multiples of the
    // round timeout: faults land in both.
    long chaosEnd = 1_000 + r.nextInt(6_000);
    Optional<Partition> partition = Optional.empty();
    if (f.contains(DkgFault.PARTITION)) {
      Set<Identifier> side = new TreeSet<>();
      // A proper, non-empty side.
      int size = 1 + r.nextInt(n - 1);
      side.addAll(ids.subList(n - size, n));
      long from = r.nextBoolean() ? r.nextLong(300) : r.nextLong(chaosEnd);
      partition =
          Optional.of(new Partition(side, from, from + 100 + r.nextLong(MAX_PARTITION - 99)));
    }
    return new DkgScenario(
        seed,
        n,
        t,
        f,
        byz,
        f.contains(DkgFault.LOSS) ? 0.02 + r.nextDouble() * 0.18 : 0,
        f.contains(DkgFault.DUPLICATION) ? 0.02 + r.nextDouble() * 0.18 : 0,
        f.contains(DkgFault.REORDER_DELAY) ? 5 + r.nextInt(60) : 3,
        f.contains(DkgFault.CRASH_RESTART) ? 1.0 / (50 + r.nextInt(250)) : 0,
        f.contains(DkgFault.CRASH_AT_WRITE) ? 0.05 + r.nextDouble() * 0.2 : 0,
        1 + r.nextInt(3),
        partition,
        chaosEnd,
        true,
        delayed);
  }

  /**
   * A scenario with only the given network faults and Byzantine validators (no crash, no
   * partition), for tests of one behaviour.
   */
  public static DkgScenario network(
      long seed,
      int n,
      int t,
      Map<Identifier, DkgFault> byzantine,
      double loss,
      double duplication,
      int maxDelay) {
    EnumSet<DkgFault> f = EnumSet.noneOf(DkgFault.class);
    if (loss > 0) {
      f.add(DkgFault.LOSS);
    }
    if (duplication > 0) {
      f.add(DkgFault.DUPLICATION);
    }
    f.addAll(byzantine.values());
    return new DkgScenario(
        seed,
        n,
        t,
        f,
        new TreeMap<>(byzantine),
        loss,
        duplication,
        maxDelay,
        0,
        0,
        0,
        Optional.empty(),
        0,
        false,
        Set.of());
  }

  /**
   * The share-leak attack alone ({@link DkgFault#DELAY_ROUND2}): the given Byzantine validators (n
   * − t of them for the full attack), every round-2 message to {@code delayed} late, no other
   * fault.
   */
  public static DkgScenario shareLeakAttack(
      long seed, int n, int t, Map<Identifier, DkgFault> byzantine, Set<Identifier> delayed) {
    EnumSet<DkgFault> f = EnumSet.of(DkgFault.DELAY_ROUND2);
    f.addAll(byzantine.values());
    return new DkgScenario(
        seed,
        n,
        t,
        f,
        new TreeMap<>(byzantine),
        0,
        0,
        3,
        0,
        0,
        0,
        Optional.empty(),
        0,
        false,
        delayed);
  }

  public boolean isByzantine(Identifier id) {
    return byzantine.containsKey(id);
  }

  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append(faults.isEmpty() ? "none" : faults.toString().replace(" ", ""));
    if (!byzantine.isEmpty()) {
      b.append(" byz=").append(byzantine.toString().replace(" ", ""));
    }
    if (!round2Delayed.isEmpty()) {
      b.append(" round2-delayed=").append(round2Delayed.toString().replace(" ", ""));
    }
    partition.ifPresent(
        p ->
            b.append(" partition=")
                .append(p.side().toString().replace(" ", ""))
                .append('@')
                .append(p.from())
                .append("..")
                .append(p.until()));
    return b.toString();
  }

  /** The one command that replays this seed. */
  public String replayCommand() {
    if (!drawn) {
      return "(a scenario built by a test, not drawn from the seed: rerun that test)";
    }
    return SeedLine.replayCommand("--dkg", seed, n, t);
  }
}
