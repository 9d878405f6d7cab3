package dev.frostgate.engine.signing;

import dev.frostgate.bitcoin.spend.SignedSpend;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.EngineEvent.Misbehaviour;
import dev.frostgate.engine.Journal;
import dev.frostgate.engine.LeaderSchedule;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.Message.Commit;
import dev.frostgate.engine.Message.Proposal;
import dev.frostgate.engine.Message.Refuse;
import dev.frostgate.engine.Message.Share;
import dev.frostgate.engine.Message.SignRequest;
import dev.frostgate.engine.Message.Signed;
import dev.frostgate.engine.Output;
import dev.frostgate.engine.Policy;
import dev.frostgate.engine.Ports;
import dev.frostgate.engine.RandomSource;
import dev.frostgate.engine.SigningConfig;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.engine.request.RequestId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One validator's protocol engine for signing: signer and (when it leads a request) ROAST
 * coordinator. Sans-I/O: {@link #onMessage}, {@link #onMessages} and {@link #onTick} take
 * authenticated messages or a clock tick and return the messages to send and the events; time,
 * randomness, storage, requests and chain facts come through {@link Ports}. Everything here is in
 * memory and is lost on a crash; only the {@link Journal} survives.
 *
 * <p>This class routes and completes; the signer side ({@link Signer}) applies the safety rules
 * below, and each attempt this validator leads runs one {@link RoastCoordinator}.
 *
 * <p>Safety rules, in the order they are applied:
 *
 * <ul>
 *   <li>a proposal is considered only from the leader of its attempt (else misbehaviour);
 *   <li>the signer rebuilds the spend from its own view of the request and runs the {@link Policy};
 *   <li>a commitment is sent only if the durable spend locks allow the spend (read-only check);
 *   <li>a share is computed only for packages whose messages are exactly the approved sighashes,
 *       with nonces that live in this incarnation's memory, after one durable commit has both
 *       applied the spend-lock rule (writing the locks of every input) and written the journal row
 *       (session, message hashes, commitment, and the {@link dev.frostgate.engine.PackageDigest} of
 *       the whole signing package: every co-signer's commitment, the messages, the input keys, the
 *       ciphersuite); the nonces are consumed by that one share. A commitment has no signing power,
 *       so a lock only needs to be durable before the first share that uses it leaves: conflicting
 *       spends are decided in that commit, once;
 *   <li>a commitment answers one package, once: a duplicate of the identical sign request gets the
 *       same share bytes from memory, and any other package naming the commitment (another
 *       co-signer set, another session, a substituted message) a typed refusal and no share, as the
 *       journal would refuse it (one nonce over two challenges reveals the signing share).
 * </ul>
 *
 * <p>Group commit: the shares of one step are staged and journaled together at its end ({@link
 * Journal#recordShares}: one synced SQLite transaction, each share's lock rule applied after the
 * ones before it, a refused share writing nothing), and only then computed and sent. A runtime that
 * hands the engine its queued messages as one step ({@link #onMessages}) pays one fsync for all the
 * shares they produce instead of one per share.
 */
public final class SigningEngine {
  private final SigningConfig config;
  private final Ports ports;
  private final Identifier me;
  private final LeaderSchedule schedule;
  private final Map<RequestId, Map<Integer, RoastCoordinator>> coordinators = new TreeMap<>();
  private final Set<RequestId> done = new HashSet<>();

  private final StepOutput step;
  private final CoordinatorContext context;
  private final Signer signer;

  /** The spend-lock lifecycle and fee bumps, when {@link SigningConfig#lifecycle} is set. */
  private final Optional<FeeBumpDriver> bumps;

  public SigningEngine(SigningConfig config, Ports ports) {
    this.config = config;
    this.ports = ports;
    this.me = config.me();
    this.schedule = new LeaderSchedule(config.group().validators(), config.leaderTimeout());
    this.step = new StepOutput(me, config.group().validators());
    this.context = new Context();
    this.signer = new Signer(config, ports, schedule, step, this::facts);
    this.bumps =
        config.lifecycle().isPresent()
            ? Optional.of(new FeeBumpDriver(ports, config, this::facts, context, signer, step))
            : Optional.empty();
  }

  public Identifier id() {
    return me;
  }

  public LeaderSchedule schedule() {
    return schedule;
  }

  public boolean isDone(RequestId r) {
    return done.contains(r) || ports.journal().isSigned(r);
  }

  /**
   * What this validator knows of {@code id}'s signing at {@code now}, for an operator: empty for a
   * request it does not hold. Read-only and cheap (no I/O beyond the journal's signed check).
   */
  public Optional<SessionProgress> progress(RequestId id, long now) {
    return ports
        .requests()
        .find(id)
        .map(
            r -> {
              int attempt = schedule.attemptAt(r.createdAt(), now);
              boolean signed = isDone(id);
              Optional<SessionProgress.Coordinator> mine =
                  coordinator(id, attempt).map(RoastCoordinator::progress);
              return new SessionProgress(
                  id,
                  attempt,
                  schedule.leader(id, attempt),
                  config.group().threshold(),
                  signed,
                  !signed && now > r.expiresAt(),
                  mine);
            });
  }

  /** An authenticated message from {@code from} (the envelope check happened in the transport). */
  public Output onMessage(Identifier from, Message m) {
    return onMessages(List.of(new Inbound(from, m)));
  }

  /** An authenticated message and its sender. */
  public record Inbound(Identifier from, Message message) {}

  /**
   * Several authenticated messages in one step, in order: what a runtime has queued. The shares
   * they produce are journaled together (one synced commit) before any of them is sent.
   */
  public Output onMessages(List<Inbound> batch) {
    for (Inbound in : batch) {
      if (!config.group().validators().contains(in.from())) {
        step.emit(new Misbehaviour(in.from(), Misbehaviour.Kind.BAD_MESSAGE, "not a group member"));
        continue;
      }
      handle(in.from(), in.message());
    }
    signer.commitStaged(this::drainSelf);
    return step.flush();
  }

  /** A clock tick: start coordinators whose turn it is, retransmit, drop stale state. */
  public Output onTick() {
    long now = ports.clock().now();
    for (SpendRequest r : ports.requests().visible(now)) {
      RequestId id = r.id();
      if (isDone(id)) {
        if (bumps.isPresent() && bumps.get().active(id)) {
          signer.dropBefore(id, FeeBumps.BASE); // keep the bump's approvals and nonces
        } else {
          signer.forget(id);
        }
        coordinators.remove(id);
        continue;
      }
      if (now > r.expiresAt()) {
        continue;
      }
      int attempt = schedule.attemptAt(r.createdAt(), now);
      Map<Integer, RoastCoordinator> mine = coordinators.computeIfAbsent(id, k -> new TreeMap<>());
      mine.keySet().removeIf(a -> a < attempt - 1);
      signer.dropBefore(id, attempt - 1);
      if (schedule.leader(id, attempt).equals(me) && !mine.containsKey(attempt)) {
        mine.put(attempt, RoastCoordinator.start(r, attempt, config.group(), this::facts, context));
      }
      for (RoastCoordinator c : mine.values()) {
        c.retransmit(now);
      }
    }
    bumps.ifPresent(b -> b.onTick(now));
    drainSelf();
    signer.commitStaged(this::drainSelf);
    return step.flush();
  }

  // ---------------------------------------------------------------- dispatch

  private void handle(Identifier from, Message m) {
    int attempt = attemptOf(m);
    if (FeeBumps.isBump(attempt)) {
      // A fee bump of a completed request: its own routing (a lifecycle that is off ignores it).
      bumps.ifPresent(b -> b.onMessage(from, m, attempt));
      drainSelf();
      return;
    }
    if (isDone(m.request()) && !(m instanceof Signed)) {
      // Help a lagging leader finish: a proposal means its sender does not know the request is
      // complete. Late commitments and shares (a ROAST session still running when another one
      // completed) come from signers that the completion broadcast already told; one that lost it
      // learns when it next proposes (leadership rotates), so they get no answer.
      // The answer carries the proposal's attempt: peers order a sender's messages by attempt.
      if (m instanceof Proposal p) {
        ports
            .journal()
            .signatures(m.request())
            .ifPresent(sigs -> step.send(from, new Signed(m.request(), p.attempt(), sigs)));
      }
      return;
    }
    switch (m) {
      case Proposal p -> signer.onProposal(from, p);
      case SignRequest sr -> signer.onSignRequest(from, sr);
      case Commit c -> coordinator(c.request(), c.attempt()).ifPresent(k -> k.onCommit(from, c));
      case Share sh -> coordinator(sh.request(), sh.attempt()).ifPresent(k -> k.onShare(from, sh));
      case Refuse rf -> coordinator(rf.request(), rf.attempt()).ifPresent(k -> k.onRefuse(from));
      case Signed sg -> onSigned(from, sg);
    }
    drainSelf();
  }

  private static int attemptOf(Message m) {
    return switch (m) {
      case Proposal p -> p.attempt();
      case SignRequest sr -> sr.attempt();
      case Commit c -> c.attempt();
      case Share sh -> sh.attempt();
      case Refuse rf -> rf.attempt();
      case Signed sg -> sg.attempt();
    };
  }

  private void drainSelf() {
    step.drainSelf(m -> handle(me, m));
  }

  private Optional<RoastCoordinator> coordinator(RequestId r, int attempt) {
    Map<Integer, RoastCoordinator> m = coordinators.get(r);
    return m == null ? Optional.empty() : Optional.ofNullable(m.get(attempt));
  }

  private Policy.Facts facts() {
    return new Policy.Facts(
        ports.chain(),
        ports.journal()::lock,
        ports.clock().now(),
        config.group().xpub(),
        config.policy());
  }

  // ---------------------------------------------------------------- completion

  private void onSigned(Identifier from, Signed sg) {
    if (!isDone(sg.request())) {
      signer
          .onSigned(from, sg)
          .ifPresent(c -> complete(c.id(), sg.attempt(), c.spend(), c.signed(), sg.signatures()));
    }
  }

  private void complete(
      RequestId id,
      int attempt,
      UnsignedSpend spend,
      SignedSpend signed,
      List<Bip340Signature> sigs) {
    ports.journal().recordSigned(id, spend.txid(), sigs);
    done.add(id);
    signer.discardNonces(id);
    coordinators.remove(id);
    bumps.ifPresent(b -> b.onComplete(id, spend.txid()));
    step.emit(
        new EngineEvent.RequestSigned(id, spend.txid(), signed.bytes(), Signer.inputsOf(spend)));
  }

  // ---------------------------------------------------------------- coordinator (ROAST)

  /** What a coordinator sees of this engine: the step's output, ports and settings. */
  private final class Context implements CoordinatorContext {
    @Override
    public void send(Identifier to, Message m) {
      step.send(to, m);
    }

    @Override
    public void broadcast(Message m) {
      step.broadcast(m);
    }

    @Override
    public void emit(EngineEvent e) {
      step.emit(e);
    }

    @Override
    public long now() {
      return ports.clock().now();
    }

    @Override
    public RandomSource random() {
      return ports.random();
    }

    @Override
    public int threshold() {
      return config.group().threshold();
    }

    @Override
    public List<Identifier> validators() {
      return config.group().validators();
    }

    @Override
    public Identifier me() {
      return me;
    }

    @Override
    public long retransmitInterval() {
      return config.retransmitInterval();
    }

    @Override
    public void complete(
        RequestId id,
        int attempt,
        UnsignedSpend spend,
        SignedSpend signed,
        List<Bip340Signature> sigs) {
      SigningEngine.this.complete(id, attempt, spend, signed, sigs);
    }
  }
}
