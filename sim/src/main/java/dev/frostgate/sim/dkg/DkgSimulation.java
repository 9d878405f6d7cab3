package dev.frostgate.sim.dkg;

import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.Outgoing;
import dev.frostgate.engine.dkg.DkgConfig;
import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.engine.dkg.DkgProgress;
import dev.frostgate.engine.dkg.DkgProofs;
import dev.frostgate.engine.dkg.DkgResult;
import dev.frostgate.engine.dkg.DkgSession;
import dev.frostgate.engine.dkg.DkgSessionId;
import dev.frostgate.engine.dkg.DkgStep;
import dev.frostgate.engine.dkg.DkgStore;
import dev.frostgate.sim.core.CrashPlan;
import dev.frostgate.sim.core.EventQueue;
import dev.frostgate.sim.core.Network;
import dev.frostgate.sim.core.RunStats;
import dev.frostgate.sim.core.SeedLegend;
import dev.frostgate.sim.core.SeedLine;
import dev.frostgate.sim.core.SeedStreams;
import dev.frostgate.sim.core.SimClock;
import dev.frostgate.sim.core.WriteCrash;
import dev.frostgate.testkit.crypto.SeededSecureRandom;
import dev.frostgate.testkit.engine.DealtGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Deterministic simulation of the networked DKG ({@link DkgSession}) among n validators in one
 * thread: simulated network, clock and disks, driven by one seed through a {@link DkgScenario}.
 * Honest validators crash between any two of their steps, or just before or after a write to their
 * {@link DkgStore}, and restart from that store (their simulated disk; {@link DkgDisks} can put it
 * on real SQLite files and key stores). Same seed, same run.
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

  sealed interface Ev {}

  record Deliver(Identifier from, Identifier to, DkgMessage message) implements Ev {}

  private record Tick(Identifier node) implements Ev {}

  private record Restart(Identifier node) implements Ev {}

  /** A message an honest validator sent, with the process (incarnation, from 1) that sent it. */
  public record Sent(Identifier from, int incarnation, Identifier to, DkgMessage message) {}

  private final DkgScenario scenario;
  private final DkgDisks disks;
  private final SplittableRandom rnd;
  private final SimClock clock = new SimClock();
  private final TreeMap<Identifier, DkgNode> nodes = new TreeMap<>();
  private final Map<Identifier, SecretScalar> idKeys = new TreeMap<>();
  private final Map<Identifier, Bip340PublicKey> pubs = new TreeMap<>();
  private final EventQueue<Ev> queue = new EventQueue<>();
  private final Network<Deliver, Ev> network;
  private boolean ran;

  // Who sent a certificate signature in which session (what went on the wire).
  private final Map<DkgSessionId, Set<Identifier>> certified = new HashMap<>();

  private final DkgAdversary adversary;
  private final DkgInvariants invariants;
  private final Map<String, Integer> crashPhases = new TreeMap<>();
  private final CrashPlan<DkgStep> crashPlan;
  private final RunStats stats = new RunStats();
  private List<Sent> sent;

  private DkgSimulation(DkgScenario scenario, DkgDisks disks) {
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
      pubs.put(id, Bip340PublicKey.of(k.publicPoint().xOnly()));
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
      nodes.put(id, new DkgNode(id, scenario.byzantine().get(id), c));
    }
    this.adversary = new DkgAdversary(scenario, idKeys, pubs, this::send);
    this.invariants = new DkgInvariants(scenario, clock, idKeys, pubs, nodes);
  }

  /** The simulation of {@code scenario} on in-memory disks (not yet run). */
  public static DkgSimulation of(DkgScenario scenario) {
    return new DkgSimulation(scenario, DkgDisks.inMemory());
  }

  /** The simulation of {@code scenario} on the given disks (not yet run). */
  public static DkgSimulation of(DkgScenario scenario, DkgDisks disks) {
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
    return nodes.values().stream().filter(DkgNode::honest).map(x -> x.id).toList();
  }

  /** Every validator's x-only identity key. */
  public Map<Identifier, Bip340PublicKey> identityKeys() {
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
    DkgNode n = nodes.get(id);
    return n.store == null ? null : n.store.inner;
  }

  /** The validators that sent a certificate signature in {@code session}. */
  public Set<Identifier> certifiedBy(DkgSessionId session) {
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
    for (DkgNode node : nodes.values()) {
      if (node.byzantine != DkgFault.SILENT) {
        start(node);
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
          DkgNode node = nodes.get(d.to());
          maybeCrash(node);
          deliver(node, d);
        }
        case Tick tk -> {
          DkgNode node = nodes.get(tk.node());
          schedule(clock.now() + TICK, tk);
          maybeCrash(node);
          if (node.up) {
            step(node, node.session::onTick);
          }
        }
        case Restart r -> start(nodes.get(r.node()));
      }
      scheduleRestarts();
    }
    invariants.finish();
    DkgResult common = null;
    int completed = 0;
    for (DkgNode node : nodes.values()) {
      if (node.honest() && node.session != null && node.session.result().isPresent()) {
        completed++;
        if (common == null) {
          common = node.session.result().get();
        }
      }
    }
    List<String> excluded = new ArrayList<>();
    for (DkgNode node : nodes.values()) {
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
        invariants.violations(),
        honest().size(),
        completed,
        Optional.ofNullable(common),
        excluded,
        invariants.impaired(),
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
    for (DkgNode node : nodes.values()) {
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

  /** A new process of {@code node}, its session started. */
  private void start(DkgNode node) {
    node.boot(scenario.seed(), disks, clock);
    step(node, node.session::start);
  }

  private boolean mayCrash(DkgNode node) {
    return node.honest() && node.up && chaos() && stats.crashes() < scenario.maxCrashes();
  }

  /** Crash {@code node} between its previous step and the one about to happen. */
  private void maybeCrash(DkgNode node) {
    if (mayCrash(node) && crashPlan.crashBetweenSteps()) {
      crash(node, "between steps", OptionalLong.empty());
    }
  }

  /** Crashes {@code node}: restarted after {@code downtime}, or a drawn one if empty. */
  private void crash(DkgNode node, String where, OptionalLong downtime) {
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
          invariants.impair(node.id, s.session());
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
    node.crash(disks);
    crashPlan.restartLater(node.id, downtime);
  }

  /** One step of a validator's session: its output is sent unless it crashed during the step. */
  private void step(DkgNode node, Supplier<DkgStep> call) {
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
      invariants.violation(node.id + " failed: " + e);
      node.up = false;
      node.broken = true;
      return;
    }
    node.store.writeCrash.disarm();
    node.events.addAll(st.events());
    for (Outgoing<DkgMessage> o : st.messages()) {
      DkgMessage m = o.message();
      if (node.honest()) {
        invariants.onHonestSend(node, m);
        if (sent != null) {
          sent.add(new Sent(node.id, node.incarnation, o.to(), m));
        }
      } else {
        m = adversary.outgoing(node, o.to(), m);
        if (m == null) {
          continue;
        }
      }
      if (m instanceof DkgMessage.CertificateSignature c) {
        certified.computeIfAbsent(c.session(), k -> new TreeSet<>()).add(node.id);
      }
      send(node.id, o.to(), m);
      adversary.afterSend(node, m);
    }
    if (node.honest()) {
      OptionalLong cue = crashPlan.cued(node.id, st);
      if (cue.isPresent()) {
        crash(node, "on cue", cue);
      }
    }
  }

  private void deliver(DkgNode node, Deliver d) {
    if (!node.up) {
      return;
    }
    if (!node.honest()) {
      adversary.onDelivery(node, d);
    }
    step(node, () -> node.session.onMessage(d.from(), d.message()));
  }

  private void send(Identifier from, Identifier to, DkgMessage m) {
    invariants.onWire(from, m);
    network.send(new Deliver(from, to, m));
  }

  /**
   * The threshold group the DKG produced (after {@link #run()}): every participant of the session
   * the honest validators completed, with its key package from its result or its disk. Empty if no
   * honest validator completed or a participant has no key package of that group.
   */
  public Optional<DealtGroup> group() {
    return DkgGroupExport.of(nodes, scenario.t());
  }
}
