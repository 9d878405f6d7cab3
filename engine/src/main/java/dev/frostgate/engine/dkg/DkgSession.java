package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.engine.Clock;
import dev.frostgate.engine.RandomSource;
import dev.frostgate.engine.dkg.DkgAttempt.OpenRequest;
import dev.frostgate.engine.dkg.DkgMessage.CertificateSignature;
import dev.frostgate.engine.dkg.DkgMessage.Complaint;
import dev.frostgate.engine.dkg.DkgMessage.Equivocation;
import dev.frostgate.engine.dkg.DkgMessage.Round1Set;
import dev.frostgate.engine.dkg.DkgMessage.ShareRequest;
import dev.frostgate.engine.dkg.DkgMessage.TestCommit;
import dev.frostgate.engine.dkg.DkgMessage.TestShare;
import dev.frostgate.engine.dkg.DkgMessage.TimeoutVote;
import java.util.List;
import java.util.Optional;

/**
 * One validator's networked DKG, sans-I/O: {@link #start}, {@link #onMessage} and {@link #onTick}
 * return the messages to send and the events; time and randomness come from the ports. The caller
 * delivers only authenticated (sender, message) pairs. How a session runs, and the rules S1–S4,
 * R1–R8 and C1–C7 it keeps, are in the package documentation.
 *
 * <p>This class is the facade: it owns the sessions (entering one, failing, retaining one we
 * certified), routes each message to the part that handles it and runs the parts in order. The
 * parts: {@link Round1Exchange} (R3, R7), {@link ShareDelivery} (S1–S4, R8), {@link Certification}
 * (R5, R6), {@link Exclusions} (R1, R2, R4), {@link Recovery} (C1–C7) and {@link EarlyMessages}.
 */
public final class DkgSession {
  private final DkgContext ctx;
  private final Exclusions exclusions;
  private final Round1Exchange round1;
  private final ShareDelivery shares;
  private final EarlyMessages early = new EarlyMessages();
  private final Certification certification;
  private final Recovery recovery;

  private long lastRetransmit = Long.MIN_VALUE / 4;

  public DkgSession(DkgConfig config, Clock clock, RandomSource random) {
    this(config, clock, random, DkgStore.NONE);
  }

  /**
   * A session that saves its progress through {@code store} and, if the store holds progress of an
   * earlier process, resumes from it in {@link #start()} (see the package documentation).
   */
  public DkgSession(DkgConfig config, Clock clock, RandomSource random, DkgStore store) {
    this.ctx = new DkgContext(config, clock, random, store);
    this.exclusions =
        new Exclusions(
            ctx,
            new Exclusions.Restart() {
              @Override
              public void enter(SessionId next) {
                DkgSession.this.enter(next);
              }

              @Override
              public void fail(SessionId next, String reason) {
                DkgSession.this.fail(next, reason);
              }
            });
    this.round1 = new Round1Exchange(ctx, exclusions);
    this.shares = new ShareDelivery(ctx, exclusions, round1);
    this.certification =
        new Certification(
            ctx,
            exclusions,
            shares,
            early,
            new Certification.Session() {
              @Override
              public void onSessionMessage(Identifier from, DkgMessage m) {
                DkgSession.this.onSessionMessage(from, m);
              }

              @Override
              public void retransmit() {
                DkgSession.this.retransmit();
              }
            });
    this.recovery = new Recovery(ctx, exclusions, shares, certification);
  }

  public Identifier id() {
    return ctx.me;
  }

  public Optional<DkgResult> result() {
    return Optional.ofNullable(ctx.result);
  }

  public boolean isFailed() {
    return ctx.failed;
  }

  public SessionId session() {
    return ctx.current == null ? null : ctx.current.sid;
  }

  public java.util.SortedSet<Identifier> excluded() {
    return exclusions.excluded();
  }

  /**
   * Enters the first session (every configured validator) and broadcasts round 1; or, if the store
   * holds progress, resumes from it: a completed DKG reports its stored result, else the current
   * session is re-entered with the same round-1 package.
   */
  public DkgStep start() {
    if (ctx.current == null) {
      DkgProgress saved = ctx.store.load();
      if (saved.isEmpty()) {
        enter(new SessionId(ctx.config.ceremony(), ctx.config.validators()));
      } else {
        SessionId next = recovery.resume(saved);
        if (next != null) {
          enter(next);
        }
      }
    }
    return flush();
  }

  /** An authenticated message from {@code from}. */
  public DkgStep onMessage(Identifier from, DkgMessage m) {
    if (ctx.current == null
        || ctx.result != null
        || (ctx.failed && !(m instanceof DkgMessage.Final))) {
      return flush();
    }
    if (!ctx.config.validators().contains(from)) {
      ctx.outbox.misbehaviour(from, "not a configured validator");
      return flush();
    }
    dispatch(from, m);
    return flush();
  }

  /** A clock tick: timeouts and retransmission. */
  public DkgStep onTick() {
    if (ctx.current == null || ctx.failed) {
      return flush();
    }
    long now = ctx.clock.now();
    DkgAttempt a = ctx.current;
    if (ctx.result == null && a.cert.output == null) {
      round1.relay(a, now);
      if (a.shares.secret == null) {
        round1.voteOnMissing(a, now);
      } else {
        shares.requestMissingShares(a, now);
      }
    } else if (ctx.result == null) {
      certification.voteOnMissing(a, now);
    }
    round1.voteOnDisputes(a, now);
    shares.voteOnUnansweredRequests(a, now);
    // Until the runtime stops this session (also after completion: peers may still miss our
    // certificate signature or test share).
    if (now - lastRetransmit >= ctx.config.retransmitInterval()) {
      lastRetransmit = now;
      retransmit();
    }
    return flush();
  }

  // ---------------------------------------------------------------- sessions

  private void enter(SessionId sid) {
    if (ctx.current != null && ctx.current.cert.mySignature != null) {
      // R6: we signed its certificate: it may still complete elsewhere (a late Final).
      certification.retain(ctx.current);
      if (ctx.current.cert.nonces != null) {
        ctx.current.cert.nonces.discard();
        ctx.current.cert.nonces = null;
      }
    } else if (ctx.current != null) {
      ctx.current.destroySecrets();
    }
    DkgAttempt a = new DkgAttempt(sid, ctx.clock.now());
    ctx.current = a;
    ctx.outbox.event(new DkgEvent.SessionStarted(sid));
    recovery.round1(a); // fresh, or after a restart the package we already announced
    broadcast(a.round1.mine);
    // Messages that arrived early for this session.
    early.replayOnEnter(ctx, a, this::dispatch);
    // Votes already known for this session may form a quorum.
    exclusions.checkVotes();
  }

  private void fail(SessionId sid, String reason) {
    ctx.failed = true;
    if (ctx.current.cert.mySignature != null) { // R6: kept for a late Final
      certification.retain(ctx.current);
    } else {
      ctx.current.destroySecrets();
    }
    ctx.outbox.event(new DkgEvent.Failed(sid, reason));
  }

  // ---------------------------------------------------------------- dispatch

  private void dispatch(Identifier from, DkgMessage m) {
    switch (m) {
      case Complaint c -> exclusions.onComplaint(from, c);
      case Equivocation e -> exclusions.onEquivocation(from, e);
      case TimeoutVote v -> exclusions.onVote(from, v);
      case DkgMessage.Final f -> certification.onFinal(f);
      default -> {
        SessionId s = m.session();
        if (s.equals(ctx.current.sid)) {
          if (!s.participants().contains(from)) {
            ctx.outbox.misbehaviour(from, "not a participant of " + s);
            return;
          }
          onSessionMessage(from, m);
        } else if (s.ceremony().equals(ctx.current.sid.ceremony())
            && ctx.current.sid.participants().containsAll(s.participants())
            && ctx.config.validators().containsAll(s.participants())) {
          early.hold(from, m);
        }
        // else: stale (an earlier session) or unrelated, dropped
      }
    }
  }

  private void onSessionMessage(Identifier from, DkgMessage m) {
    DkgAttempt a = ctx.current;
    switch (m) {
      case DkgMessage.Round1 r -> {
        if (!round1.onRound1(a, from, r)) {
          return;
        }
      }
      case DkgMessage.Round2 r -> {
        shares.onRound2(a, from, r);
        if (ctx.current != a) {
          return; // it proved the dealer sealed garbage: we restarted
        }
      }
      case Round1Set set -> {
        if (!round1.onSet(a, from, set)) {
          return;
        }
      }
      case CertificateSignature c -> {
        if (!certification.onCertificateSignature(a, from, c)) {
          return;
        }
      }
      case TestCommit c -> {
        if (!certification.onTestCommit(a, from, c)) {
          return;
        }
      }
      case ShareRequest r -> {
        shares.onShareRequest(a, from, r);
        if (ctx.current != a) {
          return;
        }
      }
      case TestShare s -> {
        if (!certification.onTestShare(a, from, s)) {
          return;
        }
      }
      default -> {}
    }
    advance();
  }

  // ---------------------------------------------------------------- progress

  private void advance() {
    DkgAttempt a = ctx.current;
    if (round1.complete(a)) {
      round1.fixView(a);
      shares.deal(a);
      certification.checkEarlySignatures(a);
      round1.checkEarlyClaims(a);
      shares.answerEarlyRequests(a);
    }
    if (shares.part3(a)) {
      certification.onPart3Done(a);
    }
    if (a.cert.output == null || a.cert.abstained || ctx.current != a) {
      return;
    }
    certification.advance(a);
  }

  // ---------------------------------------------------------------- output

  private void retransmit() {
    DkgAttempt a = ctx.current;
    if (certification.finalMessage() != null) {
      broadcast(certification.finalMessage());
    }
    broadcast(a.round1.mine);
    a.shares.mine.forEach(this::send);
    if (a.round1.mySet != null) {
      broadcast(a.round1.mySet);
    }
    if (ctx.result == null) {
      // Until answered; to everyone, so that a request its requester kept from the dealer reaches
      // it anyway, and whoever holds our sealed share answers us (onShareRequest).
      for (OpenRequest o : a.shares.requests.values()) {
        broadcast(o.request());
      }
    }
    for (DkgMessage m : exclusions.gossip()) {
      // To every configured validator: one excluded while it was down (a crash) or deaf (loss)
      // learns it from these proofs and stops, instead of waiting in its old session forever.
      broadcastTo(ctx.config.validators(), m);
    }
    if (a.cert.mySignature != null) {
      broadcast(new CertificateSignature(a.sid, a.cert.mySignature));
    }
    SigningCommitments mine = a.cert.testCommits.get(ctx.me);
    if (mine != null) {
      broadcast(new TestCommit(a.sid, mine));
    }
    if (a.cert.myTestShare != null) {
      broadcast(new TestShare(a.sid, a.cert.myTestShare));
    }
  }

  private void broadcast(DkgMessage m) {
    ctx.broadcast(m);
  }

  private void broadcastTo(List<Identifier> to, DkgMessage m) {
    ctx.outbox.broadcastTo(to, m);
  }

  private void send(Identifier to, DkgMessage m) {
    ctx.outbox.send(to, m);
  }

  private DkgStep flush() {
    return ctx.outbox.flush();
  }
}
