package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.dkg.DkgEvent.Reason;
import dev.frostgate.engine.dkg.DkgMessage.Complaint;
import dev.frostgate.engine.dkg.DkgMessage.Equivocation;
import dev.frostgate.engine.dkg.DkgMessage.TimeoutVote;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Who is excluded from the DKG and on which proof: complaints (S4), equivocation proofs and quorums
 * of timeout votes (R2), from the current session or an earlier one of the ceremony (R4), and this
 * validator's own votes (R5: the session then records it voted, so it is never certified). After
 * each exclusion it moves the session on (R1). Accepted proofs are kept to be gossiped with every
 * retransmission, so the honest validators converge on one excluded set.
 */
final class Exclusions {
  /** How an exclusion moves the session on (the facade owns the sessions). */
  interface Restart {
    void enter(DkgSessionId next);

    void fail(DkgSessionId next, String reason);
  }

  private final DkgContext ctx;
  private final Restart restart;
  private final TreeSet<Identifier> excluded = new TreeSet<>();
  private final VoteTally votes = new VoteTally();
  private final List<DkgMessage> gossip = new ArrayList<>();
  // Signatures of the proofs already applied (or found authentic), so each is checked once.
  private final Set<String> seenProofs = new HashSet<>();

  Exclusions(DkgContext ctx, Restart restart) {
    this.ctx = ctx;
    this.restart = restart;
  }

  SortedSet<Identifier> excluded() {
    return Collections.unmodifiableSortedSet(excluded);
  }

  /** The accepted proofs and this validator's votes, in the order they came. */
  List<DkgMessage> gossip() {
    return Collections.unmodifiableList(gossip);
  }

  private void exclude(
      Identifier accused, Reason reason, DkgSessionId where, List<DkgMessage> proof) {
    if (excluded.contains(accused)) {
      return;
    }
    excluded.add(accused);
    gossip.addAll(proof);
    DkgEvent.Excluded x = new DkgEvent.Excluded(where, accused, reason, proof);
    ctx.store.saveExclusion(x);
    ctx.outbox.event(x);
  }

  /**
   * A stored exclusion, its proof already re-checked, applied after a restart: nothing is saved
   * again or reported, and no session is entered (the caller does that once all are back).
   */
  void restore(DkgEvent.Excluded x) {
    for (DkgMessage m : x.proof()) {
      remember(m);
    }
    if (excluded.add(x.accused())) {
      gossip.addAll(x.proof());
    }
  }

  /** This validator's stored vote after a restart: counted, seen, and gossiped again. */
  void restoreVote(TimeoutVote v) {
    if (remember(v)) {
      gossip.add(v);
    }
  }

  /** Records a stored proof message as seen; true if it was new. */
  private boolean remember(DkgMessage m) {
    if (m instanceof TimeoutVote v) {
      votes.add(v);
      return seenProofs.add(v.signature().toString());
    }
    if (m instanceof Complaint c) {
      return seenProofs.add(c.accuserSignature().toString());
    }
    return true;
  }

  /** R1: after exclusions, move to the session without the excluded validators, or fail. */
  private void restartIfNeeded() {
    if (ctx.failed || ctx.result != null) {
      return;
    }
    DkgConfig config = ctx.config;
    switch (ExclusionRules.next(
        config.ceremony(),
        config.validators(),
        ctx.me,
        config.threshold(),
        excluded,
        ctx.current.sid.participants())) {
      case ExclusionRules.Stay s -> {}
      case ExclusionRules.Fail f -> restart.fail(f.session(), f.reason());
      case ExclusionRules.Enter e -> {
        // Re-announce the proofs so peers converge even if the originals were lost.
        for (DkgMessage m : gossip) {
          ctx.outbox.broadcastTo(e.session().participants(), m);
        }
        restart.enter(e.session());
      }
    }
  }

  /** R2: two different round-1 packages signed by one author for one session exclude it. */
  void onEquivocation(Identifier from, Equivocation e) {
    // R4: a proof from the current session or an earlier one.
    if (!ctx.open() || !e.session().isAncestorOrSelfOf(ctx.current.sid)) {
      return;
    }
    String key = e.first().signature().toString() + e.second().signature().toString();
    if (seenProofs.contains(key)) {
      return;
    }
    Optional<Identifier> author = DkgSignatures.equivocator(e, ctx.config.identityKeys());
    if (author.isEmpty()) {
      ctx.outbox.misbehaviour(from, "unauthentic equivocation proof");
      return;
    }
    seenProofs.add(key);
    exclude(author.get(), Reason.EQUIVOCATION, e.session(), List.of(e));
    restartIfNeeded();
  }

  /** S4: a complaint convicts the dealer or the accuser, decided from public data. */
  void onComplaint(Identifier from, Complaint c) {
    String key = c.accuserSignature().toString();
    // R4: a proof from the current session or an earlier one.
    if (!ctx.open()
        || !c.session().isAncestorOrSelfOf(ctx.current.sid)
        || seenProofs.contains(key)) {
      return;
    }
    Optional<Identifier> culprit =
        DkgSignatures.culprit(c, ctx.config.identityKeys(), ctx.config.suite());
    if (culprit.isEmpty()) {
      ctx.outbox.misbehaviour(from, "unauthentic complaint");
      return;
    }
    // Only an authentic proof marks its signature as seen: otherwise anyone could pair a genuine
    // signature with altered content, get it here first, and make us ignore the real proof.
    seenProofs.add(key);
    Identifier x = culprit.get();
    exclude(
        x,
        x.equals(c.dealer()) ? Reason.INVALID_SHARE : Reason.FALSE_COMPLAINT,
        c.session(),
        List.of(c));
    restartIfNeeded();
  }

  void onVote(Identifier from, TimeoutVote v) {
    String key = v.signature().toString();
    // R4: a vote from the current session or an earlier one.
    if (!ctx.open()
        || !v.session().isAncestorOrSelfOf(ctx.current.sid)
        || seenProofs.contains(key)) {
      return;
    }
    if (!DkgSignatures.voteIsAuthentic(v, ctx.config.identityKeys())) {
      ctx.outbox.misbehaviour(from, "unauthentic timeout vote");
      return;
    }
    seenProofs.add(key); // after the check, as for complaints
    votes.add(v);
    checkVotes();
  }

  /** R2: a quorum of timeout votes excludes its accused (reason TIMEOUT). */
  void checkVotes() {
    if (!ctx.open()) {
      return;
    }
    List<VoteTally.Quorum> quorums =
        votes.quorums(ctx.current.sid, excluded, ctx.config.threshold());
    for (VoteTally.Quorum q : quorums) {
      exclude(q.accused(), Reason.TIMEOUT, q.session(), q.votes());
    }
    if (!quorums.isEmpty()) {
      restartIfNeeded();
    }
  }

  /**
   * Votes against every participant of {@code a} but this validator that is not in {@code have}.
   */
  void voteMissing(DkgAttempt a, Set<Identifier> have) {
    for (Identifier p : a.sid.participants()) {
      if (ctx.current != a || !ctx.open()) {
        break;
      }
      if (!p.equals(ctx.me) && !have.contains(p)) {
        vote(a, p);
      }
    }
  }

  /**
   * Our signed timeout vote against {@code accused}, saved before it leaves. R5: recorded in {@code
   * a.voted}, so we never sign this session's certificate.
   */
  void vote(DkgAttempt a, Identifier accused) {
    if (!a.voted.add(accused)) {
      return;
    }
    Bip340Signature sig =
        DkgSignatures.sign(
            DkgSignatures.voteDigest(a.sid, ctx.me, accused),
            ctx.config.identityKey(),
            ctx.random.secureRandom());
    TimeoutVote v = new TimeoutVote(a.sid, ctx.me, accused, sig);
    ctx.store.saveVote(v);
    gossip.add(v);
    ctx.broadcast(v);
    onVote(ctx.me, v);
  }
}
