package dev.frostgate.node.runtime;

import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.Group;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.Outgoing;
import dev.frostgate.engine.Output;
import dev.frostgate.engine.Ports;
import dev.frostgate.engine.SigningConfig;
import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.engine.dkg.DkgResult;
import dev.frostgate.engine.dkg.DkgSession;
import dev.frostgate.engine.dkg.DkgStep;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.signing.SessionProgress;
import dev.frostgate.engine.signing.SigningEngine;
import dev.frostgate.engine.wire.EnvelopeSealer;
import dev.frostgate.engine.wire.WireLimits;
import dev.frostgate.node.api.NodeStatus;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.config.ValidatorConfig;
import dev.frostgate.node.events.EventListener;
import dev.frostgate.node.logging.LogContext;
import dev.frostgate.node.metrics.DkgPhase;
import dev.frostgate.node.metrics.EventMetrics;
import dev.frostgate.node.metrics.ValidatorMetrics;
import dev.frostgate.node.storage.SqliteJournal;
import dev.frostgate.node.storage.StateDatabase;
import dev.frostgate.node.transport.InboundGate;
import dev.frostgate.node.transport.PeerTransport;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The validator's one event loop thread: everything the engine and the DKG see happens here, in
 * order. Each step drains the inbound queue, opens every frame ({@link #open}), hands the DKG
 * messages to the {@link DkgSession} and all the signing messages to {@link
 * SigningEngine#onMessages} as one step (their shares are journaled in one synced commit), then
 * ticks both from the real clock; outputs are sealed into signed envelopes and sent. Transport
 * threads only enqueue ({@link #offer}).
 */
final class EventLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(EventLoop.class);
  private static final int QUEUE = 65_536;

  private record Frame(int peer, byte[] bytes) {}

  /** An opened frame: a signing message or a DKG message, with its authenticated sender. */
  private sealed interface Opened {
    record Signing(SigningEngine.Inbound inbound) implements Opened {}

    record Dkg(Identifier from, DkgMessage message) implements Opened {}
  }

  private final ValidatorConfig config;
  private final int me;
  private final long tickMs;
  private final StateDatabase db;
  private final StoredRequests requests;
  private final BitcoinRpcClient rpc;
  private final Broadcaster broadcaster;
  private final DkgSession dkg;
  private final boolean dkgResumes;
  private final InboundGate gate;
  private final SecretScalar identityKey;
  private final SecureRandom random = new SecureRandom();
  private final long firstSequence;
  private final BlockingQueue<Frame> inbound = new ArrayBlockingQueue<>(QUEUE);
  private final Supplier<PeerTransport> transport;
  private final ValidatorMetrics metrics;
  private final EventMetrics eventMetrics;

  /** Who gets every engine and DKG event after the loop acted on it: metrics, the live feed. */
  private final List<EventListener> listeners;

  private final ChainMetrics chainMetrics;
  private final JournalMetrics journalMetrics;

  /** What the API reads: fed here, read by HTTP threads. */
  private final ApiFeed apiFeed = new ApiFeed();

  /** Reads the API asks of the engine, run on this thread after a step (bounded: 503 if full). */
  private final BlockingQueue<Runnable> apiReads = new ArrayBlockingQueue<>(64);

  /** Devnet testing only: the fault this validator injects into what it sends, if any. */
  private final Optional<ByzantineMode> byzantineMode;

  private Optional<ByzantineOutput> byzantine = Optional.empty();

  private final EnvelopeSealer sealer;
  private final DkgStatus dkgStatus;
  private volatile SigningEngine engine;
  private volatile DkgResult group;
  private boolean dkgStarted;
  private long lastTick = Long.MIN_VALUE / 2;
  private volatile boolean stopping;

  EventLoop(
      ValidatorConfig config,
      StateDatabase db,
      StoredRequests requests,
      BitcoinRpcClient rpc,
      DkgSession dkg,
      boolean dkgResumes,
      InboundGate gate,
      SecretScalar identityKey,
      Supplier<PeerTransport> transport,
      ValidatorMetrics metrics,
      EventListener live,
      Optional<ByzantineMode> byzantineMode) {
    this.config = config;
    this.byzantineMode = byzantineMode;
    this.me = config.validator().id();
    this.tickMs = Math.max(10, Math.min(100, config.timeouts().round().toMillis() / 10));
    this.db = db;
    this.requests = requests;
    this.rpc = rpc;
    this.broadcaster = new Broadcaster(rpc);
    this.dkg = dkg;
    this.dkgResumes = dkgResumes;
    this.gate = gate;
    this.identityKey = identityKey;
    this.transport = transport;
    this.metrics = metrics;
    this.eventMetrics = new EventMetrics(metrics, InstantSource.system());
    this.listeners = List.of(eventMetrics, live);
    this.chainMetrics = new ChainMetrics(rpc, metrics);
    this.journalMetrics =
        new JournalMetrics(metrics, () -> db.spendLocks().liveOutpointCount(), System::nanoTime);
    metrics.dkgPhase(DkgPhase.NONE);
    metrics.keyShareLoaded(false);
    // Above every sequence an earlier process of this validator used: peers' replay guards
    // remember (sender, session, sequence).
    this.firstSequence = db.boot() << 40;
    // One sealer for DKG and signing: one sequence, never repeated across the two.
    this.sealer = new EnvelopeSealer(me, identityKey, random, WireLimits.DEFAULT, firstSequence);
    this.dkgStatus = new DkgStatus(Identifier.of(me));
    publishMetrics();
  }

  /** From a transport thread: queue the frame for the loop (dropped, with a warning, if full). */
  void offer(int peer, byte[] frame) {
    if (!inbound.offer(new Frame(peer, frame))) {
      log.warn("inbound queue full: dropped a frame from peer {}", peer);
    }
  }

  /**
   * The status, built when asked (from the request index, on the caller's thread) rather than after
   * every step: a step must not pay for a snapshot nobody reads.
   */
  NodeStatus status() {
    PeerTransport t = transport.get();
    DkgResult g = group;
    RequestIndex index = requests.index();
    return new NodeStatus(
        me,
        g == null ? dkgStatus.state() : "ready",
        Optional.ofNullable(g).map(x -> x.xpub().groupKey().toHex()),
        Optional.ofNullable(g).map(x -> x.xpub().serialize()),
        t == null ? Set.of() : t.connectedPeers(),
        index.unsigned(),
        index.signed(),
        g == null ? dkgStatus.failure() : Optional.empty());
  }

  ApiFeed apiFeed() {
    return apiFeed;
  }

  ChainMetrics chainMetrics() {
    return chainMetrics;
  }

  /**
   * From an HTTP thread: the engine's view of a request's signing, answered on this thread after
   * its current step; fails at once when too many reads are queued.
   */
  CompletableFuture<Optional<SessionProgress>> progress(RequestId id) {
    CompletableFuture<Optional<SessionProgress>> f = new CompletableFuture<>();
    Runnable read =
        () -> {
          try {
            f.complete(
                engine == null
                    ? Optional.empty()
                    : engine.progress(id, System.currentTimeMillis()));
          } catch (RuntimeException e) {
            f.completeExceptionally(e);
          }
        };
    if (!apiReads.offer(read)) {
      f.completeExceptionally(new IllegalStateException("too many API reads queued"));
    }
    return f;
  }

  /** Ends the loop after its current step. */
  void stop() {
    stopping = true;
  }

  @Override
  public void run() {
    try (MDC.MDCCloseable v = LogContext.validator(me)) {
      while (!stopping) {
        try {
          step();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (RuntimeException e) {
          // One bad step (a storage or RPC failure) must not end the validator: log, go on.
          log.error("event loop step failed: {}", e.toString(), e);
        }
      }
    } finally {
      // Open sessions are abandoned: their nonces live only in this process's memory, and the
      // journal voids every commitment of this boot when the state is next opened.
      log.info("event loop stopped");
    }
  }

  private void step() throws InterruptedException {
    Frame first = inbound.poll(tickMs, TimeUnit.MILLISECONDS);
    List<Frame> batch = new ArrayList<>();
    if (first != null) {
      batch.add(first);
      inbound.drainTo(batch);
    }
    List<SigningEngine.Inbound> signing = new ArrayList<>();
    for (Frame f : batch) {
      Optional<Opened> opened = open(f.peer(), f.bytes());
      if (opened.isEmpty()) {
        continue;
      }
      switch (opened.get()) {
        case Opened.Signing s -> {
          byzantine.ifPresent(b -> b.observe(s.inbound().from(), s.inbound().message()));
          signing.add(s.inbound());
        }
        case Opened.Dkg d -> {
          if (dkgStarted) {
            onDkg(dkg.onMessage(d.from(), d.message()));
          }
        }
      }
    }
    if (engine != null && !signing.isEmpty()) {
      onEngine(engine.onMessages(signing));
    }
    long now = System.currentTimeMillis();
    if (now - lastTick >= tickMs) {
      lastTick = now;
      tick(now);
    }
    for (Runnable r = apiReads.poll(); r != null; r = apiReads.poll()) {
      r.run();
    }
  }

  /**
   * Verifies, decodes and replay-checks one frame from transport peer {@code peer} (the {@link
   * InboundGate}: size, version, pinned signer who must be the link peer, signature, body, replay
   * guard over signing and DKG sessions); a rejection is scored against the peer as its offense.
   */
  private Optional<Opened> open(int peer, byte[] frame) {
    return switch (gate.accept(peer, frame)) {
      case InboundGate.Accepted a -> {
        Instant seen = Instant.now();
        metrics.peerSeen(a.message().sender(), seen);
        apiFeed.peerSeen(a.message().sender(), seen);
        yield Optional.of(
            switch (a.message()) {
              case InboundGate.ForDkg d -> new Opened.Dkg(d.sender(), d.message());
              case InboundGate.ForEngine m ->
                  new Opened.Signing(new SigningEngine.Inbound(m.sender(), m.message()));
            });
      }
      case InboundGate.Rejected r -> {
        log.debug("dropped a frame from peer {}: {} ({})", peer, r.reason(), r.detail());
        PeerTransport t = transport.get();
        if (t != null) {
          r.reportTo(t, peer);
        }
        yield Optional.empty();
      }
    };
  }

  private void tick(long now) {
    if (!dkgStarted && (dkgResumes || allPeersConnected())) {
      // A fresh DKG waits for every peer: a validator still starting would otherwise miss round 1
      // and be voted out. One that resumes (stored progress) starts at once.
      dkgStarted = true;
      log.info("DKG {}", dkgResumes ? "resumes from the state database" : "starts");
      onDkg(dkg.start());
    } else if (dkgStarted) {
      onDkg(dkg.onTick());
    }
    if (engine != null) {
      onEngine(engine.onTick());
    }
    broadcaster.retry(now);
    chainMetrics.onTick(now);
    publishMetrics();
    countExpired(now);
  }

  /**
   * A request that expired before it was signed is a signing failure (alert SigningFailure). The
   * index keeps open requests in expiry order, so this looks only at the ones that are due.
   */
  private void countExpired(long now) {
    for (RequestId id : requests.index().expire(now)) {
      listeners.forEach(l -> l.requestFailed(id, "expired"));
      log.warn("request {} expired unsigned", id.value());
    }
  }

  private boolean allPeersConnected() {
    PeerTransport t = transport.get();
    return t != null && t.connectedPeers().size() == config.peers().size() - 1;
  }

  // ---------------------------------------------------------------- DKG

  private void onDkg(DkgStep step) {
    for (DkgEvent e : step.events()) {
      listeners.forEach(l -> l.onDkgEvent(e));
      apiFeed.onDkgEvent(e, Instant.now());
      Optional<String> failed = dkgStatus.onEvent(e);
      switch (e) {
        case DkgEvent.SessionStarted s ->
            log.info("DKG session started: {} participants", s.session().size());
        case DkgEvent.Completed c ->
            log.info("DKG complete: group key {}", c.result().xpub().groupKey().toHex());
        case DkgEvent.Excluded x ->
            log.warn("DKG excluded validator {}: {}", x.accused(), x.reason());
        case DkgEvent.Failed f -> log.error("{}", failed.orElseThrow());
        case DkgEvent.Misbehaviour m ->
            log.warn("DKG: validator {} misbehaved: {}", m.peer(), m.detail());
      }
    }
    for (Outgoing<byte[]> frame : sealer.sealDkgStep(step.messages(), System.currentTimeMillis())) {
      send(frame.to(), frame.message());
    }
    if (engine == null && dkg.result().isPresent()) {
      startSigning(dkg.result().get());
    }
  }

  private void startSigning(DkgResult result) {
    this.group = result;
    apiFeed.ready(result);
    List<Identifier> validators =
        new ArrayList<>(result.rawPublicKeyPackage().verifyingShares().keySet());
    Group g =
        new Group(
            validators,
            result.rawPublicKeyPackage().minSigners(),
            result.rawPublicKeyPackage(),
            result.xpub());
    SigningConfig sc =
        new SigningConfig(
                Identifier.of(me),
                result.rawKeyPackage(),
                g,
                config.policy(),
                config.timeouts().leader().toMillis(),
                config.timeouts().round().toMillis())
            // Locks are released when their spend (or a conflict) is buried, and a stuck
            // transaction
            // is re-signed at a higher fee, as [spend_locks] says.
            .withLifecycle(config.spendLocks());
    Ports ports =
        new Ports(
            System::currentTimeMillis,
            () -> random,
            new SqliteJournal(db, config.policy().feeCap().getSat(), journalMetrics),
            requests,
            new RpcChainFacts(rpc, requests, result.xpub()));
    engine = new SigningEngine(sc, ports);
    // Locks left by an earlier boot are held from the start.
    journalMetrics.refreshLocks();
    byzantine = byzantineMode.map(m -> new ByzantineOutput(m, Identifier.of(me), validators));
    log.info("ready to sign: xpub {}", result.xpub().serialize());
  }

  // ---------------------------------------------------------------- signing

  private void onEngine(Output out) {
    for (EngineEvent e : out.events()) {
      onEvent(e);
    }
    List<Outgoing<Message>> messages =
        byzantine.map(b -> b.rewrite(out.messages())).orElse(out.messages());
    List<byte[]> sealed = sealer.sealEach(messages, System.currentTimeMillis());
    for (int i = 0; i < sealed.size(); i++) {
      Outgoing<Message> m = messages.get(i);
      send(m.to(), sealed.get(i));
    }
  }

  private void onEvent(EngineEvent e) {
    listeners.forEach(l -> l.onEngineEvent(e));
    apiFeed.onEngineEvent(e, Instant.now());
    ProvenMisbehaviour.of(e).ifPresent(this::report);
    switch (e) {
      case EngineEvent.RequestSigned s -> {
        try (MDC.MDCCloseable r = LogContext.request(s.request().value())) {
          log.info("request signed: txid {}", s.txid());
          requests.markSigned(s.request(), s.txid().toString());
          broadcaster.broadcast(s.txid(), s.signedTx());
        }
      }
      case EngineEvent.Refused r -> {
        try (MDC.MDCCloseable c = LogContext.request(r.request().value())) {
          log.warn("refused to sign a proposal by {}: {}", r.proposer(), r.verdict());
        }
      }
      case EngineEvent.Blamed b -> log.warn("validator {} sent an invalid share", b.accused());
      case EngineEvent.Misbehaviour m ->
          log.warn("validator {} misbehaved ({}): {}", m.peer(), m.kind(), m.detail());
      default -> log.debug("{}", e.getClass().getSimpleName());
    }
  }

  /** Scores a peer's proven misbehaviour at the transport: enough of it bans the peer. */
  private void report(ProvenMisbehaviour p) {
    PeerTransport t = transport.get();
    if (t != null && p.peer() != me) {
      t.reportOffense(p.peer(), p.offense(), p.detail());
    }
  }

  private void send(Identifier to, byte[] bytes) {
    PeerTransport t = transport.get();
    int peer = Math.toIntExact(to.smallValue());
    if (t == null || peer == me) {
      return;
    }
    try {
      if (!t.send(peer, bytes)) {
        log.debug("no stream to peer {}: message dropped (retransmission covers it)", peer);
      }
    } catch (IllegalArgumentException e) {
      log.warn("message to peer {} not sent: {}", peer, e.getMessage());
    }
  }

  /** The gauges of the transport and the key, once a tick. */
  private void publishMetrics() {
    PeerTransport t = transport.get();
    int peers = t == null ? 0 : t.connectedPeers().size();
    metrics.peersConnected(peers);
    metrics.group(peers + 1, config.threshold().threshold(), config.peers().size());
    metrics.keyShareLoaded(engine != null);
  }
}
