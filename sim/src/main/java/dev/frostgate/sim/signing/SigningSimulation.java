package dev.frostgate.sim.signing;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.Outgoing;
import dev.frostgate.engine.Output;
import dev.frostgate.engine.PolicyConfig;
import dev.frostgate.engine.signing.SigningEngine;
import dev.frostgate.engine.spendlock.LifecycleConfig;
import dev.frostgate.sim.core.CrashPlan;
import dev.frostgate.sim.core.EventQueue;
import dev.frostgate.sim.core.Network;
import dev.frostgate.sim.core.RunStats;
import dev.frostgate.sim.core.SeedLegend;
import dev.frostgate.sim.core.SeedLine;
import dev.frostgate.sim.core.SeedStreams;
import dev.frostgate.sim.core.SimClock;
import dev.frostgate.sim.core.WriteCrash.SimCrash;
import dev.frostgate.testkit.engine.DealtGroup;
import fr.acinq.bitcoin.Satoshi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Deterministic simulation of a whole validator group signing in one thread: simulated network,
 * clock and disks, driven by one seed. Faults come from the {@link SigningScenario}, Byzantine
 * behaviour from {@link SigningAdversary}; {@link SigningInvariants} checks every event and the
 * end. This class runs the loop: it delivers messages and ticks to the {@link SigningNode}s,
 * crashes and restarts them, and hands what they send to the network. Same seed, same run, byte for
 * byte.
 */
public final class SigningSimulation {
  public static final long LEADER_TIMEOUT = 400;
  public static final long TICK = 10;
  public static final long RETRANSMIT = 80;
  static final long FEE_CAP = 50_000;

  /** The validators' policy settings. */
  static final PolicyConfig POLICY = PolicyConfig.defaults().withFeeCap(new Satoshi(FEE_CAP));

  /** The spend-lock lifecycle of {@link #runLifecycle} runs: burial at 6, a bump after 3 blocks. */
  public static final LifecycleConfig LIFECYCLE = LifecycleConfig.defaults();

  /** Simulated time between two blocks of a lifecycle run. */
  static final long BLOCK_INTERVAL = 200;

  /** The outcome of one seed. */
  public record Result(
      SigningScenario scenario,
      String replayCommand,
      int goodRequests,
      int signed,
      List<String> violations,
      long simTime,
      long steps,
      long messages,
      long forgedRejected,
      long crashes,
      Map<String, Long> journalCrashPoints,
      long blames,
      boolean batchedDelivery,
      long wallMillis) {
    public Result {
      journalCrashPoints = java.util.Collections.unmodifiableMap(new TreeMap<>(journalCrashPoints));
    }

    public boolean ok() {
      return violations.isEmpty();
    }

    /** Crashes at a journal write, of every write point. */
    public long journalCrashes() {
      return journalCrashPoints.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The seed line ({@link SeedLegend#signing()} explains its fields). */
    public String line() {
      return SeedLine.of("seed", scenario.seed(), scenario.n(), scenario.t())
          .then("signed " + signed + "/" + goodRequests + ",")
          .run(simTime, steps, messages, crashes)
          .then(
              "(journal "
                  + journalCrashes()
                  + (journalCrashPoints.isEmpty()
                      ? ""
                      : ": " + SeedLine.compact(journalCrashPoints))
                  + ")")
          .field("forged", forgedRejected)
          .field("blames", blames)
          .field("delivery", batchedDelivery ? "batched" : "single")
          .end(scenario.describe(), violations, replayCommand, wallMillis);
    }
  }

  /** What travels on the simulated wire: {@code signer} models the BIP340 envelope signature. */
  record Envelope(Identifier claimed, Identifier signer, Identifier to, Message message) {}

  /**
   * The simulated transport's envelope check: the signature must be by the claimed sender (the
   * production check is {@code engine.wire.InboundPipeline}); empty for a forged envelope.
   */
  private static Optional<Identifier> authenticatedSender(Envelope e) {
    return e.claimed().equals(e.signer()) ? Optional.of(e.claimed()) : Optional.empty();
  }

  sealed interface Ev {}

  record Deliver(Envelope envelope) implements Ev {}

  private record Tick(Identifier node) implements Ev {}

  private record Restart(Identifier node) implements Ev {}

  private record Crash(Identifier node, boolean permanent) implements Ev {}

  private record PartitionStart(Set<Identifier> side) implements Ev {}

  private record PartitionEnd() implements Ev {}

  /** A lifecycle run's miner finds a block. */
  private record Block() implements Ev {}

  private final SigningScenario scenario;

  /** The run's time; also the state files' clock, so a seed's databases are deterministic too. */
  private final SimClock clock = new SimClock();

  private final SplittableRandom rnd;
  private final DealtGroup group;
  private final SigningRequests requests;
  private final TreeMap<Identifier, SigningNode> nodes = new TreeMap<>();
  private final EventQueue<Ev> queue = new EventQueue<>();
  private final SigningLinks links;
  private final Network<Envelope, Ev> network;
  private final SigningAdversary adversary;
  private final SigningInvariants invariants;
  private final RunStats stats = new RunStats();
  private final CrashPlan<Output> crashPlan;
  private final Map<String, Long> journalCrashes = new TreeMap<>();
  private final SigningNode.World world;
  private long forged;

  /**
   * Half the seeds hand a node every message due to it within {@link #BATCH_WINDOW} as one engine
   * step ({@link SigningEngine#onMessages}), as a runtime drains its inbound queue: the shares of a
   * step are journaled in one group commit. Drawn from its own stream so that a seed's other draws
   * stay as they were.
   */
  private final boolean batching;

  private static final long BATCH_WINDOW = 8;

  /**
   * The scenario switch of the spend-lock lifecycle (never drawn from the seed, so the golden seeds
   * replay as before): the validators run {@link #LIFECYCLE}, and a miner ({@link Miner}) makes a
   * block every {@link #BLOCK_INTERVAL}.
   */
  private final Optional<Miner> miner;

  /** Whether every signed request's locks are released on every honest living node. */
  private boolean released;

  private SigningSimulation(
      SigningScenario scenario, DealtGroup group, Optional<LifecycleConfig> lifecycle) {
    if (!group.group().validators().containsAll(scenario.byzantine().keySet())
        || !group.group().validators().containsAll(scenario.permanentlyCrashed())
        || group.group().size() != scenario.n()
        || group.group().threshold() != scenario.t()) {
      throw new IllegalArgumentException("the scenario is for another group");
    }
    this.scenario = scenario;
    this.group = group;
    this.rnd = SeedStreams.run(scenario.seed());
    this.links = new SigningLinks(scenario, clock);
    this.network = new Network<>(queue, clock, rnd, links, Deliver::new);
    this.crashPlan = new CrashPlan<>(rnd, new SigningCrashes(scenario, clock));
    this.batching = SeedStreams.signingDelivery(scenario.seed()).nextBoolean();
    // The requests are the run stream's first draws.
    this.requests = SigningRequests.draw(scenario, group, rnd);
    this.world =
        new SigningNode.World(scenario.seed(), clock, group, requests, journalCrashes, lifecycle);
    if (lifecycle.isPresent()) {
      requests.allowBumps();
    }
    this.miner = lifecycle.map(l -> new Miner(requests));
    this.adversary =
        new SigningAdversary(
            scenario, clock, rnd, group, requests, (id, at) -> schedule(at, new Crash(id, false)));
    this.invariants = new SigningInvariants(scenario, clock, group, requests, nodes);
  }

  /** Runs one seed with the given shape, its state files under {@link #stateRoot()}. */
  public static Result run(long seed, int n, int t, int requests) {
    return run(seed, n, t, requests, stateRoot());
  }

  /** Runs one seed with the given shape, its state files in a new directory under stateRoot. */
  public static Result run(long seed, int n, int t, int requests, Path stateRoot) {
    return runSeed(seed, n, t, requests, stateRoot, Optional.empty());
  }

  /**
   * Runs one seed with the spend-lock lifecycle switched on: a miner that leaves every request's
   * first transaction unconfirmed (so it is bumped) and mines its bumps, and in runs of two or more
   * requests buries a conflicting spend of the last one instead (so its locks are released for
   * that); checks besides the usual invariants that only the rule releases, that no fee above the
   * cap is signed, and that every signed request's locks are released in the end.
   */
  public static Result runLifecycle(long seed, int n, int t, int requests, Path stateRoot) {
    return runSeed(seed, n, t, requests, stateRoot, Optional.of(LIFECYCLE));
  }

  private static Result runSeed(
      long seed, int n, int t, int requests, Path stateRoot, Optional<LifecycleConfig> lifecycle) {
    SigningScenario scenario = SigningScenario.of(seed, n, t, requests);
    return run(
        scenario,
        DealtGroup.of(scenario.n(), scenario.t()),
        SeedLine.replayCommand("", scenario.seed(), scenario.n(), scenario.t())
            + " --requests "
            + scenario.requests()
            + (lifecycle.isPresent() ? " (lifecycle)" : ""),
        stateRoot,
        lifecycle);
  }

  /**
   * Runs {@code scenario} with the key material of {@code group} (whose validators the scenario
   * must be drawn for); {@code replayCommand} is what a failure prints.
   */
  public static Result run(SigningScenario scenario, DealtGroup group, String replayCommand) {
    return run(scenario, group, replayCommand, stateRoot());
  }

  /** As above, the validators' state files in a new directory under {@code root}. */
  public static Result run(
      SigningScenario scenario, DealtGroup group, String replayCommand, Path root) {
    return run(scenario, group, replayCommand, root, Optional.empty());
  }

  private static Result run(
      SigningScenario scenario,
      DealtGroup group,
      String replayCommand,
      Path root,
      Optional<LifecycleConfig> lifecycle) {
    Path dir = StateFiles.runDirectory(root, scenario.seed());
    // Starts its stats' wall clock.
    SigningSimulation s = new SigningSimulation(scenario, group, lifecycle);
    try {
      s.setUp(dir);
      s.loop();
      s.invariants.finish();
      if (s.miner.isPresent() && scenario.faulty() <= scenario.n() - scenario.t()) {
        for (var r : s.invariants.unreleased()) {
          s.invariants.violation("liveness: the locks of signed request " + r + " not released");
        }
      }
    } finally {
      s.nodes.values().forEach(SigningNode::closeJournal);
      StateFiles.deleteTree(dir);
    }
    return new Result(
        scenario,
        replayCommand,
        s.requests.good().size(),
        s.invariants.goodSigned(),
        s.invariants.violations(),
        s.clock.now(),
        s.stats.steps(),
        s.network.sent(),
        s.forged,
        s.stats.crashes(),
        s.journalCrashes,
        s.invariants.blames(),
        s.batching,
        s.stats.wallMillis());
  }

  /**
   * Where the runs put their state directories: the system property {@value #STATE_ROOT} (the
   * {@code simulate --state-dir} option), else the JVM's temporary directory.
   */
  public static final String STATE_ROOT = "frostgate.sim.state-dir";

  static Path stateRoot() {
    return Path.of(System.getProperty(STATE_ROOT, System.getProperty("java.io.tmpdir")));
  }

  /** Starts every node, then draws the permanent crashes and the partition. */
  private void setUp(Path dir) {
    for (Identifier id : group.group().validators()) {
      SigningNode node = new SigningNode(id, scenario.byzantine().get(id), dir, world);
      nodes.put(id, node);
      node.start();
      schedule(rnd.nextLong(TICK), new Tick(id));
    }
    long chaosEnd = scenario.chaosEnd();
    for (Identifier id : scenario.permanentlyCrashed()) {
      schedule(rnd.nextLong(chaosEnd), new Crash(id, true));
    }
    if (scenario.faults().contains(SigningFault.PARTITION)) {
      long at = rnd.nextLong(chaosEnd / 2);
      Set<Identifier> side = new TreeSet<>();
      for (Identifier id : group.group().validators()) {
        if (rnd.nextBoolean()) {
          side.add(id);
        }
      }
      schedule(at, new PartitionStart(side));
      schedule(at + 100 + rnd.nextLong(chaosEnd / 2), new PartitionEnd());
    }
    if (miner.isPresent()) {
      schedule(BLOCK_INTERVAL, new Block());
    }
  }

  private void schedule(long at, Ev ev) {
    queue.schedule(at, ev);
  }

  private boolean chaos() {
    return clock.now() < scenario.chaosEnd();
  }

  // ---------------------------------------------------------------- main loop

  private void loop() {
    long end =
        scenario.chaosEnd()
            + (scenario.n() - scenario.t() + 4L) * LEADER_TIMEOUT
            + 1000
            + (miner.isPresent() ? 60 * BLOCK_INTERVAL : 0);
    while (!queue.isEmpty()) {
      EventQueue.Timed<Ev> next = queue.poll();
      clock.set(next.time());
      if (clock.now() > end
          || (clock.now() > scenario.chaosEnd()
              && invariants.allSigned()
              && (miner.isEmpty() || released))) {
        break;
      }
      stats.step();
      maybeCrashBetweenSteps();
      switch (next.event()) {
        case Deliver d -> {
          if (batching) {
            deliverBatch(d.envelope());
          } else {
            deliver(d.envelope());
          }
        }
        case Tick tk -> tick(tk.node());
        case Restart r -> restart(nodes.get(r.node()));
        case Crash c -> crash(nodes.get(c.node()), c.permanent());
        case PartitionStart p -> links.partition(p.side());
        case PartitionEnd p -> links.partition(null);
        case Block b -> block();
      }
    }
  }

  private void block() {
    schedule(clock.now() + BLOCK_INTERVAL, new Block());
    miner.orElseThrow().mine();
    released = invariants.unreleased().isEmpty();
  }

  private void maybeCrashBetweenSteps() {
    if (!chaos() || !crashPlan.crashBetweenSteps()) {
      return;
    }
    List<SigningNode> up = nodes.values().stream().filter(x -> x.up).toList();
    if (up.isEmpty()) {
      return;
    }
    crash(up.get(rnd.nextInt(up.size())), false);
  }

  private void crash(SigningNode node, boolean permanent) {
    if (node.dead) {
      return;
    }
    if (node.up) {
      stats.crash();
      node.crash();
    }
    if (permanent) {
      node.dead = true;
    } else {
      schedule(clock.now() + crashPlan.downtime(), new Restart(node.id));
    }
  }

  private void restart(SigningNode node) {
    if (!node.up && !node.dead) {
      node.start();
      // A Byzantine leader replays the sign requests it sent before the restart.
      for (Envelope e : adversary.replaysTo(node.id)) {
        schedule(clock.now() + 1 + rnd.nextInt(20), new Deliver(e));
      }
    }
  }

  private void tick(Identifier id) {
    schedule(clock.now() + TICK, new Tick(id));
    SigningNode node = nodes.get(id);
    if (!node.up) {
      return;
    }
    maybeArm(node);
    Output out;
    try {
      out = node.validator.onTick();
    } catch (SimCrash e) {
      journalCrash(node);
      return;
    }
    node.writeCrash.disarm();
    process(node, out);
  }

  private void journalCrash(SigningNode node) {
    crash(node, false);
  }

  /** Arms an honest node to crash at its next journal write of this step (before or after). */
  private void maybeArm(SigningNode node) {
    if (chaos() && node.honest()) {
      crashPlan.armAtWrite(node.writeCrash);
    }
  }

  private void deliver(Envelope e) {
    deliver(e.to(), List.of(e));
  }

  /**
   * {@code first} and every other message to its node due within the batch window, in delivery
   * order, as one step. They were all sent already, so arriving a little early is only a faster
   * network (partitions and loss are decided when a message is sent).
   */
  private void deliverBatch(Envelope first) {
    List<Envelope> batch = new ArrayList<>();
    batch.add(first);
    for (Ev due :
        queue.takeDue(
            x -> x instanceof Deliver d && d.envelope().to().equals(first.to()),
            clock.now() + BATCH_WINDOW)) {
      batch.add(((Deliver) due).envelope());
    }
    deliver(first.to(), batch);
  }

  private void deliver(Identifier to, List<Envelope> batch) {
    SigningNode node = nodes.get(to);
    if (!node.up) {
      return;
    }
    List<SigningEngine.Inbound> step = new ArrayList<>(batch.size());
    for (Envelope e : batch) {
      Optional<Identifier> sender = authenticatedSender(e);
      if (sender.isEmpty()) {
        forged++;
        continue; // the transport rejects it and counts it against the claimed peer
      }
      step.add(new SigningEngine.Inbound(sender.get(), e.message()));
    }
    if (step.isEmpty()) {
      return;
    }
    maybeArm(node);
    Output out;
    try {
      out = node.validator.onMessages(step);
    } catch (SimCrash c) {
      journalCrash(node);
      return;
    }
    node.writeCrash.disarm();
    process(node, out);
  }

  private void process(SigningNode node, Output out) {
    for (EngineEvent ev : out.events()) {
      invariants.onEvent(node, ev);
      if (node.honest() && ev instanceof EngineEvent.RequestSigned s) {
        miner.ifPresent(m -> m.signed(s));
      }
    }
    if (node.honest()) {
      for (Outgoing<Message> o : out.messages()) {
        if (o.message() instanceof Message.Share sh) {
          invariants.onShareLeaving(node, sh);
        }
      }
    }
    List<Outgoing<Message>> msgs =
        node.honest() ? out.messages() : adversary.outgoing(node, out.messages());
    for (Outgoing<Message> o : msgs) {
      send(node.id, node.id, o.to(), o.message());
      Optional<Identifier> forgedName = adversary.forgedName(node);
      if (forgedName.isPresent()) {
        send(forgedName.get(), node.id, o.to(), o.message());
      }
    }
  }

  private void send(Identifier claimed, Identifier signer, Identifier to, Message m) {
    network.send(new Envelope(claimed, signer, to, m));
  }
}
