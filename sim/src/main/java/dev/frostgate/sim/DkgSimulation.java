package dev.frostgate.sim;

import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.Dkg;
import dev.frostgate.crypto.frost.dkg.DkgAcceptance;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.frost.dkg.Round1Secret;
import dev.frostgate.crypto.seal.SealException;
import dev.frostgate.crypto.seal.SealedShare;
import dev.frostgate.crypto.seal.ShareSealer;
import dev.frostgate.engine.Group;
import dev.frostgate.engine.dkg.DkgConfig;
import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.engine.dkg.DkgProgress;
import dev.frostgate.engine.dkg.DkgProofs;
import dev.frostgate.engine.dkg.DkgResult;
import dev.frostgate.engine.dkg.DkgSession;
import dev.frostgate.engine.dkg.DkgShares;
import dev.frostgate.engine.dkg.DkgSignatures;
import dev.frostgate.engine.dkg.DkgStep;
import dev.frostgate.engine.dkg.DkgStore;
import dev.frostgate.engine.dkg.SessionId;
import dev.frostgate.engine.wire.DkgMessages;
import dev.frostgate.sim.core.CrashPlan;
import dev.frostgate.sim.core.EventQueue;
import dev.frostgate.sim.core.Network;
import dev.frostgate.sim.core.RunStats;
import dev.frostgate.sim.core.SeedLegend;
import dev.frostgate.sim.core.SeedLine;
import dev.frostgate.sim.core.SeedStreams;
import dev.frostgate.sim.core.SimClock;
import dev.frostgate.sim.core.Violations;
import dev.frostgate.sim.core.WriteCrash;
import dev.frostgate.testkit.crypto.SeededSecureRandom;
import dev.frostgate.testkit.engine.DealtGroup;
import dev.frostgate.testkit.engine.InMemoryDkgStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Deterministic simulation of the networked DKG ({@link DkgSession}) among n validators in one
 * thread: simulated network, clock and disks, driven by one seed through a {@link DkgScenario}.
 * Honest validators crash between any two of their steps, or just before or after a write to their
 * {@link DkgStore}, and restart from that store (their simulated disk; {@link Disks} can put it on
 * real SQLite files and key stores). Same seed, same run.
 *
 * <p>Invariants checked on every run:
 *
 * <ul>
 *   <li>secrecy: no message on the wire (the view of the Byzantine validators and of a network
 *       adversary) contains a clear evaluation of an honest dealer's polynomial at an honest
 *       validator's identifier, or the key that opens one (checked on every message sent, also in
 *       the share-leak attack {@link DkgFault#DELAY_ROUND2});
 *   <li>no honest validator sends two different round-1 packages, two different certificate
 *       signatures or two test commitments in one session, nor a test share from another process
 *       than the one that announced its commitment (checked on every message sent);
 *   <li>every honest validator that completes has the same group key, xpub, transcript hash and
 *       session, a certificate that verifies with every participant's identity key, a test
 *       signature that verifies, a key package matching the public key package, and the result on
 *       its disk;
 *   <li>every exclusion an honest validator applies carries a proof that {@link DkgProofs} accepts;
 *       one by complaint always accuses a Byzantine validator, and one by timeout votes too, or an
 *       <em>impaired</em> honest one (below), as long as at most n − t are faulty (beyond that,
 *       faulty voters alone can form a timeout quorum);
 *   <li>liveness: when the Byzantine plus impaired validators are at most n − t, every honest
 *       validator that is not impaired completes (the network eventually delivers: loss is bounded,
 *       the partition heals, crashed validators restart), and an impaired one completes or fails
 *       (excluded).
 * </ul>
 *
 * <p>Crashed-and-restarted honest validators count as honest (they must complete and must not be
 * excluded), except an <em>impaired</em> one: a test signer that crashed while its disk held its
 * test nonce commitment of a session it had not completed. Its nonces died with the process, so it
 * cannot contribute the test share it announced; it may be excluded, by timeout votes, from that
 * session, and it counts against the n − t faulty validators.
 */
public final class DkgSimulation {
  public static final long TICK = 10;
  public static final long ROUND_TIMEOUT = 3_000;
  public static final long RETRANSMIT = 50;

  /** Where the validators' DKG stores live; opened at each (re)start, let go of at a crash. */
  public interface Disks {
    DkgStore open(DkgConfig config);

    /** The validator crashed: close what it had open (what was written stays). */
    default void crash(Identifier id) {}

    /** In memory: one {@link InMemoryDkgStore} per validator for the whole run. */
    static Disks inMemory() {
      Map<Identifier, DkgStore> m = new TreeMap<>();
      return c -> m.computeIfAbsent(c.me(), k -> new InMemoryDkgStore());
    }
  }

  /** The outcome of one seed. */
  public record Result(
      DkgScenario scenario,
      List<String> violations,
      int honest,
      int completed,
      Optional<DkgResult> result,
      List<String> exclusions,
      Set<Identifier> impaired,
      Map<String, Integer> crashPhases,
      long simTime,
      long steps,
      long messages,
      long crashes,
      long writeCrashes,
      long wallMillis) {
    public Result {
      violations = List.copyOf(violations);
      exclusions = List.copyOf(exclusions);
      impaired = Set.copyOf(impaired);
      crashPhases = Map.copyOf(crashPhases);
    }

    public boolean ok() {
      return violations.isEmpty();
    }

    /** The seed line ({@link SeedLegend#dkg()} explains its fields). */
    public String line() {
      return SeedLine.of("dkg seed", scenario.seed(), scenario.n(), scenario.t())
          .then("completed " + completed + "/" + honest)
          .field("participants", result.map(r -> r.session().size()).orElse(0))
          .field("excluded", exclusions)
          .run(simTime, steps, messages, crashes)
          .then("(at write " + writeCrashes + ")")
          .field("impaired", new TreeSet<>(impaired))
          .end(scenario.describe(), violations, scenario.replayCommand(), wallMillis);
    }
  }

  /** A store that can crash its validator just before or just after a write. */
  private static final class CrashingStore implements DkgStore {
    final DkgStore inner;
    final WriteCrash writeCrash = new WriteCrash();

    CrashingStore(DkgStore inner) {
      this.inner = inner;
    }

    private void write(Runnable r) {
      writeCrash.around(r);
    }

    @Override
    public DkgProgress load() {
      return inner.load();
    }

    @Override
    public Optional<SecretPolynomial> round1Polynomial(SessionId s) {
      return inner.round1Polynomial(s);
    }

    @Override
    public KeyPackage keyPackage(SessionId s, Point groupKey) {
      return inner.keyPackage(s, groupKey);
    }

    @Override
    public void saveRound1(SessionId s, Round1Package pkg, SecretPolynomial f) {
      write(() -> inner.saveRound1(s, pkg, f));
    }

    @Override
    public void saveVote(DkgMessage.TimeoutVote v) {
      write(() -> inner.saveVote(v));
    }

    @Override
    public void saveExclusion(DkgEvent.Excluded x) {
      write(() -> inner.saveExclusion(x));
    }

    @Override
    public void saveCertified(SessionId s, DkgOutput output, byte[] view, byte[] sig) {
      write(() -> inner.saveCertified(s, output, view, sig));
    }

    @Override
    public void saveTestCommitment(SessionId s, SigningCommitments c) {
      write(() -> inner.saveTestCommitment(s, c));
    }

    @Override
    public void saveResult(DkgResult r) {
      write(() -> inner.saveResult(r));
    }

    @Override
    public String toString() {
      return inner.toString();
    }
  }

  sealed interface Ev {}

  record Deliver(Identifier from, Identifier to, DkgMessage message) implements Ev {}

  private record Tick(Identifier node) implements Ev {}

  private record Restart(Identifier node) implements Ev {}

  private final class Node {
    final Identifier id;
    final DkgFault byzantine;
    final DkgConfig config;
    final List<DkgEvent> events = new ArrayList<>();
    DkgSession session;
    CrashingStore store;
    int incarnation;
    int crashes;
    boolean up;
    boolean broken;

    Node(Identifier id, DkgFault byzantine, DkgConfig config) {
      this.id = id;
      this.byzantine = byzantine;
      this.config = config;
    }

    boolean honest() {
      return byzantine == null;
    }

    void start() {
      incarnation++;
      SeededSecureRandom rng = SeedStreams.node(scenario.seed(), id, incarnation);
      store = new CrashingStore(disks.open(config));
      session = new DkgSession(config, clock, () -> rng, store);
      up = true;
      step(this, session::start);
    }
  }

  private record SentKey(Identifier from, SessionId session, String kind) {}

  /** A message an honest validator sent, with the process (incarnation, from 1) that sent it. */
  public record Sent(Identifier from, int incarnation, Identifier to, DkgMessage message) {}

  private final DkgScenario scenario;
  private final Disks disks;
  private final SplittableRandom rnd;
  private final SimClock clock = new SimClock();
  private final TreeMap<Identifier, Node> nodes = new TreeMap<>();
  private final Map<Identifier, SecretScalar> idKeys = new TreeMap<>();
  private final Map<Identifier, byte[]> pubs = new TreeMap<>();
  private final EventQueue<Ev> queue = new EventQueue<>();
  private final Network<Deliver, Ev> network;
  private boolean ran;

  // Byzantine bookkeeping: (session, dealer) -> commitment seen by a Byzantine node.
  private final Map<String, VssCommitment> commitments = new HashMap<>();
  private final Set<Identifier> complained = new HashSet<>();
  private final Map<Identifier, DkgMessage.Complaint> lateComplaint = new HashMap<>();
  // Spurious requesters: (session, dealer) pairs already asked for.
  private final Set<String> requestedBehindBack = new HashSet<>();
  // Equivocators: (session, equivocator) -> round-1 packages delivered to it; its second package.
  private final Map<String, TreeMap<Identifier, Round1Package>> seenByEquivocator = new HashMap<>();
  private final Map<String, Second> seconds = new HashMap<>();
  // Secrecy: the honest dealers' commitments, the sealed shares already opened, and the values no
  // message may carry (keyed by their first 8 bytes).
  private final Map<String, VssCommitment> honestCommitments = new HashMap<>();
  private final Set<String> sealedSeen = new HashSet<>();
  private final Map<Long, List<Forbidden>> forbidden = new HashMap<>();
  // Who sent a certificate signature in which session (what went on the wire).
  private final Map<SessionId, Set<Identifier>> certified = new HashMap<>();

  /** An equivocator's second round-1 package and its secret polynomial. */
  private record Second(DkgMessage.Round1 round1, Round1Secret secret) {}

  // Invariant state.
  private final Violations violations = Violations.distinct(clock);
  private final Map<SentKey, Object> firstSent = new HashMap<>();
  private final Map<SentKey, Integer> commitIncarnation = new HashMap<>();
  private final Map<Identifier, Set<SessionId>> impaired = new TreeMap<>();
  private final Map<String, Integer> crashPhases = new TreeMap<>();
  private final CrashPlan<DkgStep> crashPlan;
  private final RunStats stats = new RunStats();
  private List<Sent> sent;

  private DkgSimulation(DkgScenario scenario, Disks disks) {
    this.scenario = scenario;
    this.disks = disks;
    this.rnd = SeedStreams.run(scenario.seed());
    this.network = new Network<>(queue, clock, rnd, new DkgLinks(scenario, clock), d -> d);
    this.crashPlan = new CrashPlan<>(rnd, new DkgCrashes(scenario));
    SeededSecureRandom keys = SeedStreams.dkgIdentityKeys(scenario.seed());
    List<Identifier> ids = new ArrayList<>();
    for (int i = 1; i <= scenario.n(); i++) {
      Identifier id = Identifier.of(i);
      ids.add(id);
      SecretScalar k = SecretScalar.random(keys);
      idKeys.put(id, k);
      pubs.put(id, k.publicPoint().xOnly());
    }
    for (Identifier id : ids) {
      DkgConfig c =
          new DkgConfig(
              "sim-" + scenario.seed(),
              id,
              ids,
              scenario.t(),
              pubs,
              idKeys.get(id),
              Ciphersuite.TAPROOT,
              dev.frostgate.crypto.hd.Network.REGTEST,
              ROUND_TIMEOUT,
              RETRANSMIT);
      nodes.put(id, new Node(id, scenario.byzantine().get(id), c));
    }
  }

  /** The simulation of {@code scenario} on in-memory disks (not yet run). */
  public static DkgSimulation of(DkgScenario scenario) {
    return new DkgSimulation(scenario, Disks.inMemory());
  }

  /** The simulation of {@code scenario} on the given disks (not yet run). */
  public static DkgSimulation of(DkgScenario scenario, Disks disks) {
    return new DkgSimulation(scenario, disks);
  }

  /** Runs the scenario of {@code seed} for n validators, threshold t. */
  public static Result run(long seed, int n, int t) {
    return of(DkgScenario.of(seed, n, t)).run();
  }

  public DkgScenario scenario() {
    return scenario;
  }

  /** The current session object of a validator (null while it is down or if it is silent). */
  public DkgSession session(Identifier id) {
    return nodes.get(id).session;
  }

  /** Everything a validator's sessions reported, over all its restarts. */
  public List<DkgEvent> events(Identifier id) {
    return List.copyOf(nodes.get(id).events);
  }

  public List<Identifier> honest() {
    return nodes.values().stream().filter(Node::honest).map(x -> x.id).toList();
  }

  /** Every validator's x-only identity key. */
  public Map<Identifier, byte[]> identityKeys() {
    return new TreeMap<>(pubs);
  }

  /**
   * Crash honest validator {@code id} right after the first of its steps for which {@code when}
   * holds, and restart it {@code downtime} later (besides the scenario's own crashes).
   */
  public DkgSimulation crashAfter(Identifier id, Predicate<DkgStep> when, long downtime) {
    crashPlan.cue(id, when, downtime);
    return this;
  }

  /** Keep every message honest validators send, for {@link #sent()}. */
  public DkgSimulation recordMessages() {
    sent = new ArrayList<>();
    return this;
  }

  /** The messages honest validators sent (after {@link #recordMessages()}). */
  public List<Sent> sent() {
    return List.copyOf(sent);
  }

  /** How many times a validator was started (1 if it never crashed). */
  public int incarnation(Identifier id) {
    return nodes.get(id).incarnation;
  }

  /** The validator's disk (what a restart resumes from); null while it is down. */
  public DkgStore store(Identifier id) {
    Node n = nodes.get(id);
    return n.store == null ? null : n.store.inner;
  }

  /** The validators that sent a certificate signature in {@code session}. */
  public Set<Identifier> certifiedBy(SessionId session) {
    return Set.copyOf(certified.getOrDefault(session, Set.of()));
  }

  /** Whether the validator crashed at least once. */
  public boolean crashed(Identifier id) {
    return nodes.get(id).crashes > 0;
  }

  /** Runs until every honest validator completed or failed (or a time limit), then checks. */
  public Result run() {
    if (ran) {
      throw new IllegalStateException("a simulation runs once");
    }
    ran = true;
    for (Node node : nodes.values()) {
      if (node.byzantine != DkgFault.SILENT) {
        node.start();
        schedule(rnd.nextLong(TICK), new Tick(node.id));
      }
    }
    scheduleRestarts();
    // Each exclusion costs at most a few round timeouts; a run past this is stuck.
    long limit = scenario.chaosEnd() + 20 * ROUND_TIMEOUT;
    while (!queue.isEmpty() && !honestDone()) {
      EventQueue.Timed<Ev> next = queue.poll();
      if (next.time() > limit) {
        break;
      }
      clock.set(next.time());
      stats.step();
      switch (next.event()) {
        case Deliver d -> {
          Node node = nodes.get(d.to());
          maybeCrash(node);
          deliver(node, d);
        }
        case Tick tk -> {
          Node node = nodes.get(tk.node());
          schedule(clock.now() + TICK, tk);
          maybeCrash(node);
          if (node.up) {
            step(node, node.session::onTick);
          }
        }
        case Restart r -> nodes.get(r.node()).start();
      }
      scheduleRestarts();
    }
    finish();
    DkgResult common = null;
    int completed = 0;
    for (Node node : nodes.values()) {
      if (node.honest() && node.session != null && node.session.result().isPresent()) {
        completed++;
        if (common == null) {
          common = node.session.result().get();
        }
      }
    }
    List<String> excluded = new ArrayList<>();
    for (Node node : nodes.values()) {
      if (node.honest()) {
        for (DkgEvent e : node.events) {
          if (e instanceof DkgEvent.Excluded x) {
            String s = x.accused() + ":" + x.reason();
            if (!excluded.contains(s)) {
              excluded.add(s);
            }
          }
        }
      }
    }
    return new Result(
        scenario,
        violations.list(),
        honest().size(),
        completed,
        Optional.ofNullable(common),
        excluded,
        impaired.keySet(),
        crashPhases,
        clock.now(),
        stats.steps(),
        network.sent(),
        stats.crashes(),
        stats.writeCrashes(),
        stats.wallMillis());
  }

  /** Restarts of the validators that crashed in the last event (a cue sets its own downtime). */
  private void scheduleRestarts() {
    crashPlan.scheduleRestarts((id, downtime) -> schedule(clock.now() + downtime, new Restart(id)));
  }

  private boolean honestDone() {
    for (Node node : nodes.values()) {
      if (node.honest()
          && !node.broken
          && (!node.up || (node.session.result().isEmpty() && !node.session.isFailed()))) {
        return false;
      }
    }
    return true;
  }

  private void schedule(long at, Ev ev) {
    queue.schedule(at, ev);
  }

  private boolean chaos() {
    return clock.now() < scenario.chaosEnd();
  }

  private boolean mayCrash(Node node) {
    return node.honest() && node.up && chaos() && stats.crashes() < scenario.maxCrashes();
  }

  /** Crash {@code node} between its previous step and the one about to happen. */
  private void maybeCrash(Node node) {
    if (mayCrash(node) && crashPlan.crashBetweenSteps()) {
      crash(node, "between steps", OptionalLong.empty());
    }
  }

  /** Crashes {@code node}: restarted after {@code downtime}, or a drawn one if empty. */
  private void crash(Node node, String where, OptionalLong downtime) {
    stats.crash();
    node.crashes++;
    DkgProgress p = node.store.inner.load();
    String phase;
    if (p.completion().isPresent()) {
      phase = "completed";
    } else if (p.sessions().stream().anyMatch(s -> s.testCommitment().isPresent())) {
      phase = "test-committed";
      for (DkgProgress.SessionProgress s : p.sessions()) {
        if (s.testCommitment().isPresent()) {
          impaired.computeIfAbsent(node.id, k -> new HashSet<>()).add(s.session());
        }
      }
    } else if (p.sessions().stream().anyMatch(s -> s.certified().isPresent())) {
      phase = "certified";
    } else if (!p.sessions().isEmpty()) {
      phase = "round1";
    } else {
      phase = "start";
    }
    crashPhases.merge(phase + " (" + where + ")", 1, Integer::sum);
    node.session = null;
    node.store = null;
    node.up = false;
    disks.crash(node.id);
    crashPlan.restartLater(node.id, downtime);
  }

  /** One step of a validator's session: its output is sent unless it crashed during the step. */
  private void step(Node node, Supplier<DkgStep> call) {
    if (mayCrash(node)) {
      crashPlan.armAtWrite(node.store.writeCrash);
    }
    DkgStep st;
    try {
      st = call.get();
    } catch (WriteCrash.SimCrash c) {
      stats.writeCrash();
      crash(node, "at a write", OptionalLong.empty());
      return;
    } catch (RuntimeException e) {
      violation(node.id + " failed: " + e);
      node.up = false;
      node.broken = true;
      return;
    }
    node.store.writeCrash.disarm();
    node.events.addAll(st.events());
    for (DkgStep.Outgoing o : st.messages()) {
      DkgMessage m = o.message();
      if (node.honest()) {
        monitor(node, m);
        if (sent != null) {
          sent.add(new Sent(node.id, node.incarnation, o.to(), m));
        }
      } else {
        m = byzantineOut(node, o.to(), m);
        if (m == null) {
          continue;
        }
      }
      if (m instanceof DkgMessage.CertificateSignature c) {
        certified.computeIfAbsent(c.session(), k -> new TreeSet<>()).add(node.id);
      }
      send(node.id, o.to(), m);
      if (node.byzantine == DkgFault.LATE_COMPLAINT
          && m instanceof DkgMessage.Final
          && lateComplaint.containsKey(node.id)
          && complained.add(node.id)) {
        DkgMessage.Complaint c = lateComplaint.get(node.id);
        for (Identifier p : c.session().participants()) {
          if (!p.equals(node.id)) {
            send(node.id, p, c);
          }
        }
      }
    }
    if (node.honest()) {
      OptionalLong cue = crashPlan.cued(node.id, st);
      if (cue.isPresent()) {
        crash(node, "on cue", cue);
      }
    }
  }

  private void deliver(Node node, Deliver d) {
    if (!node.up) {
      return;
    }
    if (!node.honest()) {
      byzantineIn(node, d);
    }
    step(node, () -> node.session.onMessage(d.from(), d.message()));
  }

  private void send(Identifier from, Identifier to, DkgMessage m) {
    adversaryView(from, m);
    network.send(new Deliver(from, to, m));
  }

  // ---------------------------------------------------------------- Byzantine behaviour

  private void byzantineIn(Node node, Deliver d) {
    DkgFault b = node.byzantine;
    if (b == DkgFault.SPURIOUS_REQUEST
        && d.message() instanceof DkgMessage.Round2 r
        && r.receiver().equals(node.id)
        && !scenario.isByzantine(r.dealer())
        && requestedBehindBack.add(r.session() + "/" + r.dealer())) {
      // It has this share, and asks for it in public anyway, behind the dealer's back.
      DkgMessage.ShareRequest q =
          DkgSignatures.shareRequest(
              r.session(), node.id, r.dealer(), idKeys.get(node.id), new SeededSecureRandom(8));
      for (Identifier p : r.session().participants()) {
        if (!p.equals(node.id) && !p.equals(r.dealer())) {
          send(node.id, p, q);
        }
      }
    }
    if (b == DkgFault.EQUIVOCATE_ROUND1 && d.message() instanceof DkgMessage.Round1 r) {
      seenByEquivocator
          .computeIfAbsent(r.session() + "/" + node.id, k -> new TreeMap<>())
          .putIfAbsent(r.author(), r.pkg());
    }
    if ((b == DkgFault.LATE_COMPLAINT || b == DkgFault.FALSE_COMPLAINT)
        && d.message() instanceof DkgMessage.Round1 r) {
      commitments.put(r.session() + "/" + r.author(), r.pkg().commitment());
    }
    if ((b == DkgFault.LATE_COMPLAINT || b == DkgFault.FALSE_COMPLAINT)
        && d.message() instanceof DkgMessage.Round2 r
        && r.receiver().equals(node.id)
        && !complained.contains(node.id)) {
      VssCommitment c = commitments.get(r.session() + "/" + r.dealer());
      // A false complaint: against a share that does match the dealer's commitment (the accuser
      // discloses the key of a sealed share that opens to a good share).
      if (c != null && opensToGoodShare(r, c)) {
        DkgMessage.Complaint complaint =
            DkgSignatures.complaint(
                Ciphersuite.TAPROOT,
                r,
                c,
                Bip340KeyPair.of(idKeys.get(node.id)),
                idKeys.get(node.id),
                new SeededSecureRandom(1));
        if (b == DkgFault.LATE_COMPLAINT) {
          lateComplaint.putIfAbsent(node.id, complaint);
        } else {
          complained.add(node.id);
          for (Identifier p : r.session().participants()) {
            if (!p.equals(node.id)) {
              send(node.id, p, complaint);
            }
          }
        }
      }
    }
  }

  /** Whether a sealed share opens, with its receiver's key, to the share its commitment fixes. */
  private boolean opensToGoodShare(DkgMessage.Round2 r, VssCommitment c) {
    try {
      SecretScalar share =
          DkgShares.open(Ciphersuite.TAPROOT, r, c, Bip340KeyPair.of(idKeys.get(r.receiver())));
      try {
        return share.publicPoint().equals(c.evaluate(r.receiver()));
      } finally {
        share.destroy();
      }
    } catch (SealException | FrostException e) {
      return false;
    }
  }

  /** What a Byzantine validator sends instead of {@code m} (null: nothing). */
  private DkgMessage byzantineOut(Node node, Identifier to, DkgMessage m) {
    switch (node.byzantine) {
      case BAD_SHARE -> {
        return corrupt(node.id, to, m);
      }
      case EQUIVOCATE_ROUND1 -> {
        if (m instanceof DkgMessage.Round1Set || m instanceof DkgMessage.Equivocation) {
          return null; // it would give itself away
        }
        return equivocate(node.id, to, m);
      }
      case WITHHOLD_ROUND1_FROM_ONE -> {
        List<Identifier> peers = honestPeers(node.id, m.session());
        boolean victim = !peers.isEmpty() && to.equals(peers.get(0));
        return victim && (m instanceof DkgMessage.Round1 || m instanceof DkgMessage.Round1Set)
            ? null
            : m;
      }
      case LIE_VIEW -> {
        return lie(node.id, to, m);
      }
      case WITHHOLD_SHARE_FROM_ONE, WITHHOLD_SHARE_NO_REVEAL -> {
        if (m instanceof DkgMessage.Round2 r && r.dealer().equals(node.id)) {
          List<Identifier> peers = honestPeers(node.id, r.session());
          Identifier victim = peers.isEmpty() ? null : peers.get(0);
          if (to.equals(victim)) {
            return null; // never straight to the victim
          }
          if (r.receiver().equals(victim) && node.byzantine == DkgFault.WITHHOLD_SHARE_NO_REVEAL) {
            return null; // and never answers its request either
          }
        }
        return m;
      }
      case WITHHOLD_CERT -> {
        if (m instanceof DkgMessage.CertificateSignature
            || m instanceof DkgMessage.TestCommit
            || m instanceof DkgMessage.TestShare
            || m instanceof DkgMessage.Final) {
          return null;
        }
        return m;
      }
      default -> {
        return m;
      }
    }
  }

  /**
   * The bad dealer sends its lowest-numbered peer a wrong sealed share, signed as its own: in half
   * the sessions f(victim) + 1 sealed properly (it opens, and is off the commitment), in the other
   * half a ciphertext that does not open at all.
   */
  private DkgMessage corrupt(Identifier from, Identifier to, DkgMessage m) {
    if (m instanceof DkgMessage.Round1 r) {
      commitments.put(r.session() + "/" + from, r.pkg().commitment());
    }
    if (m instanceof DkgMessage.Round2 r && r.dealer().equals(from)) {
      Identifier victim =
          r.session().participants().stream().filter(p -> !p.equals(from)).findFirst().get();
      if (r.receiver().equals(victim)) {
        VssCommitment c = commitments.get(r.session() + "/" + from);
        SealedShare bad;
        if ((r.session().hashCode() & 1) == 0) {
          SecretScalar share =
              DkgShares.open(Ciphersuite.TAPROOT, r, c, Bip340KeyPair.of(idKeys.get(victim)));
          SecretScalar wrong = share.add(Scalar.ONE);
          bad =
              ShareSealer.seal(
                  DkgShares.context(Ciphersuite.TAPROOT, r.session(), from, victim, c),
                  new SeededSecureRandom(2),
                  pubs.get(victim),
                  wrong);
          share.destroy();
          wrong.destroy();
        } else {
          byte[] garbled = r.sealed().encode();
          garbled[40] ^= 1;
          bad = SealedShare.decode(garbled);
        }
        return DkgSignatures.round2(
            r.session(),
            from,
            victim,
            bad,
            c,
            r.view(),
            idKeys.get(from),
            new SeededSecureRandom(2));
      }
    }
    return m;
  }

  /** Honest peers of {@code from} in {@code s}, in identifier order. */
  private List<Identifier> honestPeers(Identifier from, SessionId s) {
    return s.participants().stream()
        .filter(p -> !p.equals(from) && !scenario.isByzantine(p))
        .toList();
  }

  /** The equivocator's second package for every other honest peer, with matching shares. */
  private DkgMessage equivocate(Identifier from, Identifier to, DkgMessage m) {
    SessionId s = m.session();
    if (honestPeers(from, s).indexOf(to) % 2 != 1) {
      return m;
    }
    Second second =
        seconds.computeIfAbsent(
            s + "/" + from,
            k -> {
              SeededSecureRandom r =
                  new SeededSecureRandom(
                      scenario.seed() * 17 + s.hashCode() * 31L + from.hashCode());
              Dkg.Part1 p1 = Dkg.part1(Ciphersuite.TAPROOT, from, s.size(), scenario.t(), r);
              return new Second(
                  DkgSignatures.round1(s, p1.broadcast(), idKeys.get(from), r), p1.secret());
            });
    if (m instanceof DkgMessage.Round1 r && r.author().equals(from)) {
      return second.round1();
    }
    if (m instanceof DkgMessage.Round2 r && r.dealer().equals(from) && r.receiver().equals(to)) {
      // The view `to` holds: the packages the equivocator holds, with its second package.
      TreeMap<Identifier, Round1Package> view =
          new TreeMap<>(seenByEquivocator.getOrDefault(s + "/" + from, new TreeMap<>()));
      view.put(from, second.round1().pkg());
      byte[] v = DkgSignatures.viewDigest(s, view);
      SecretPolynomial f = second.secret().polynomial();
      VssCommitment c = second.round1().pkg().commitment();
      SecretScalar share = f.evaluate(to);
      SealedShare sealed =
          DkgShares.seal(Ciphersuite.TAPROOT, s, from, c, f.constant(), to, pubs.get(to), share);
      share.destroy();
      return DkgSignatures.round2(
          s, from, to, sealed, c, v, idKeys.get(from), new SeededSecureRandom(4));
    }
    return m;
  }

  /** A made-up view, validly signed, in the round-2 message to the lowest honest peer. */
  private DkgMessage lie(Identifier from, Identifier to, DkgMessage m) {
    if (m instanceof DkgMessage.Round2 r
        && r.dealer().equals(from)
        && r.receiver().equals(to)
        && to.equals(honestPeers(from, r.session()).get(0))) {
      byte[] fake = r.view();
      fake[0] ^= 1;
      VssCommitment c = commitments.get(r.session() + "/" + from);
      return DkgSignatures.round2(
          r.session(), from, to, r.sealed(), c, fake, idKeys.get(from), new SeededSecureRandom(6));
    }
    if (m instanceof DkgMessage.Round1 r) {
      commitments.put(r.session() + "/" + from, r.pkg().commitment());
    }
    return m;
  }

  // ---------------------------------------------------------------- invariants

  /**
   * Secrecy against the adversary's view (rule S1): every message on the wire, whoever sends it, is
   * what the Byzantine validators and a network adversary see. It must never contain, anywhere in
   * its wire encoding, a clear evaluation f_i(j) of an honest dealer i's polynomial at an honest
   * validator j, nor the Diffie–Hellman point that opens one (its x coordinate). The values come
   * from the honest dealers' sealed shares, opened here with the receiver's key (the simulation
   * sees everything), as they go out.
   */
  private void adversaryView(Identifier from, DkgMessage m) {
    if (m instanceof DkgMessage.Round1 r && !scenario.isByzantine(r.author())) {
      honestCommitments.put(r.session() + "/" + r.author(), r.pkg().commitment());
    }
    if (m instanceof DkgMessage.Round2 r
        && !scenario.isByzantine(r.dealer())
        && !scenario.isByzantine(r.receiver())
        && sealedSeen.add(r.session() + "/" + r.dealer() + "/" + r.receiver())) {
      VssCommitment c = honestCommitments.get(r.session() + "/" + r.dealer());
      if (c == null) {
        violation(
            r.dealer() + " sent a round-2 share before its round-1 package in " + r.session());
        return;
      }
      Bip340KeyPair receiver = Bip340KeyPair.of(idKeys.get(r.receiver()));
      SecretScalar share = DkgShares.open(Ciphersuite.TAPROOT, r, c, receiver);
      forbid(share.toBytes(), "share f_" + r.dealer() + "(" + r.receiver() + ")");
      share.destroy();
      forbid(
          receiver.agree(r.sealed().ephemeral()).xOnly(),
          "key of the sealed share " + r.dealer() + "->" + r.receiver());
      receiver.destroy();
    }
    if (forbidden.isEmpty()) {
      return;
    }
    byte[] wire;
    try {
      wire = DkgMessages.envelope(m, (int) from.smallValue(), 0, 0).toByteArray();
    } catch (IllegalArgumentException e) {
      if (!scenario.isByzantine(from)) {
        violation(from + " sent a message that has no wire form: " + e.getMessage());
      }
      return; // a Byzantine message no real wire would carry
    }
    for (int i = 0; i + 32 <= wire.length; i++) {
      List<Forbidden> hits = forbidden.get(prefix(wire, i));
      if (hits != null) {
        for (Forbidden f : hits) {
          if (Arrays.equals(wire, i, i + 32, f.value(), 0, 32)) {
            violation(
                "secrecy: "
                    + from
                    + " put the "
                    + f.what()
                    + " on the wire in "
                    + m.getClass().getSimpleName());
          }
        }
      }
    }
  }

  private record Forbidden(byte[] value, String what) {}

  private void forbid(byte[] value, String what) {
    forbidden
        .computeIfAbsent(prefix(value, 0), k -> new ArrayList<>())
        .add(new Forbidden(value, what));
  }

  private static long prefix(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xFF);
    }
    return v;
  }

  private void violation(String s) {
    violations.add(s); // each distinct one once: a resent message would repeat it
  }

  /** Safety across restarts, on every message an honest validator sends. */
  private void monitor(Node node, DkgMessage m) {
    switch (m) {
      case DkgMessage.Round1 r -> {
        Object prev = firstSent.putIfAbsent(new SentKey(node.id, r.session(), "r1"), r.pkg());
        if (prev != null && !DkgSignatures.samePackage((Round1Package) prev, r.pkg())) {
          violation(node.id + " sent two different round-1 packages in " + r.session());
        }
      }
      case DkgMessage.CertificateSignature c -> {
        Object prev =
            firstSent.putIfAbsent(new SentKey(node.id, c.session(), "cert"), c.signature());
        if (prev != null && !Arrays.equals((byte[]) prev, c.signature())) {
          violation(node.id + " sent two certificate signatures in " + c.session());
        }
      }
      case DkgMessage.TestCommit c -> {
        SentKey key = new SentKey(node.id, c.session(), "commit");
        Object prev = firstSent.putIfAbsent(key, c.commitments());
        commitIncarnation.putIfAbsent(key, node.incarnation);
        if (prev != null && !prev.equals(c.commitments())) {
          violation(node.id + " announced two test commitments in " + c.session());
        }
      }
      case DkgMessage.TestShare s -> {
        Integer inc = commitIncarnation.get(new SentKey(node.id, s.session(), "commit"));
        if (inc == null || inc != node.incarnation) {
          violation(
              node.id
                  + "#"
                  + node.incarnation
                  + " sent a test share for a commitment of process #"
                  + inc
                  + " in "
                  + s.session());
        }
      }
      default -> {}
    }
  }

  private boolean faulty(Identifier id) {
    return scenario.isByzantine(id) || impaired.containsKey(id);
  }

  private void finish() {
    DkgResult first = null;
    Identifier firstId = null;
    for (Node node : nodes.values()) {
      if (!node.honest() || node.broken || node.session == null) {
        continue;
      }
      Optional<DkgResult> r = node.session.result();
      if (r.isEmpty()) {
        continue;
      }
      DkgResult res = r.get();
      String who = node.id + ": ";
      Map<Identifier, byte[]> keys = new TreeMap<>();
      for (Identifier p : res.session().participants()) {
        keys.put(p, pubs.get(p));
      }
      try {
        res.certificate().verify(keys);
      } catch (FrostException e) {
        violation(who + "certificate does not verify: " + e.getMessage());
      }
      try {
        DkgOutput o =
            new DkgOutput(res.rawKeyPackage(), res.rawPublicKeyPackage(), res.transcriptHash());
        DkgAcceptance.verify(o.publicKeyPackage(), res.transcriptHash(), res.testSignature());
      } catch (FrostException e) {
        violation(who + "test signature does not verify: " + e.getMessage());
      }
      if (!res.rawKeyPackage().identifier().equals(node.id)
          || !res.rawKeyPackage()
              .verifyingShare()
              .equals(res.rawPublicKeyPackage().verifyingShares().get(node.id))
          || !res.rawKeyPackage()
              .signingShare()
              .publicPoint()
              .equals(res.rawKeyPackage().verifyingShare())) {
        violation(who + "key package does not match the public key package");
      }
      Optional<DkgProgress.Completion> stored = node.store.inner.load().completion();
      if (stored.isEmpty() || !stored.get().certificate().equals(res.certificate())) {
        violation(who + "the result is not on its disk");
      }
      if (first == null) {
        first = res;
        firstId = node.id;
      } else {
        String vs = who + "differs from " + firstId + ": ";
        if (!first.rawKeyPackage().verifyingKey().equals(res.rawKeyPackage().verifyingKey())) {
          violation(vs + "group key");
        }
        if (!Arrays.equals(first.transcriptHash(), res.transcriptHash())) {
          violation(vs + "transcript");
        }
        if (!first.xpub().serialize().equals(res.xpub().serialize())) {
          violation(vs + "xpub");
        }
        if (!first.session().equals(res.session())) {
          violation(vs + "session");
        }
      }
    }
    // Exclusions: proven, and only of faulty validators. A complaint proves guilt by itself; a
    // timeout quorum holds an honest vote only while at most n − t are faulty.
    long faulty = nodes.keySet().stream().filter(this::faulty).count();
    boolean withinBudget = faulty <= scenario.n() - scenario.t();
    for (Node node : nodes.values()) {
      if (!node.honest()) {
        continue;
      }
      for (DkgEvent e : node.events) {
        if (e instanceof DkgEvent.Excluded x) {
          DkgProofs.problem(x, pubs, scenario.t(), Ciphersuite.TAPROOT)
              .ifPresent(p -> violation(node.id + " excluded " + x.accused() + ": " + p));
          boolean allowed =
              scenario.isByzantine(x.accused())
                  || (x.reason() == DkgEvent.Reason.TIMEOUT
                      && (!withinBudget
                          || impaired.getOrDefault(x.accused(), Set.of()).contains(x.session())));
          if (!allowed) {
            violation(
                node.id
                    + " excluded honest "
                    + x.accused()
                    + " ("
                    + x.reason()
                    + ") from "
                    + x.session());
          }
        }
      }
    }
    // Liveness within the fault budget.
    if (withinBudget) {
      for (Node node : nodes.values()) {
        if (!node.honest() || node.broken) {
          continue;
        }
        boolean done = node.session != null && node.session.result().isPresent();
        boolean failed = node.session != null && node.session.isFailed();
        if (!done && !(impaired.containsKey(node.id) && failed)) {
          violation(
              "liveness: "
                  + node.id
                  + (failed ? " failed" : " did not complete")
                  + " with "
                  + faulty
                  + " faulty of "
                  + scenario.n()
                  + " (t="
                  + scenario.t()
                  + ")");
        }
      }
      if (first != null) {
        for (Node node : nodes.values()) {
          if (node.honest()
              && !impaired.containsKey(node.id)
              && !first.session().participants().contains(node.id)) {
            violation("liveness: honest " + node.id + " is not in the final session");
          }
        }
      }
    }
  }

  /**
   * The threshold group the DKG produced (after {@link #run()}): every participant of the session
   * the honest validators completed, with its key package: from its result, or, for one that had
   * not completed yet when the honest validators were done (the run stops then), from its disk,
   * where it saved the key package before certifying. Empty if no honest validator completed or a
   * participant has no key package of that group.
   */
  public Optional<DealtGroup> group() {
    DkgResult common = null;
    for (Node node : nodes.values()) {
      if (node.honest() && node.session != null && node.session.result().isPresent()) {
        common = node.session.result().get();
        break;
      }
    }
    if (common == null) {
      return Optional.empty();
    }
    Point groupKey = common.rawKeyPackage().verifyingKey();
    SortedMap<Identifier, KeyPackage> keys = new TreeMap<>();
    for (Identifier p : common.session().participants()) {
      Node node = nodes.get(p);
      Optional<KeyPackage> k =
          node.session == null
              ? Optional.empty()
              : node.session.result().map(DkgResult::rawKeyPackage);
      if (k.isEmpty() && node.store != null) {
        try {
          k = Optional.of(node.store.inner.keyPackage(common.session(), groupKey));
        } catch (RuntimeException e) {
          k = Optional.empty(); // it never certified that session
        }
      }
      if (k.isEmpty() || !k.get().verifyingKey().equals(groupKey)) {
        return Optional.empty();
      }
      keys.put(p, k.get());
    }
    return Optional.of(
        new DealtGroup(
            new Group(
                common.session().participants(),
                scenario.t(),
                common.rawPublicKeyPackage(),
                common.xpub()),
            keys));
  }
}
