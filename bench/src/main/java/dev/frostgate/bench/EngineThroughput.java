package dev.frostgate.bench;

import com.google.protobuf.ByteString;
import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.spend.Branch;
import dev.frostgate.bitcoin.spend.ChangePolicy;
import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.SpendOutput;
import dev.frostgate.bitcoin.spend.SpendRecipe;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.hash.Hashes;
import dev.frostgate.engine.ChainFacts;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.Journal;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.Outgoing;
import dev.frostgate.engine.Output;
import dev.frostgate.engine.PolicyConfig;
import dev.frostgate.engine.Ports;
import dev.frostgate.engine.SigningConfig;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.signing.SigningEngine;
import dev.frostgate.engine.spendlock.SpendLock;
import dev.frostgate.engine.spendlock.SpendVerdict;
import dev.frostgate.engine.wire.EngineMessages;
import dev.frostgate.engine.wire.EnvelopeSealer;
import dev.frostgate.engine.wire.EnvelopeVerifier;
import dev.frostgate.engine.wire.IdentityKeys;
import dev.frostgate.engine.wire.InboundPipeline;
import dev.frostgate.engine.wire.PeerStatsRecorder;
import dev.frostgate.engine.wire.ReplayGuard;
import dev.frostgate.engine.wire.WireLimits;
import dev.frostgate.node.storage.PeerStatsCollector;
import dev.frostgate.node.storage.SqliteJournal;
import dev.frostgate.node.storage.StateDatabase;
import dev.frostgate.testkit.engine.DealtGroup;
import dev.frostgate.testkit.engine.InMemoryChainFacts;
import dev.frostgate.testkit.engine.InMemoryRequestSource;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.Satoshi;
import fr.acinq.bitcoin.TxId;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Load driver: R spend requests (one input each) signed by an n-validator, t-threshold group
 * through the full engine ({@link SigningEngine}: leader schedule, policy, ROAST over FROST) on a
 * zero-delay in-process network, every message a BIP340-signed protobuf envelope (sealed by the
 * sender, verified and decoded by the receiver through {@link InboundPipeline}), every validator's
 * journal a {@link SqliteJournal} on its own SQLite file (WAL, synchronous=FULL). One thread does
 * everything, so the thread's CPU time is the cost.
 *
 * <p>Where the time goes: CPU-time samples of the driver thread ({@link CpuSampler},
 * async-profiler, one sample per millisecond of CPU time), each attributed by the first frame from
 * the leaf whose package is FROST ({@code dev.frostgate.crypto.frost}), envelopes ({@code
 * dev.frostgate.engine.wire}), journal ({@code dev.frostgate.node.storage}, {@code org.sqlite}),
 * bitcoin ({@code dev.frostgate.bitcoin}: rebuilding the spend, sighashes, checking the final
 * signatures) or engine ({@code dev.frostgate.engine}); the rest (the driver, JDK) is "other".
 * Envelope and journal calls are also timed directly with {@link System#nanoTime()}.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.frostgate.bench.EngineThroughput \
 *     [--requests 1000] [--validators 15] [--threshold 10] [--dir DIR] [--no-profile]
 *     [--one-message-per-step]
 * </pre>
 */
public final class EngineThroughput {
  static final long TICK = 10;

  /** What to run. */
  public record Options(int requests, int n, int t, Path dir, boolean profile, boolean batch) {
    public Options(int requests, int n, int t, Path dir, boolean profile) {
      this(requests, n, t, dir, profile, true);
    }
  }

  enum Part {
    FROST,
    ENVELOPES,
    JOURNAL,
    BITCOIN,
    ENGINE,
    OTHER
  }

  /** What one run measured. */
  public record Report(
      Options options,
      int signed,
      long wallNanos,
      long cpuNanos,
      long messages,
      long signatures,
      long sealNanos,
      long openNanos,
      long journalNanos,
      long shareCommits,
      long sharesRecorded,
      Map<String, Long> messagesByType,
      Map<Part, Long> samples,
      long cryptoSamples,
      String profiler,
      String filesystem) {
    public double requestsPerSecond() {
      return signed / (wallNanos / 1e9);
    }

    public long totalSamples() {
      return samples.values().stream().mapToLong(Long::longValue).sum();
    }

    public double share(Part p) {
      long total = totalSamples();
      return total == 0 ? Double.NaN : 100.0 * samples.getOrDefault(p, 0L) / total;
    }

    public String text() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              "EngineThroughput: %d/%d requests of %d-of-%d signed in %.2f s wall, %.2f s CPU:"
                  + " %.1f requests/s%n",
              signed,
              options.requests(),
              options.t(),
              options.n(),
              wallNanos / 1e9,
              cpuNanos / 1e9,
              requestsPerSecond()));
      sb.append(
          String.format(
              "  %d envelopes (%.1f per request, %.1f signed: a broadcast is signed once); timed"
                  + " directly: seal (encode + BIP340 sign) %.2f s, open (verify + decode) %.2f s,"
                  + " SQLite journal %.2f s (%s)%n",
              messages,
              messages / (double) Math.max(1, signed),
              signatures / (double) Math.max(1, signed),
              sealNanos / 1e9,
              openNanos / 1e9,
              journalNanos / 1e9,
              filesystem));
      sb.append(
          String.format(
              "  delivery: %s; %d shares journaled in %d synced commits (%.1f per commit)%n",
              options.batch()
                  ? "each recipient's queued messages in one engine step"
                  : "one message per engine step",
              sharesRecorded,
              shareCommits,
              sharesRecorded / (double) Math.max(1, shareCommits)));
      StringBuilder types = new StringBuilder();
      messagesByType.forEach(
          (k, v) -> types.append(String.format(" %s %.1f", k, v / (double) Math.max(1, signed))));
      sb.append("  envelopes per request by message:").append(types).append('\n');
      if (totalSamples() > 0) {
        sb.append(
            String.format(
                "  CPU samples of the driver thread (%s, 1 ms of CPU each): %d%n",
                profiler, totalSamples()));
        for (Part p : Part.values()) {
          sb.append(
              String.format("    %-9s %5.1f %%  (%d)%n", p, share(p), samples.getOrDefault(p, 0L)));
        }
        // Each sample is a millisecond of the thread's CPU time, so shares are shares of CPU.
        sb.append(
            String.format(
                "  FROST: %.1f %% of the thread's CPU time (target >= 50 %%: engine overhead <="
                    + " crypto cost)%n",
                share(Part.FROST)));
        sb.append(
            String.format(
                "  all cryptography (FROST, envelope BIP340, key derivation, hashing): %.1f %% of"
                    + " the thread's CPU time%n",
                100.0 * cryptoSamples / totalSamples()));
      }
      return sb.toString();
    }
  }

  private EngineThroughput() {}

  public static void main(String[] args) throws IOException {
    int requests = 1000;
    int n = 15;
    int t = 10;
    Path dir = null;
    boolean profile = true;
    boolean batch = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--requests" -> requests = Integer.parseInt(args[++i]);
        case "--validators" -> n = Integer.parseInt(args[++i]);
        case "--threshold" -> t = Integer.parseInt(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--no-profile" -> profile = false;
        case "--one-message-per-step" -> batch = false;
        case "--quick" -> requests = 50;
        default -> {
          System.err.println(
              "usage: EngineThroughput [--requests N|--quick] [--validators N] [--threshold T]"
                  + " [--dir DIR] [--no-profile] [--one-message-per-step]");
          System.exit(2);
        }
      }
    }
    if (dir == null) {
      dir = Files.createTempDirectory("engine-throughput");
    }
    Report r = run(new Options(requests, n, t, dir, profile, batch));
    System.out.print(r.text());
    if (r.signed() != requests) {
      System.exit(1);
    }
  }

  /**
   * Runs once; the SQLite files and the CPU profile (collapsed stacks, {@code cpu-profile.txt}) are
   * left in {@code options.dir()}.
   */
  public static Report run(Options o) throws IOException {
    Files.createDirectories(o.dir());
    DealtGroup group = DealtGroup.of(o.n(), o.t());
    SecureRandom rnd = new SecureRandom();
    InMemoryChainFacts chain = new InMemoryChainFacts();
    InMemoryRequestSource source = new InMemoryRequestSource();
    Map<ByteString, RequestId> byHash = new HashMap<>();
    String run = Long.toHexString(rnd.nextLong());
    for (int k = 0; k < o.requests(); k++) {
      String txid =
          HexFormat.of()
              .formatHex(Hashes.sha256(("coin/" + run + "/" + k).getBytes(StandardCharsets.UTF_8)));
      long amount = 50_000 + k;
      SpendInput in = SpendInput.of(new TxId(txid), 0, new Satoshi(amount), Branch.DEPOSIT, k);
      chain.add(new ChainFacts.OwnedCoin(in.outpoint(), new Satoshi(amount), Branch.DEPOSIT, k, 3));
      SpendRecipe recipe =
          new SpendRecipe(
              List.of(in),
              List.of(
                  SpendOutput.toAddress(
                      group.group().xpub().depositAddress(1_000_000 + k), new Satoshi(30_000))),
              FeeRate.satPerVb(2),
              ChangePolicy.toIndex(k),
              new Satoshi(20_000));
      SpendRequest r = new SpendRequest(new RequestId("req-" + run + "-" + k), recipe, 0, 1L << 50);
      source.add(r);
      byHash.put(ByteString.copyFrom(r.id().hash()), r.id());
    }

    // Identity keys, one SQLite file and one engine per validator.
    Map<Integer, SecretScalar> identity = new TreeMap<>();
    Map<Integer, Point> pinned = new TreeMap<>();
    for (Identifier id : group.group().validators()) {
      SecretScalar k = SecretScalar.random(rnd);
      identity.put((int) id.smallValue(), k);
      pinned.put((int) id.smallValue(), k.publicPoint());
    }
    IdentityKeys keys = IdentityKeys.ofPoints(pinned);
    // FROST payloads are decoded once, by the adapter (decoding them in validation too is twice).
    WireLimits limits = new WireLimits(1 << 20, false);
    long[] now = {0};
    long[] journalNanos = {0, 0, 0}; // nanos, synced share commits, shares recorded
    Map<Identifier, SigningEngine> nodes = new TreeMap<>();
    Map<Identifier, EnvelopeSealer> sealers = new HashMap<>();
    Map<Identifier, InboundPipeline> inbound = new HashMap<>();
    Map<Identifier, PeerStatsCollector> peerStats = new HashMap<>();
    List<StateDatabase> dbs = new ArrayList<>();
    for (Identifier id : group.group().validators()) {
      StateDatabase db =
          StateDatabase.open(o.dir().resolve("validator-" + id.smallValue() + ".db"));
      dbs.add(db);
      peerStats.put(id, new PeerStatsCollector(db.store()));
      Journal journal = new TimedJournal(new SqliteJournal(db, 50_000), journalNanos);
      SecureRandom nodeRandom = new SecureRandom();
      nodes.put(
          id,
          new SigningEngine(
              new SigningConfig(
                  id,
                  group.rawKeys().get(id),
                  group.group(),
                  PolicyConfig.defaults().withFeeCap(new Satoshi(50_000)),
                  1L << 40,
                  1L << 40),
              new Ports(() -> now[0], () -> nodeRandom, journal, source, chain)));
      int small = (int) id.smallValue();
      sealers.put(id, new EnvelopeSealer(small, identity.get(small), nodeRandom, limits));
      inbound.put(
          id,
          new InboundPipeline(
              new EnvelopeVerifier(keys, limits),
              new ReplayGuard(EngineMessages.replayGuardConfig(), () -> now[0]),
              new PeerStatsRecorder()));
    }
    var engineMessages = InboundPipeline.engineMessages(h -> Optional.ofNullable(byHash.get(h)));

    Optional<CpuSampler> sampler =
        o.profile() ? CpuSampler.startOnCurrentThread() : Optional.empty();

    // The run: tick every node, deliver everything (zero delay), until every request is signed.
    record InFlight(Identifier to, int fromPeer, byte[] bytes) {}
    ArrayDeque<InFlight> wire = new ArrayDeque<>();
    Set<RequestId> signed = new HashSet<>();
    long[] counters = new long[4]; // messages, seal nanos, open nanos, envelope signatures
    Map<String, Long> byType = new TreeMap<>();
    var bean = ManagementFactory.getThreadMXBean();
    long cpu0 = bean.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    java.util.function.BiConsumer<Identifier, Output> take =
        (from, out) -> {
          PeerStatsCollector stats = peerStats.get(from);
          for (EngineEvent e : out.events()) {
            stats.onEvent(e);
            if (e instanceof EngineEvent.RequestSigned s) {
              signed.add(s.request());
            }
          }
          EnvelopeSealer sealer = sealers.get(from);
          long s0 = System.nanoTime();
          List<byte[]> sealed = sealer.sealEach(out.messages(), now[0]);
          counters[1] += System.nanoTime() - s0;
          counters[3] += sealed.stream().distinct().count(); // a broadcast is signed once
          for (int i = 0; i < sealed.size(); i++) {
            Outgoing<Message> m = out.messages().get(i);
            counters[0]++;
            byType.merge(m.message().getClass().getSimpleName(), 1L, Long::sum);
            wire.add(new InFlight(m.to(), (int) from.smallValue(), sealed.get(i)));
          }
        };
    Runnable flushPeerStats =
        () -> {
          for (Identifier id : nodes.keySet()) {
            peerStats.get(id).onWire(inbound.get(id).stats());
            peerStats.get(id).flush();
          }
        };
    long limit = 10_000 * TICK;
    while (signed.size() < o.requests() && now[0] < limit) {
      for (var e : nodes.entrySet()) {
        take.accept(e.getKey(), e.getValue().onTick());
      }
      while (!wire.isEmpty()) {
        // Batched: everything in flight now goes to each recipient as one step, in arrival order,
        // as a runtime hands the engine its inbound queue (the shares of a step are journaled in
        // one synced commit). Unbatched: one message per step.
        int inFlight = o.batch() ? wire.size() : 1;
        Map<Identifier, List<SigningEngine.Inbound>> steps = new LinkedHashMap<>();
        for (int i = 0; i < inFlight; i++) {
          InFlight f = wire.poll();
          long s0 = System.nanoTime();
          Optional<InboundPipeline.Opened> opened =
              inbound.get(f.to()).receive(f.fromPeer(), f.bytes(), engineMessages).toOptional();
          counters[2] += System.nanoTime() - s0;
          if (opened.isEmpty()) {
            throw new IllegalStateException("an honest envelope was rejected");
          }
          steps
              .computeIfAbsent(f.to(), k -> new ArrayList<>())
              .add(new SigningEngine.Inbound(opened.get().sender(), opened.get().message()));
        }
        steps.forEach((to, batch) -> take.accept(to, nodes.get(to).onMessages(batch)));
      }
      now[0] += TICK;
      if (now[0] % 1000 == 0) {
        // Per-peer statistics once a second of simulated time, as a runtime would on its tick.
        flushPeerStats.run();
      }
    }
    flushPeerStats.run();
    long wall = System.nanoTime() - wall0;
    long cpu = bean.getCurrentThreadCpuTime() - cpu0;

    Map<Part, Long> samples = new EnumMap<>(Part.class);
    long crypto = 0;
    String profiler = "no profile";
    if (sampler.isPresent()) {
      profiler = "async-profiler, event " + sampler.get().event();
      for (CpuSampler.Stack st : sampler.get().stop(o.dir().resolve("cpu-profile.txt"))) {
        samples.merge(classify(st.leafFirst()), st.samples(), Long::sum);
        if (isCrypto(st.leafFirst())) {
          crypto += st.samples();
        }
      }
    }
    dbs.forEach(StateDatabase::close);
    String fs;
    try {
      fs = Files.getFileStore(o.dir()).type() + " at " + o.dir();
    } catch (IOException e) {
      fs = o.dir().toString();
    }
    return new Report(
        o,
        signed.size(),
        wall,
        cpu,
        counters[0],
        counters[3],
        counters[1],
        counters[2],
        journalNanos[0],
        journalNanos[1],
        journalNanos[2],
        byType,
        samples,
        crypto,
        profiler,
        fs);
  }

  /**
   * Whether a sample is cryptography, whoever called it: in libsecp256k1, or in our crypto module
   * (FROST, BIP340, BIP32/BIP341 derivation, hashing) before any other Frostgate code.
   */
  static boolean isCrypto(List<String> leafFirst) {
    for (String c : leafFirst) {
      if (c.startsWith("fr.acinq.secp256k1.") || c.startsWith("dev.frostgate.crypto.")) {
        return true;
      }
      if (c.startsWith("dev.frostgate.")) {
        return false;
      }
    }
    return false;
  }

  static Part classify(List<String> leafFirst) {
    for (String c : leafFirst) {
      if (c.startsWith("dev.frostgate.crypto.frost.")) {
        return Part.FROST;
      }
      if (c.startsWith("dev.frostgate.engine.wire.")) {
        return Part.ENVELOPES;
      }
      if (c.startsWith("dev.frostgate.node.storage.") || c.startsWith("org.sqlite.")) {
        return Part.JOURNAL;
      }
      if (c.startsWith("dev.frostgate.bitcoin.")) {
        return Part.BITCOIN;
      }
      if (c.startsWith("dev.frostgate.engine.")) {
        return Part.ENGINE;
      }
    }
    return Part.OTHER;
  }

  /** Times every journal call (all of them write or read SQLite). */
  static final class TimedJournal implements Journal {
    private final Journal d;
    private final long[] nanos;

    TimedJournal(Journal d, long[] nanos) {
      this.d = d;
      this.nanos = nanos;
    }

    private <T> T timed(java.util.function.Supplier<T> s) {
      long t0 = System.nanoTime();
      try {
        return s.get();
      } finally {
        nanos[0] += System.nanoTime() - t0;
      }
    }

    @Override
    public Optional<SpendLock> lock(OutPoint outpoint) {
      return timed(() -> d.lock(outpoint));
    }

    @Override
    public SpendVerdict checkSpend(UnsignedSpend spend, RequestId request) {
      return timed(() -> d.checkSpend(spend, request));
    }

    @Override
    public boolean commitmentUsed(SigningCommitments commitment) {
      return timed(() -> d.commitmentUsed(commitment));
    }

    @Override
    public List<Optional<Refusal>> recordShares(List<PendingShare> shares) {
      if (!shares.isEmpty()) {
        nanos[1]++;
        nanos[2] += shares.size();
      }
      return timed(() -> d.recordShares(shares));
    }

    @Override
    public void recordSigned(RequestId request, TxId txid, List<Bip340Signature> signatures) {
      timed(
          () -> {
            d.recordSigned(request, txid, signatures);
            return null;
          });
    }

    @Override
    public Optional<List<Bip340Signature>> signatures(RequestId request) {
      return timed(() -> d.signatures(request));
    }

    @Override
    public boolean isSigned(RequestId request) {
      return timed(() -> d.isSigned(request));
    }

    @Override
    public List<dev.frostgate.engine.spendlock.LockedRequest> lockedRequests() {
      return timed(d::lockedRequests);
    }

    @Override
    public void recordTransition(dev.frostgate.engine.spendlock.LockTransition transition) {
      timed(
          () -> {
            d.recordTransition(transition);
            return null;
          });
    }

    @Override
    public List<ShareRow> shareRows() {
      return timed(d::shareRows);
    }
  }
}
