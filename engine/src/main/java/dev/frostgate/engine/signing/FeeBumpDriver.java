package dev.frostgate.engine.signing;

import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.SpendException;
import dev.frostgate.bitcoin.spend.SpendInput;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.EngineEvent.Misbehaviour;
import dev.frostgate.engine.LeaderSchedule;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.Message.Commit;
import dev.frostgate.engine.Message.Proposal;
import dev.frostgate.engine.Message.Refuse;
import dev.frostgate.engine.Message.Share;
import dev.frostgate.engine.Message.SignRequest;
import dev.frostgate.engine.Message.Signed;
import dev.frostgate.engine.Policy;
import dev.frostgate.engine.Ports;
import dev.frostgate.engine.SigningConfig;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.spendlock.LifecycleConfig;
import dev.frostgate.engine.spendlock.LockLifecycle;
import dev.frostgate.engine.spendlock.LockTransition;
import dev.frostgate.engine.spendlock.LockedRequest;
import fr.acinq.bitcoin.TxId;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The spend-lock lifecycle and fee bumps of one validator, driven by its ticks: it runs the pure
 * {@link LockLifecycle} over the journal's locked requests (on every new tip, and once per leader
 * timeout for expiries), journals each transition before acting on it, leads the bumps it is the
 * leader of, and routes the messages of bump attempts ({@link FeeBumps#attempt}).
 *
 * <p>Rules: a transition is durable before it takes effect; a bump of generation g is proposed and
 * signed only by a validator whose own lifecycle decided g bumps (its own chain view says the
 * transaction is stuck) for a request that has not expired; each signer rebuilds the replacement
 * itself from the request and g ({@link FeeBumps#request}: same inputs and recipients, a higher
 * rate within the caps) and runs the policy and the spend-lock rule ({@code FEE_BUMP}) on it as on
 * any spend; only the leader of the bump's attempt may propose it.
 */
final class FeeBumpDriver {
  // What it decides with.
  private final SigningConfig config;
  private final LifecycleConfig lifecycle;
  private final Ports ports;
  private final Supplier<Policy.Facts> facts;

  // Whom it hands the bumps to: the signer (approvals, shares) and the engine (sends, completion).
  private final LeaderSchedule schedule;
  private final Signer signer;
  private final StepOutput step;
  private final CoordinatorContext ctx;

  /** Requests with live locks and at least one bump decided, not expired. */
  private final Map<RequestId, Bumping> bumping = new TreeMap<>();

  private long lastTip = -1;
  private long lastRun;

  /** Whether the journal's lock state changed since the last run (a completion): run again. */
  private boolean stale = true;

  /** One request's current bump: its generation, what it signs, and its coordinator if we lead. */
  private static final class Bumping {
    final int generation;

    /** The request at the bump's rate, and its spend; empty if the bump cannot be built. */
    final Optional<SpendRequest> bumped;

    final Optional<UnsignedSpend> spend;

    Optional<TxId> signedTx = Optional.empty();
    RoastCoordinator coordinator;

    /** Earlier generations another leader may still be signing, by generation. */
    final Map<Integer, Bumping> earlier = new TreeMap<>();

    Bumping(int generation, Optional<SpendRequest> bumped, Optional<UnsignedSpend> spend) {
      this.generation = generation;
      this.bumped = bumped;
      this.spend = spend;
    }

    boolean done() {
      return spend.isPresent() && signedTx.equals(Optional.of(spend.get().txid()));
    }
  }

  /** For an engine whose {@link SigningConfig#lifecycle} is set. */
  FeeBumpDriver(
      Ports ports,
      SigningConfig config,
      Supplier<Policy.Facts> facts,
      CoordinatorContext ctx,
      Signer signer,
      StepOutput step) {
    this.ports = ports;
    this.config = config;
    this.lifecycle = config.lifecycle().orElseThrow();
    this.facts = facts;
    this.ctx = ctx;
    // The engine's schedule: pure, so an equal one.
    this.schedule = new LeaderSchedule(config.group().validators(), config.leaderTimeout());
    this.signer = signer;
    this.step = step;
  }

  /** Whether a bump of {@code id} is under way here (its signer state must be kept). */
  boolean active(RequestId id) {
    Bumping b = bumping.get(id);
    return b != null && !b.done();
  }

  /**
   * A tick: the lifecycle on a new tip, after a completion, or once per leader timeout (expiries),
   * then leading the bumps.
   */
  void onTick(long now) {
    long tip = ports.chain().tipHeight();
    if (stale || tip != lastTip || now - lastRun >= config.leaderTimeout()) {
      stale = false;
      lastTip = tip;
      lastRun = now;
      runLifecycle(now);
    }
    for (Map.Entry<RequestId, Bumping> e : bumping.entrySet()) {
      Bumping b = e.getValue();
      if (b.done() || b.bumped.isEmpty()) {
        continue;
      }
      int attempt = FeeBumps.attempt(b.generation);
      if (b.coordinator == null && schedule.leader(e.getKey(), attempt).equals(ctx.me())) {
        b.coordinator = RoastCoordinator.start(b.bumped.get(), attempt, config.group(), facts, ctx);
      }
      if (b.coordinator != null) {
        b.coordinator.retransmit(now);
      }
    }
  }

  private void runLifecycle(long now) {
    Map<RequestId, Bumping> next = new TreeMap<>();
    for (LockedRequest known : ports.journal().lockedRequests()) {
      RequestId id = known.request();
      Optional<SpendRequest> req = ports.requests().find(id);
      LockedRequest r =
          req.map(
                  q ->
                      known.withRequest(
                          q.expiresAt(),
                          q.recipe().inputs().stream().map(SpendInput::outpoint).toList()))
              .orElse(known);
      LockTransition t = LockLifecycle.decide(r, ports.chain(), now, lifecycle);
      if (!(t instanceof LockTransition.Keep)) {
        // Durable first: a crash before this returns loses the decision, which is made again.
        ports.journal().recordTransition(t);
        step.emit(new EngineEvent.LockTransitioned(t));
      }
      int g = r.bumps() + (t instanceof LockTransition.Bump ? 1 : 0);
      if (t instanceof LockTransition.Release || g == 0 || req.isEmpty() || r.expiredAt(now)) {
        continue;
      }
      Bumping b = bumping.get(id);
      if (b == null || b.generation != g) {
        b = plan(req.get(), g);
      }
      b.signedTx = r.signedTx();
      next.put(id, b);
    }
    bumping.clear();
    bumping.putAll(next);
  }

  private Bumping plan(SpendRequest r, int g) {
    try {
      SpendRequest bumped = FeeBumps.request(r, g, config.group().xpub(), config.policy());
      UnsignedSpend spend = SpendBuilder.build(bumped.recipe(), config.group().xpub());
      return new Bumping(g, Optional.of(bumped), Optional.of(spend));
    } catch (SpendException e) {
      // Above a cap or unpayable: this generation is never proposed nor signed here.
      return new Bumping(g, Optional.empty(), Optional.empty());
    }
  }

  /**
   * A message of a bump attempt. Ignored unless this validator's own lifecycle decided at least
   * that many bumps of the request (validators that started counting at different heights differ by
   * a generation; a lagging one takes the leader's retransmission later), and while the request has
   * not completed with its current bump.
   */
  void onMessage(Identifier from, Message m, int attempt) {
    Bumping current = bumping.get(m.request());
    int g = FeeBumps.generation(attempt);
    if (current == null || g > current.generation || current.done()) {
      return;
    }
    Bumping b = g == current.generation ? current : earlier(current, m.request(), g);
    if (b.bumped.isEmpty()) {
      return;
    }
    switch (m) {
      case Proposal p -> {
        if (!schedule.leader(p.request(), attempt).equals(from)) {
          step.emit(
              new Misbehaviour(from, Misbehaviour.Kind.NOT_LEADER, "bump proposal " + attempt));
          return;
        }
        signer.approve(from, p, b.bumped);
      }
      case SignRequest sr -> signer.onSignRequest(from, sr);
      case Commit c -> coordinator(b).ifPresent(k -> k.onCommit(from, c));
      case Share sh -> coordinator(b).ifPresent(k -> k.onShare(from, sh));
      case Refuse rf -> coordinator(b).ifPresent(k -> k.onRefuse(from));
      case Signed sg -> completeFromLeader(from, sg, b);
    }
  }

  /** An earlier generation of {@code current}'s request, built on demand (it leads nothing). */
  private Bumping earlier(Bumping current, RequestId id, int g) {
    return current.earlier.computeIfAbsent(
        g,
        k ->
            ports
                .requests()
                .find(id)
                .map(r -> plan(r, k))
                .orElse(new Bumping(k, Optional.empty(), Optional.empty())));
  }

  private static Optional<RoastCoordinator> coordinator(Bumping b) {
    return Optional.ofNullable(b.coordinator);
  }

  /** The leader's signatures must finalize the replacement this validator builds itself. */
  private void completeFromLeader(Identifier from, Signed sg, Bumping b) {
    UnsignedSpend spend = b.spend.orElseThrow();
    signer
        .finalizeFromLeader(from, spend, sg)
        .ifPresent(
            signed -> ctx.complete(sg.request(), sg.attempt(), spend, signed, sg.signatures()));
  }

  /** A request completed with {@code tx} (the engine's completion, for any attempt). */
  void onComplete(RequestId id, TxId tx) {
    stale = true;
    Bumping b = bumping.get(id);
    if (b != null) {
      b.signedTx = Optional.of(tx);
      b.coordinator = null;
    }
  }
}
