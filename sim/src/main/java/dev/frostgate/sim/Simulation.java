package dev.frostgate.sim;

import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.spend.Branch;
import dev.frostgate.bitcoin.spend.ChangePolicy;
import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.SpendOutput;
import dev.frostgate.bitcoin.spend.SpendRecipe;
import dev.frostgate.bitcoin.spend.SpendSigner;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.engine.ChainFacts;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.EnvelopeVerifier;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.NodeConfig;
import dev.frostgate.engine.Output;
import dev.frostgate.engine.PolicyConfig;
import dev.frostgate.engine.Ports;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.signing.SigningEngine;
import dev.frostgate.node.storage.SqliteJournal;
import dev.frostgate.node.storage.StateDatabase;
import dev.frostgate.sim.core.EventQueue;
import dev.frostgate.sim.core.Network;
import dev.frostgate.sim.core.SeedStreams;
import dev.frostgate.sim.core.SimClock;
import dev.frostgate.sim.core.WriteCrash;
import dev.frostgate.sim.core.WriteCrash.SimCrash;
import dev.frostgate.testkit.crypto.SeededSecureRandom;
import dev.frostgate.testkit.engine.DealtGroup;
import dev.frostgate.testkit.engine.InMemoryChainFacts;
import dev.frostgate.testkit.engine.InMemoryRequestSource;
import fr.acinq.bitcoin.OutPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Deterministic simulation of a whole validator group in one thread: simulated network, clock and
 * disks, driven by one seed. Faults come from the {@link Scenario}; invariants are checked on every
 * event and at the end. Same seed, same run, byte for byte.
 */
public final class Simulation {
  public static final long LEADER_TIMEOUT = 400;
  public static final long TICK = 10;
  public static final long RETRANSMIT = 80;
  static final long FEE_CAP = 50_000;

  /** The outcome of one seed. */
  public record Result(
      Scenario scenario,
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

    public String line() {
      String head =
          String.format(
              "seed %d: n=%d t=%d signed %d/%d, t_sim=%d steps=%d msgs=%d crashes=%d"
                  + " (journal %d%s) forged=%d blames=%d delivery=%s faults=%s %s (%d ms)",
              scenario.seed(),
              scenario.n(),
              scenario.t(),
              signed,
              goodRequests,
              simTime,
              steps,
              messages,
              crashes,
              journalCrashes(),
              journalCrashPoints.isEmpty()
                  ? ""
                  : ": " + journalCrashPoints.toString().replace(" ", ""),
              forgedRejected,
              blames,
              batchedDelivery ? "batched" : "single",
              scenario.describe(),
              ok() ? "OK" : "FAIL",
              wallMillis);
      if (ok()) {
        return head;
      }
      return head + "\n  violations: " + violations + "\n  replay: " + replayCommand();
    }
  }

  /** What travels on the simulated wire: {@code signer} models the BIP340 envelope signature. */
  record Envelope(Identifier claimed, Identifier signer, Identifier to, Message message) {}

  /** The envelope check: the signature must be by the claimed sender. */
  static final EnvelopeVerifier<Envelope> VERIFIER =
      e -> e.claimed().equals(e.signer()) ? Optional.of(e.claimed()) : Optional.empty();

  sealed interface Ev {}

  record Deliver(Envelope envelope) implements Ev {}

  private record Tick(Identifier node) implements Ev {}

  private record Restart(Identifier node) implements Ev {}

  private record Crash(Identifier node, boolean permanent) implements Ev {}

  private record PartitionStart(Set<Identifier> side) implements Ev {}

  private record PartitionEnd() implements Ev {}

  /**
   * One validator: its engine (memory, lost on a crash) and its state file, a real SQLite database
   * ({@link SqliteJournal} on {@link StateDatabase}, WAL, {@code synchronous=FULL}) in the run's
   * temporary directory. A crash closes the file without anything else; a restart opens it again,
   * which voids every journal row of earlier boots, exactly as a restarted node does.
   */
  private final class Node implements SqliteJournal.WritePoints {
    final Identifier id;
    final Path file;
    final Fault byzantine;
    StateDatabase db;
    SqliteJournal journal;

    /**
     * Armed to crash inside the transaction just before its commit (SQLite rolls the writes back)
     * or just after the commit (durable, nothing made or sent), of whichever write the node makes
     * first: a batch of shares or a completion.
     */
    final WriteCrash writeCrash = new WriteCrash();

    SigningEngine validator;
    int incarnation;
    boolean up;
    boolean dead;

    Node(Identifier id, Fault byzantine) {
      this.id = id;
      this.byzantine = byzantine;
      this.file = dir.resolve("validator-" + id.smallValue() + ".db");
    }

    @Override
    public void beforeCommit(SqliteJournal.Write write) {
      crashIfArmed(WriteCrash.Point.BEFORE, write);
    }

    @Override
    public void afterCommit(SqliteJournal.Write write) {
      crashIfArmed(WriteCrash.Point.AFTER, write);
    }

    private void crashIfArmed(WriteCrash.Point point, SqliteJournal.Write write) {
      if (writeCrash.firesAt(point)) {
        journalCrashes.merge(
            write.name().toLowerCase(java.util.Locale.ROOT)
                + "-"
                + point.name().toLowerCase(java.util.Locale.ROOT),
            1L,
            Long::sum);
        throw new SimCrash();
      }
    }

    /** Opens the state file (a restart: voids the journal rows of earlier boots). */
    SqliteJournal openJournal() {
      if (db == null) {
        if (!Files.exists(file)) {
          copyTemplate(file);
        }
        db = StateDatabase.open(file, clock);
        journal = new SqliteJournal(db, FEE_CAP, this);
      }
      return journal;
    }

    void closeJournal() {
      if (db != null) {
        db.close();
        db = null;
        journal = null;
      }
    }

    boolean honest() {
      return byzantine == null;
    }

    void start() {
      incarnation++;
      SeededSecureRandom rng = SeedStreams.node(scenario.seed(), id, incarnation);
      Ports ports = new Ports(clock, () -> rng, openJournal(), requests, chain);
      validator =
          new SigningEngine(
              new NodeConfig(
                  id,
                  sim.rawKeys().get(id),
                  sim.group(),
                  new PolicyConfig(FEE_CAP, 1),
                  LEADER_TIMEOUT,
                  RETRANSMIT),
              ports);
      up = true;
    }

    void crash() {
      validator = null;
      up = false;
      writeCrash.disarm();
      closeJournal();
    }
  }

  private final Scenario scenario;
  private final Path dir;

  /** The run's time; also the state files' clock, so a seed's databases are deterministic too. */
  private final SimClock clock = new SimClock();

  private final SplittableRandom rnd;
  private final DealtGroup sim;
  private final InMemoryRequestSource requests = new InMemoryRequestSource();
  private final InMemoryChainFacts chain = new InMemoryChainFacts();
  private final Map<RequestId, SpendRequest> byId = new TreeMap<>();
  private final Map<RequestId, UnsignedSpend> canonical = new TreeMap<>();
  private final Set<RequestId> good = new TreeSet<>();
  private final Set<RequestId> mustNotSign = new TreeSet<>();
  private final TreeMap<Identifier, Node> nodes = new TreeMap<>();
  private final EventQueue<Ev> queue = new EventQueue<>();
  private final SigningLinks links;
  private final Network<Envelope, Ev> network;

  // Invariant state.
  private final List<String> violations = new ArrayList<>();
  private final Map<SigningCommitments, String> issuedIn = new HashMap<>();

  /** Every share an honest node made, by the commitment whose nonces it consumed. */
  private final Map<SigningCommitments, SignatureShare> sharesByCommitment = new HashMap<>();

  /** The shares an honest node made per (node, request, attempt, session): what it may send. */
  private final Map<String, List<SignatureShare>> madeShares = new HashMap<>();

  /** Sign requests of replaying leaders, per target: delivered again after it restarts. */
  private final Map<Identifier, List<Envelope>> replayAfterRestart = new TreeMap<>();

  private int forcedCrashes;
  private final Map<Identifier, Map<OutPoint, RequestId>> honestSpends = new TreeMap<>();
  private final Map<OutPoint, String> signedSpends = new HashMap<>();
  private final Set<RequestId> signed = new TreeSet<>();
  private final Map<RequestId, List<PublicKeyPackage>> inputPublic = new HashMap<>();
  private long steps;
  private long forged;
  private long crashes;
  private final Map<String, Long> journalCrashes = new TreeMap<>();
  private long blames;

  /**
   * Half the seeds hand a node every message due to it within {@link #BATCH_WINDOW} as one engine
   * step ({@link SigningEngine#onMessages}), as a runtime drains its inbound queue: the shares of a
   * step are journaled in one group commit. Drawn from its own stream so that a seed's other draws
   * stay as they were.
   */
  private final boolean batching;

  private static final long BATCH_WINDOW = 8;

  private Simulation(Scenario scenario, DealtGroup group, Path dir) {
    this.scenario = scenario;
    this.dir = dir;
    this.rnd = SeedStreams.run(scenario.seed());
    this.links = new SigningLinks(scenario, clock);
    this.network = new Network<>(queue, clock, rnd, links, Deliver::new);
    this.batching = SeedStreams.signingDelivery(scenario.seed()).nextBoolean();
    this.sim = group;
    if (!group.group().validators().containsAll(scenario.byzantine().keySet())
        || !group.group().validators().containsAll(scenario.permanentlyCrashed())
        || group.group().size() != scenario.n()
        || group.group().threshold() != scenario.t()) {
      throw new IllegalArgumentException("the scenario is for another group");
    }
  }

  /** Runs one seed with the given shape, its state files under {@link #stateRoot()}. */
  public static Result run(long seed, int n, int t, int requests) {
    return run(seed, n, t, requests, stateRoot());
  }

  /** Runs one seed with the given shape, its state files in a new directory under stateRoot. */
  public static Result run(long seed, int n, int t, int requests, Path stateRoot) {
    Scenario scenario = Scenario.of(seed, n, t, requests);
    return run(
        scenario,
        DealtGroup.of(scenario.n(), scenario.t()),
        "frostgate simulate --seeds "
            + scenario.seed()
            + ".."
            + scenario.seed()
            + " --validators "
            + scenario.n()
            + " --threshold "
            + scenario.t()
            + " --requests "
            + scenario.requests(),
        stateRoot);
  }

  /**
   * Runs {@code scenario} with the key material of {@code group} (whose validators the scenario
   * must be drawn for); {@code replayCommand} is what a failure prints.
   */
  public static Result run(Scenario scenario, DealtGroup group, String replayCommand) {
    return run(scenario, group, replayCommand, stateRoot());
  }

  /** As above, the validators' state files in a new directory under {@code root}. */
  public static Result run(Scenario scenario, DealtGroup group, String replayCommand, Path root) {
    long start = System.nanoTime(); // reporting only; never feeds the simulation
    Path dir;
    try {
      Files.createDirectories(root);
      dir = Files.createTempDirectory(root, "frostgate-sim-" + scenario.seed() + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the simulation's state directory", e);
    }
    Simulation s = new Simulation(scenario, group, dir);
    try {
      s.setUp();
      s.loop();
      s.finish();
    } finally {
      s.nodes.values().forEach(Node::closeJournal);
      deleteTree(dir);
    }
    return new Result(
        scenario,
        replayCommand,
        s.good.size(),
        (int) s.good.stream().filter(s.signed::contains).count(),
        List.copyOf(s.violations),
        s.clock.now(),
        s.steps,
        s.network.sent(),
        s.forged,
        s.crashes,
        s.journalCrashes,
        s.blames,
        s.batching,
        (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Where the runs put their state directories: the system property {@value #STATE_ROOT} (the
   * {@code simulate --state-dir} option), else the JVM's temporary directory.
   */
  public static final String STATE_ROOT = "frostgate.sim.state-dir";

  static Path stateRoot() {
    return Path.of(System.getProperty(STATE_ROOT, System.getProperty("java.io.tmpdir")));
  }

  private static Path template;

  /**
   * A new validator's state file: a copy of one database this JVM migrated once (schema migrations
   * are tested on their own; a seed only needs fresh, fully migrated files). Opening the copy is a
   * real start of the node: a new boot, WAL, {@code synchronous=FULL}.
   */
  private static synchronized void copyTemplate(Path target) {
    try {
      if (template == null || !Files.exists(template)) {
        Path dir = Files.createTempDirectory("frostgate-sim-template-");
        Path file = dir.resolve("template.db");
        StateDatabase.open(file).close(); // the last close checkpoints: one self-contained file
        for (Path p : List.of(file.resolveSibling("template.db.lock"))) {
          Files.deleteIfExists(p);
        }
        dir.toFile().deleteOnExit(); // deleted last: files registered later go first
        file.toFile().deleteOnExit();
        template = file;
      }
      Files.copy(template, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a validator's state file " + target, e);
    }
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the simulation's state " + dir, e);
    }
  }

  // ---------------------------------------------------------------- set-up

  private static String txid(String label) {
    return HexFormat.of().formatHex(Hashes.sha256(label.getBytes(StandardCharsets.UTF_8)));
  }

  private SpendInput coin(String label, int vout, long amount, long index, int confirmations) {
    SpendInput in = SpendInput.of(txid(label), vout, amount, Branch.LOAN, index);
    chain.add(new ChainFacts.Coin(in.outpoint(), amount, Branch.LOAN, index, confirmations));
    return in;
  }

  private SpendRequest request(String id, List<SpendInput> inputs, int k, long createdAt) {
    SpendRecipe recipe =
        new SpendRecipe(
            inputs,
            List.of(SpendOutput.toAddress(sim.group().xpub().loanAddress(1_000_000 + k), 30_000)),
            FeeRate.satPerVb(2),
            ChangePolicy.toIndex(k),
            20_000);
    SpendRequest r = new SpendRequest(new RequestId(id), recipe, createdAt, Long.MAX_VALUE / 4);
    requests.add(r);
    byId.put(r.id(), r);
    canonical.put(r.id(), SpendBuilder.build(recipe, sim.group().xpub()));
    return r;
  }

  private void setUp() {
    int maxInputs = scenario.n() > 7 ? 2 : 3;
    List<SpendRequest> made = new ArrayList<>();
    for (int k = 0; k < scenario.requests(); k++) {
      int count = 1 + rnd.nextInt(maxInputs);
      List<SpendInput> ins = new ArrayList<>();
      for (int j = 0; j < count; j++) {
        ins.add(
            coin(
                "s" + scenario.seed() + "/r" + k + "/" + j,
                j,
                40_000 + rnd.nextInt(20_000),
                k * 8L + j,
                3));
      }
      SpendRequest r = request("req-" + scenario.seed() + "-" + k, ins, k, rnd.nextInt(300));
      made.add(r);
      good.add(r.id());
    }
    if (scenario.faults().contains(Fault.CONFLICTING_REQUESTS) && !made.isEmpty()) {
      SpendRequest victim = made.get(0);
      SpendRequest c =
          request(
              "conflict-" + scenario.seed(),
              List.of(victim.recipe().inputs().get(0)),
              900,
              victim.createdAt() + rnd.nextInt(50));
      good.remove(victim.id());
      good.remove(c.id());
    }
    if (scenario.faults().contains(Fault.UNCONFIRMED_INPUT)) {
      SpendInput u = coin("s" + scenario.seed() + "/unconfirmed", 0, 45_000, 7_000, 0);
      SpendRequest r = request("unconfirmed-" + scenario.seed(), List.of(u), 901, rnd.nextInt(300));
      mustNotSign.add(r.id());
    }
    for (Identifier id : sim.group().validators()) {
      Node node = new Node(id, scenario.byzantine().get(id));
      nodes.put(id, node);
      node.start();
      schedule(rnd.nextLong(TICK), new Tick(id));
    }
    long chaosEnd = scenario.chaosEnd();
    for (Identifier id : scenario.permanentlyCrashed()) {
      schedule(rnd.nextLong(chaosEnd), new Crash(id, true));
    }
    if (scenario.faults().contains(Fault.PARTITION)) {
      long at = rnd.nextLong(chaosEnd / 2);
      Set<Identifier> side = new TreeSet<>();
      for (Identifier id : sim.group().validators()) {
        if (rnd.nextBoolean()) {
          side.add(id);
        }
      }
      schedule(at, new PartitionStart(side));
      schedule(at + 100 + rnd.nextLong(chaosEnd / 2), new PartitionEnd());
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
    long end = scenario.chaosEnd() + (scenario.n() - scenario.t() + 4L) * LEADER_TIMEOUT + 1000;
    while (!queue.isEmpty()) {
      EventQueue.Timed<Ev> next = queue.poll();
      clock.set(next.time());
      if (clock.now() > end || (clock.now() > scenario.chaosEnd() && signed.containsAll(good))) {
        break;
      }
      steps++;
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
      }
    }
  }

  private void maybeCrashBetweenSteps() {
    if (!chaos() || !scenario.faults().contains(Fault.CRASH_RESTART) || rnd.nextInt(400) != 0) {
      return;
    }
    List<Node> up = nodes.values().stream().filter(x -> x.up).toList();
    if (up.isEmpty()) {
      return;
    }
    crash(up.get(rnd.nextInt(up.size())), false);
  }

  private void crash(Node node, boolean permanent) {
    if (node.dead) {
      return;
    }
    if (node.up) {
      crashes++;
      node.crash();
    }
    if (permanent) {
      node.dead = true;
    } else {
      schedule(
          Math.min(clock.now() + 20 + rnd.nextLong(400), scenario.chaosEnd()),
          new Restart(node.id));
    }
  }

  private void restart(Node node) {
    if (!node.up && !node.dead) {
      node.start();
      // A Byzantine leader replays the sign requests it sent before the restart.
      for (Envelope e : replayAfterRestart.getOrDefault(node.id, List.of())) {
        schedule(clock.now() + 1 + rnd.nextInt(20), new Deliver(e));
      }
    }
  }

  private void tick(Identifier id) {
    schedule(clock.now() + TICK, new Tick(id));
    Node node = nodes.get(id);
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

  private void journalCrash(Node node) {
    crash(node, false);
  }

  /** Arms an honest node to crash at its next journal write of this step (before or after). */
  private void maybeArm(Node node) {
    if (chaos()
        && node.honest()
        && scenario.faults().contains(Fault.CRASH_AT_JOURNAL_WRITE)
        && rnd.nextInt(40) == 0) {
      node.writeCrash.arm(rnd.nextInt(4) == 0 ? WriteCrash.Point.BEFORE : WriteCrash.Point.AFTER);
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
    Node node = nodes.get(to);
    if (!node.up) {
      return;
    }
    List<SigningEngine.Inbound> step = new ArrayList<>(batch.size());
    for (Envelope e : batch) {
      Optional<Identifier> sender = VERIFIER.authenticatedSender(e);
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

  private void process(Node node, Output out) {
    for (EngineEvent ev : out.events()) {
      check(node, ev);
    }
    if (node.honest()) {
      for (Output.Outgoing o : out.messages()) {
        if (o.message() instanceof Message.Share sh) {
          checkShareLeaving(node, sh);
        }
      }
    }
    List<Output.Outgoing> msgs = node.honest() ? out.messages() : byzantine(node, out.messages());
    for (Output.Outgoing o : msgs) {
      send(node.id, node.id, o.to(), o.message());
      if (node.byzantine == Fault.FORGED_SENDER && rnd.nextBoolean()) {
        List<Identifier> ids = sim.group().validators();
        Identifier victim = ids.get(rnd.nextInt(ids.size()));
        if (!victim.equals(node.id)) {
          send(victim, node.id, o.to(), o.message());
        }
      }
    }
  }

  private void send(Identifier claimed, Identifier signer, Identifier to, Message m) {
    network.send(new Envelope(claimed, signer, to, m));
  }

  // ---------------------------------------------------------------- Byzantine behaviour

  private List<Output.Outgoing> byzantine(Node node, List<Output.Outgoing> in) {
    List<Output.Outgoing> out = new ArrayList<>();
    for (Output.Outgoing o : in) {
      Message m = o.message();
      switch (node.byzantine) {
        case BYZ_INVALID_SHARES -> {
          if (m instanceof Message.Share s) {
            List<SignatureShare> bad =
                s.shares().stream()
                    .map(x -> new SignatureShare(x.identifier(), randomScalar()))
                    .toList();
            m = new Message.Share(s.request(), s.attempt(), s.session(), bad, s.next());
          }
        }
        case BYZ_WRONG_COMMITMENTS -> {
          if (m instanceof Message.Commit c) {
            m = new Message.Commit(c.request(), c.attempt(), fake(c.commitments()));
          } else if (m instanceof Message.Share s) {
            m =
                new Message.Share(
                    s.request(), s.attempt(), s.session(), s.shares(), fake(s.next()));
          }
        }
        case BYZ_WITHHOLD_SHARES -> {
          if (m instanceof Message.Share) {
            continue;
          }
        }
        case BYZ_WITHHOLD_LEADER -> {
          if (m instanceof Message.SignRequest || m instanceof Message.Signed) {
            continue;
          }
        }
        case BYZ_CHANGED_RECIPIENT -> {
          if (m instanceof Message.Proposal p) {
            m = altered(p, false);
          }
        }
        case BYZ_CONFLICTING_SPEND -> {
          if (m instanceof Message.Proposal p) {
            m = altered(p, true);
          }
        }
        case BYZ_EQUIVOCATING_LEADER -> {
          if (m instanceof Message.Proposal p && o.to().smallValue() % 2 == 1) {
            m = altered(p, rnd.nextBoolean());
          }
        }
        case BYZ_LEADER_TWO_PACKAGES -> {
          if (m instanceof Message.SignRequest sr) {
            // The same commitment of the target in a second session, another co-signer's
            // commitment changed: another package, so another binding factor and R.
            out.add(o);
            m =
                new Message.SignRequest(
                    sr.request(),
                    sr.attempt(),
                    sr.session() ^ 0x4000_0000_0000_0000L,
                    otherPackages(sr.packages(), o.to(), false));
          }
        }
        case BYZ_LEADER_CHANGED_COSIGNERS -> {
          if (m instanceof Message.SignRequest sr) {
            // Under the same session id, a co-signer swapped for a validator outside the session.
            List<SigningPackage> changed = otherPackages(sr.packages(), o.to(), true);
            if (rnd.nextBoolean()) {
              out.add(o);
              m = new Message.SignRequest(sr.request(), sr.attempt(), sr.session(), changed);
            } else {
              out.add(
                  new Output.Outgoing(
                      o.to(),
                      new Message.SignRequest(sr.request(), sr.attempt(), sr.session(), changed)));
            }
          }
        }
        case BYZ_LEADER_SUBSTITUTED_MESSAGE -> {
          if (m instanceof Message.SignRequest sr) {
            List<SigningPackage> substituted =
                sr.packages().stream()
                    .map(
                        pk ->
                            SigningPackage.of(
                                pk.commitments().values(),
                                Hashes.sha256(
                                    "substituted".getBytes(StandardCharsets.UTF_8), pk.message())))
                    .toList();
            out.add(
                new Output.Outgoing(
                    o.to(),
                    new Message.SignRequest(
                        sr.request(), sr.attempt(), sr.session(), substituted)));
          }
        }
        case BYZ_LEADER_REPLAY_AFTER_RESTART -> {
          if (m instanceof Message.SignRequest) {
            replayAfterRestart
                .computeIfAbsent(o.to(), k -> new ArrayList<>())
                .add(new Envelope(node.id, node.id, o.to(), m));
            if (chaos() && forcedCrashes < 3 && rnd.nextBoolean()) {
              // Make sure the target restarts: after it has answered, most likely.
              forcedCrashes++;
              schedule(
                  clock.now() + scenario.maxDelay() + 1 + rnd.nextInt(20),
                  new Crash(o.to(), false));
            }
          }
        }
        default -> {}
      }
      out.add(new Output.Outgoing(o.to(), m));
    }
    return out;
  }

  /**
   * The packages with one co-signer other than {@code target} changed: its commitment replaced by
   * fresh points, or ({@code swap}) the co-signer replaced by a validator outside the session.
   */
  private List<SigningPackage> otherPackages(
      List<SigningPackage> packages, Identifier target, boolean swap) {
    List<Identifier> members = new ArrayList<>(packages.get(0).commitments().keySet());
    members.remove(target);
    if (members.isEmpty()) {
      return packages;
    }
    Identifier victim = members.get(rnd.nextInt(members.size()));
    List<Identifier> outside =
        sim.group().validators().stream()
            .filter(v -> !packages.get(0).commitments().containsKey(v))
            .toList();
    Identifier replacement =
        swap && !outside.isEmpty() ? outside.get(rnd.nextInt(outside.size())) : victim;
    List<SigningPackage> out = new ArrayList<>();
    for (SigningPackage pk : packages) {
      List<SigningCommitments> cs = new ArrayList<>(pk.commitments().values());
      cs.removeIf(c -> c.identifier().equals(victim));
      cs.add(
          new SigningCommitments(
              replacement, Point.mulGenerator(randomScalar()), Point.mulGenerator(randomScalar())));
      out.add(SigningPackage.of(cs, pk.message()));
    }
    return out;
  }

  private Scalar randomScalar() {
    byte[] b = new byte[32];
    rnd.nextBytes(b);
    Scalar s = Scalar.reduce(b);
    return s.isZero() ? Scalar.ONE : s;
  }

  private List<SigningCommitments> fake(List<SigningCommitments> real) {
    return real.stream()
        .map(
            c ->
                new SigningCommitments(
                    c.identifier(),
                    Point.mulGenerator(randomScalar()),
                    Point.mulGenerator(randomScalar())))
        .toList();
  }

  /** The proposal with another recipient, or spending another request's coin as well. */
  private Message.Proposal altered(Message.Proposal p, boolean conflicting) {
    SpendRequest r = byId.get(p.request());
    if (r == null) {
      return p;
    }
    SpendRecipe recipe = r.recipe();
    SpendRecipe changed;
    if (conflicting) {
      List<SpendInput> ins = new ArrayList<>(recipe.inputs());
      for (SpendRequest other : byId.values()) {
        SpendInput extra = other.recipe().inputs().get(0);
        if (!other.id().equals(r.id())
            && ins.stream().noneMatch(x -> x.outpoint().equals(extra.outpoint()))) {
          ins.add(extra);
          break;
        }
      }
      if (ins.size() == recipe.inputs().size()) {
        return p;
      }
      changed =
          new SpendRecipe(ins, recipe.outputs(), recipe.feeRate(), recipe.change(), 1_000_000);
    } else {
      changed =
          new SpendRecipe(
              recipe.inputs(),
              List.of(
                  SpendOutput.toAddress(
                      sim.group().xpub().loanAddress(666_666),
                      recipe.outputs().get(0).amountSat())),
              recipe.feeRate(),
              recipe.change(),
              recipe.feeCapSat());
    }
    UnsignedSpend u;
    try {
      u = SpendBuilder.build(changed, sim.group().xpub());
    } catch (dev.frostgate.bitcoin.spend.SpendException e) {
      return p;
    }
    return new Message.Proposal(p.request(), p.attempt(), u.bytes(), u.sigHashes());
  }

  // ---------------------------------------------------------------- invariants

  private void violation(String s) {
    if (violations.size() < 20) {
      violations.add("t=" + clock.now() + " " + s);
    }
  }

  private void check(Node node, EngineEvent ev) {
    switch (ev) {
      case EngineEvent.CommitmentIssued c -> {
        for (SigningCommitments x : c.commitments()) {
          issuedIn.put(x, node.id + "#" + node.incarnation);
        }
      }
      case EngineEvent.ShareSent s -> {
        if (!node.honest()) {
          return;
        }
        for (int i = 0; i < s.used().size(); i++) {
          SigningCommitments x = s.used().get(i);
          SignatureShare earlier = sharesByCommitment.putIfAbsent(x, s.shares().get(i));
          if (earlier != null) {
            violation(
                "nonce reuse: "
                    + node.id
                    + " made a second share with one commitment ("
                    + (earlier.equals(s.shares().get(i)) ? "same value" : "another value")
                    + ", request "
                    + s.request()
                    + ")");
          }
          if (!node.journal.commitmentUsed(x)) {
            violation(node.id + " made a share before its journal row was durable");
          }
          String where = issuedIn.get(x);
          if (!(node.id + "#" + node.incarnation).equals(where)) {
            violation(
                "commitment from " + where + " honoured by " + node.id + "#" + node.incarnation);
          }
        }
        madeShares.put(shareKey(node.id, s.request(), s.attempt(), s.session()), s.shares());
        UnsignedSpend canon = canonical.get(s.request());
        if (canon == null || !canon.txid().equals(s.txid())) {
          violation(node.id + " signed a transaction that is not the request's: " + s.request());
        }
        if (canon == null || !sameMessages(canon.sigHashes(), s.messages())) {
          violation(
              node.id + " made a share for messages its policy did not approve: " + s.request());
        }
        if (mustNotSign.contains(s.request())) {
          violation(node.id + " signed a request the policy must refuse: " + s.request());
        }
        Map<OutPoint, RequestId> mine = honestSpends.computeIfAbsent(node.id, k -> new HashMap<>());
        for (OutPoint o : s.inputs()) {
          RequestId prev = mine.putIfAbsent(o, s.request());
          if (prev != null && !prev.equals(s.request())) {
            violation(
                node.id + " signed conflicting spends of " + o + ": " + prev + ", " + s.request());
          }
        }
      }
      case EngineEvent.RequestSigned s -> {
        if (!node.honest()) {
          return;
        }
        signed.add(s.request());
        UnsignedSpend canon = canonical.get(s.request());
        if (canon == null || !canon.txid().equals(s.txid())) {
          violation("a non-canonical transaction was signed for " + s.request());
        }
        if (mustNotSign.contains(s.request())) {
          violation("a request the policy must refuse was signed: " + s.request());
        }
        for (OutPoint o : s.inputs()) {
          String prev = signedSpends.putIfAbsent(o, s.txid());
          if (prev != null && !prev.equals(s.txid())) {
            violation("two conflicting spends of " + o + " signed: " + prev + ", " + s.txid());
          }
        }
      }
      case EngineEvent.Blamed b -> {
        if (!node.honest()) {
          return;
        }
        blames++;
        List<PublicKeyPackage> pub =
            inputPublic.computeIfAbsent(
                b.evidence().request(),
                r -> {
                  UnsignedSpend u = canonical.get(r);
                  return SpendSigner.inputPublicKeys(
                      u.inputKeys(), sim.group().rawPublic(), sim.group().xpub());
                });
        if (!b.evidence().verify(pub.get(b.evidence().input()))) {
          violation(node.id + " blamed " + b.accused() + " without valid evidence");
        }
        if (nodes.get(b.accused()).honest()) {
          violation(node.id + " blamed honest validator " + b.accused());
        }
      }
      default -> {}
    }
  }

  private static String shareKey(Identifier node, RequestId r, int attempt, long session) {
    return node + "/" + r + "/" + attempt + "/" + session;
  }

  private static boolean sameMessages(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * A share message leaving an honest node carries exactly the shares it made (and reported, with
   * their commitments, after the journal row) for that session: never a share made off the record.
   */
  private void checkShareLeaving(Node node, Message.Share sh) {
    List<SignatureShare> made =
        madeShares.get(shareKey(node.id, sh.request(), sh.attempt(), sh.session()));
    if (made == null || !made.equals(sh.shares())) {
      violation(
          node.id
              + " sent a share it did not make on the record: "
              + sh.request()
              + " session "
              + sh.session());
    }
  }

  private void finish() {
    if (scenario.faulty() <= scenario.n() - scenario.t()) {
      for (RequestId r : good) {
        if (!signed.contains(r)) {
          violation("liveness: request " + r + " not signed with " + scenario.faulty() + " faulty");
        }
      }
    }
    // Every honest journal must agree with what the events said: no commitment in two rows.
    for (Node node : nodes.values()) {
      if (!node.honest()) {
        continue;
      }
      Set<SigningCommitments> seen = new LinkedHashSet<>();
      for (var row : node.openJournal().shareRows()) {
        for (SigningCommitments c : row.commitments()) {
          if (!seen.add(c)) {
            violation("journal of " + node.id + " holds a commitment twice");
          }
        }
      }
    }
  }
}
