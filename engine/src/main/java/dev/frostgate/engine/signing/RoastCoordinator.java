package dev.frostgate.engine.signing;

import dev.frostgate.bitcoin.spend.SignedSpend;
import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.SpendException;
import dev.frostgate.bitcoin.spend.SpendFinalizer;
import dev.frostgate.bitcoin.spend.SpendSigner;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.frost.BatchSigning;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.EngineEvent.Misbehaviour;
import dev.frostgate.engine.Group;
import dev.frostgate.engine.Message.Commit;
import dev.frostgate.engine.Message.Proposal;
import dev.frostgate.engine.Message.Share;
import dev.frostgate.engine.Message.SignRequest;
import dev.frostgate.engine.Message.Signed;
import dev.frostgate.engine.Policy;
import dev.frostgate.engine.PolicyVerdict;
import dev.frostgate.engine.RandomSource;
import dev.frostgate.engine.ShareEvidence;
import dev.frostgate.engine.SpendRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * ROAST coordinator for one request and attempt that this validator leads: it keeps a session open
 * for every t-subset of responsive signers with fresh commitments, excludes a signer whose share is
 * invalid (with evidence), and completes when any session aggregates.
 *
 * <p>Rules: the leader proposes only what its own policy approves (else it stays {@link Idle}); a
 * commitment is placed in at most one session (a replay of a used one is ignored); only a session's
 * members may answer it, once; a signer blamed for an invalid share gets no further session.
 */
final class RoastCoordinator {
  /** Why a coordinator does nothing for its attempt. */
  enum Reason {
    /** The request's recipe does not build a spend (e.g. its coins are gone). */
    SPEND_NOT_BUILDABLE,
    /** The leader's own policy rejects the spend: it never proposes what it would not sign. */
    OWN_POLICY_REFUSED
  }

  /** A coordinator either sits out its attempt or runs ROAST for it. */
  sealed interface State permits Idle, Running {}

  /** Sits out the attempt: ignores every message and tick. */
  record Idle(Reason why) implements State {}

  /** The proposal sent and the ROAST sessions it has opened. */
  static final class Running implements State {
    final Proposal proposal;
    final UnsignedSpend spend;
    final List<PublicKeyPackage> inputPublic;

    /** Signers with a fresh, unused commitment, in order of arrival. */
    final LinkedHashMap<Identifier, List<SigningCommitments>> fresh = new LinkedHashMap<>();

    final Set<SigningCommitments> usedCommitments = new HashSet<>();
    final Set<Identifier> excluded = new HashSet<>();
    final Set<Identifier> refused = new HashSet<>();
    final TreeMap<Long, RoastSession> sessions = new TreeMap<>();

    /** Random base: session ids never repeat across restarts of this coordinator. */
    long nextSession;

    long lastSent;

    /** Draws the session base from {@code random}: the only randomness a coordinator uses. */
    Running(
        Proposal proposal,
        UnsignedSpend spend,
        List<PublicKeyPackage> inputPublic,
        RandomSource random) {
      this.proposal = proposal;
      this.spend = spend;
      this.inputPublic = inputPublic;
      this.nextSession = random.secureRandom().nextLong() & Long.MAX_VALUE >>> 1;
    }
  }

  private final CoordinatorContext ctx;
  private final State state;

  private RoastCoordinator(CoordinatorContext ctx, State state) {
    this.ctx = ctx;
    this.state = state;
  }

  /**
   * Starts leading {@code attempt} of {@code r}: builds the spend, runs the leader's own policy
   * and, if both succeed, broadcasts the proposal. An idle coordinator draws no randomness.
   */
  static RoastCoordinator start(
      SpendRequest r,
      int attempt,
      Group group,
      Supplier<Policy.Facts> facts,
      CoordinatorContext ctx) {
    UnsignedSpend spend;
    try {
      spend = SpendBuilder.build(r.recipe(), group.xpub());
    } catch (SpendException e) {
      return new RoastCoordinator(ctx, new Idle(Reason.SPEND_NOT_BUILDABLE));
    }
    Proposal p = Proposal.of(r.id(), attempt, spend.bytes(), spend.sigHashes());
    PolicyVerdict v = Policy.evaluate(Optional.of(r), p, facts.get());
    if (v instanceof PolicyVerdict.Reject rej) {
      ctx.emit(new EngineEvent.Refused(r.id(), ctx.me(), rej));
      return new RoastCoordinator(ctx, new Idle(Reason.OWN_POLICY_REFUSED));
    }
    List<PublicKeyPackage> pub =
        SpendSigner.inputPublicKeys(spend.inputKeys(), group.rawPublic(), group.xpub());
    Running run = new Running(p, spend, pub, ctx.random());
    run.lastSent = ctx.now();
    ctx.broadcast(p);
    return new RoastCoordinator(ctx, run);
  }

  /** The coordinator's counts for an operator (read-only, cheap: sizes of what it holds). */
  SessionProgress.Coordinator progress() {
    return switch (state) {
      case Idle idle ->
          new SessionProgress.Coordinator(Optional.of(idle.why().name()), 0, 0, 0, 0, 0, 0);
      case Running run -> {
        Set<Identifier> committed = new HashSet<>(run.fresh.keySet());
        int shares = 0;
        int best = 0;
        for (RoastSession s : run.sessions.values()) {
          committed.addAll(s.members);
          shares += s.shares.size();
          best = Math.max(best, s.shares.size());
        }
        yield new SessionProgress.Coordinator(
            Optional.empty(),
            committed.size(),
            run.sessions.size(),
            shares,
            best,
            run.excluded.size(),
            run.refused.size());
      }
    };
  }

  void onCommit(Identifier from, Commit c) {
    if (state instanceof Running run) {
      acceptCommitment(run, from, c.commitments());
      startSessions(run);
    }
  }

  void onRefuse(Identifier from) {
    if (state instanceof Running run) {
      run.refused.add(from);
    }
  }

  private void acceptCommitment(Running run, Identifier from, List<SigningCommitments> cs) {
    if (run.excluded.contains(from)) {
      return;
    }
    if (cs.size() != run.proposal.messages().size()) {
      ctx.emit(new Misbehaviour(from, Misbehaviour.Kind.BAD_MESSAGE, "commitment count"));
      return;
    }
    for (SigningCommitments c : cs) {
      if (!c.identifier().equals(from)) {
        ctx.emit(new Misbehaviour(from, Misbehaviour.Kind.BAD_MESSAGE, "commitment id"));
        return;
      }
      if (run.usedCommitments.contains(c)) {
        return; // a replay of a commitment already placed in a session
      }
    }
    run.fresh.remove(from);
    run.fresh.put(from, cs);
  }

  private void startSessions(Running run) {
    int t = ctx.threshold();
    while (run.fresh.size() >= t) {
      Map<Identifier, List<SigningCommitments>> chosen = new TreeMap<>();
      Iterator<Map.Entry<Identifier, List<SigningCommitments>>> it =
          run.fresh.entrySet().iterator();
      while (chosen.size() < t) {
        var e = it.next();
        chosen.put(e.getKey(), e.getValue());
        it.remove();
      }
      chosen.values().forEach(run.usedCommitments::addAll);
      List<SigningPackage> packages = BatchSigning.packages(chosen, run.proposal.messageBytes());
      long id = run.nextSession++;
      SignRequest sr =
          new SignRequest(run.proposal.request(), run.proposal.attempt(), id, packages);
      run.sessions.put(id, new RoastSession(id, List.copyOf(chosen.keySet()), sr, ctx.now()));
      for (Identifier m : chosen.keySet()) {
        ctx.send(m, sr);
      }
    }
  }

  void onShare(Identifier from, Share sh) {
    if (!(state instanceof Running run)) {
      return;
    }
    RoastSession s = run.sessions.get(sh.session());
    if (s == null || !s.members.contains(from) || s.shares.containsKey(from)) {
      return; // unknown session, not a member, or a duplicate/replay
    }
    if (sh.shares().size() != run.proposal.messages().size()
        || sh.shares().stream().anyMatch(x -> !x.identifier().equals(from))) {
      ctx.emit(new Misbehaviour(from, Misbehaviour.Kind.BAD_MESSAGE, "malformed share"));
      return;
    }
    s.shares.put(from, sh.shares());
    if (!from.equals(ctx.me())) {
      ctx.emit(new EngineEvent.PeerAnswered(from, ctx.now() - s.startedAt));
    }
    acceptCommitment(run, from, sh.next());
    if (!s.closed && s.shares.size() == s.members.size()) {
      s.closed = true;
      if (aggregate(run, s)) {
        return;
      }
    }
    startSessions(run);
  }

  /** Aggregates a complete session; returns true when the request is done. */
  private boolean aggregate(Running run, RoastSession s) {
    Proposal proposal = run.proposal;
    int n = proposal.messages().size();
    List<List<SignatureShare>> perInput = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      List<SignatureShare> l = new ArrayList<>();
      for (List<SignatureShare> mine : s.shares.values()) {
        l.add(mine.get(i));
      }
      perInput.add(l);
    }
    List<byte[]> sigs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      try {
        Signature sig =
            BatchSigning.aggregateEach(
                    List.of(s.request.packages().get(i)),
                    List.of(perInput.get(i)),
                    List.of(run.inputPublic.get(i)))
                .get(0);
        sigs.add(Ciphersuite.TAPROOT.serializeSignature(sig));
      } catch (FrostException e) {
        if (e.kind() == FrostException.Kind.INVALID_SIGNATURE_SHARE) {
          for (Identifier culprit : e.culprits()) {
            run.excluded.add(culprit);
            run.fresh.remove(culprit);
            ctx.emit(
                new EngineEvent.Blamed(
                    culprit,
                    new ShareEvidence(
                        culprit,
                        proposal.request(),
                        proposal.attempt(),
                        s.id,
                        i,
                        s.request.packages().get(i),
                        perInput.get(i))));
          }
        }
        return false;
      }
    }
    SignedSpend signed;
    try {
      signed = SpendFinalizer.attach(run.spend, sigs);
    } catch (SpendException e) {
      return false;
    }
    List<Bip340Signature> values = sigs.stream().map(Bip340Signature::of).toList();
    ctx.complete(proposal.request(), proposal.attempt(), run.spend, signed, values);
    ctx.broadcast(new Signed(proposal.request(), proposal.attempt(), values));
    return true;
  }

  /**
   * Every retransmit interval: resends each open session's request to the members that have not
   * answered (reporting them silent) and the proposal to every validator with no fresh commitment
   * that is neither excluded nor refused.
   */
  void retransmit(long now) {
    if (!(state instanceof Running run) || now - run.lastSent < ctx.retransmitInterval()) {
      return;
    }
    run.lastSent = now;
    Set<Identifier> waiting = new HashSet<>();
    for (RoastSession s : run.sessions.values()) {
      if (s.closed) {
        continue;
      }
      for (Identifier m : s.members) {
        if (!s.shares.containsKey(m)) {
          if (waiting.add(m) && !m.equals(ctx.me())) {
            ctx.emit(new EngineEvent.PeerSilent(m));
          }
          ctx.send(m, s.request);
        }
      }
    }
    for (Identifier id : ctx.validators()) {
      if (!run.fresh.containsKey(id) && !run.excluded.contains(id) && !run.refused.contains(id)) {
        ctx.send(id, run.proposal);
      }
    }
  }
}
