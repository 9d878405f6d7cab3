package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.Dkg;
import dev.frostgate.crypto.frost.dkg.DkgException;
import dev.frostgate.crypto.frost.dkg.Round2Package;
import dev.frostgate.crypto.seal.SealException;
import dev.frostgate.engine.dkg.DkgAttempt.OpenRequest;
import dev.frostgate.engine.dkg.DkgAttempt.Pair;
import dev.frostgate.engine.dkg.DkgMessage.Complaint;
import dev.frostgate.engine.dkg.DkgMessage.ShareRequest;
import dev.frostgate.engine.dkg.DkgMessage.ViewClaim;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * Round 2 and part 3 of a session: dealing our shares sealed to each receiver, opening the ones
 * sealed to us, complaining about a dealer whose share does not open or does not match its
 * commitment, and the public share requests that get a withheld share delivered or its dealer voted
 * out. Enforces S1 (every share is sealed to its receiver), S2 (a request is answered with the same
 * sealed share, which anyone may pass on), S3 (sealing is deterministic in the share, so a restart
 * re-sends the same ciphertexts) and R8 (share requests, and no certificate-phase vote against a
 * requester whose request is open).
 */
final class ShareDelivery {
  private final DkgContext ctx;
  private final DkgConfig config;
  private final Exclusions exclusions;
  private final Round1Exchange round1;

  ShareDelivery(DkgContext ctx, Exclusions exclusions, Round1Exchange round1) {
    this.ctx = ctx;
    this.config = ctx.config;
    this.exclusions = exclusions;
    this.round1 = round1;
  }

  /**
   * Part 2, once every round-1 package is in: our share for each other participant, sealed to it
   * (S1) and signed with our view, sent and kept for retransmissions and requests.
   */
  void deal(DkgAttempt a) {
    // Sealing keys come from the polynomial's constant term, which part 2 wipes.
    SecretScalar constant = a.round1.secret.polynomial().constant().copy();
    Dkg.Part2 p2;
    try {
      p2 = Dkg.part2(a.round1.secret, a.packages());
    } catch (RuntimeException e) {
      constant.destroy();
      throw e;
    }
    a.round1.secret = null;
    a.shares.secret = p2.secret();
    a.shares.sentAt = ctx.clock.now();
    for (var e : p2.outgoing().entrySet()) {
      Round2Package p = e.getValue();
      DkgMessage.Round2 m = sealedShare(a, constant, e.getKey(), p.share());
      p.share().destroy();
      a.shares.mine.put(e.getKey(), m);
      ctx.outbox.send(e.getKey(), m);
    }
    constant.destroy();
  }

  /**
   * Our round-2 message for {@code receiver}: f(receiver) sealed to its identity key and signed
   * with our view. S3: deterministic in the sealed share (the same after a restart).
   */
  DkgMessage.Round2 sealedShare(
      DkgAttempt a, SecretScalar constant, Identifier receiver, SecretScalar share) {
    VssCommitment mine = a.round1.mine.pkg().commitment();
    return DkgSignatures.round2(
        a.sid,
        ctx.me,
        receiver,
        DkgShares.seal(
            config.suite(),
            a.sid,
            ctx.me,
            mine,
            constant,
            receiver,
            config.identityKeys().get(receiver),
            share),
        mine,
        a.round1.view,
        config.identityKey(),
        ctx.random.secureRandom());
  }

  /** R8: requests for our shares that came before we could answer (a restart, a slow round 1). */
  void answerEarlyRequests(DkgAttempt a) {
    for (Pair k : new ArrayList<>(a.shares.requests.keySet())) {
      resend(a, k);
    }
  }

  /**
   * Part 3, once every share sealed to us is in: our output, or a complaint per culprit (S4).
   * Whether the output now exists.
   */
  boolean part3(DkgAttempt a) {
    int others = a.sid.size() - 1;
    if (a.shares.secret == null || a.cert.output != null || a.shares.received.size() != others) {
      return false;
    }
    if (a.shares.opened.size() < others) {
      return false; // a share that did not open: its complaint restarts the session
    }
    Map<Identifier, Round2Package> in = new TreeMap<>();
    a.shares.opened.forEach((id, share) -> in.put(id, new Round2Package(id, ctx.me, share)));
    try {
      a.cert.output = Dkg.part3(a.shares.secret, a.packages(), in);
    } catch (DkgException e) {
      if (e.culprits().isEmpty()) {
        throw e;
      }
      for (Identifier culprit : e.culprits()) {
        if (ctx.current == a) {
          complain(a, a.shares.received.get(culprit));
        }
      }
      return false;
    }
    a.destroyReceivedShares();
    a.shares.secret = null;
    return true;
  }

  /**
   * How much later than a certified validator one that has not certified votes on an unanswered
   * request, and how long after a peer's certificate signature a share may still be in flight.
   */
  private long patience() {
    return config.roundTimeout() / 8;
  }

  /**
   * R8: in round 2, asks in public for every share still missing (a missing share is asked for
   * rather than voted on, so its dealer must answer where everyone sees it). Due {@code 3/4
   * roundTimeout} after we sent our own shares (later than the round-1 relay at 1/2, so an honest
   * dealer that waited for relayed round-1 packages has sent its shares by then), or sooner, {@link
   * #patience()} after a peer's certificate signature came (that peer had every share, so every
   * honest dealer had sent ours): the request must reach the others well before their
   * certificate-phase vote against us (roundTimeout after they certified, which was after our
   * shares reached them), also when a restart made us late.
   */
  void requestMissingShares(DkgAttempt a, long now) {
    long due =
        Math.min(
            a.shares.sentAt + config.roundTimeout() * 3 / 4,
            Math.max(a.shares.sentAt, a.shares.peerCertifiedAt) + patience());
    if (now < due) {
      return;
    }
    for (Identifier d : a.sid.participants()) {
      Pair k = new Pair(ctx.me, d);
      if (d.equals(ctx.me)
          || a.shares.received.containsKey(d)
          || a.shares.requests.containsKey(k)) {
        continue;
      }
      ShareRequest r =
          DkgSignatures.shareRequest(
              a.sid, ctx.me, d, config.identityKey(), ctx.random.secureRandom());
      a.shares.requests.put(k, new OpenRequest(r, now, true));
      ctx.broadcast(r);
    }
  }

  /**
   * R8: whether our certificate-phase vote against {@code p} is due: roundTimeout after we
   * certified, or after one of its requests we saw in time was answered, if later; and not while
   * such a request is open (it cannot certify without that share; the request ends with the sealed
   * share or with the dealer voted out).
   */
  boolean certificateDue(DkgAttempt a, Identifier p, long now) {
    for (var e : a.shares.requests.entrySet()) {
      if (e.getKey().requester().equals(p) && e.getValue().shields()) {
        return false;
      }
    }
    long from = Math.max(a.cert.signedAt, a.shares.answeredFor.getOrDefault(p, a.cert.signedAt));
    return now - from >= config.roundTimeout();
  }

  /**
   * R8: a dealer that has not answered a share request in public gets our vote. A vote costs a
   * validator that has not certified yet (the requester, above all) its certificate of this session
   * (R5), so such a validator waits a little longer: an answer that reached any honest participant
   * in time has been passed on to everyone that still asks ({@link #onShareRequest}) within that
   * margin, so a dealer cannot get one honest validator alone to vote, and abstain, by answering
   * late or selectively.
   */
  void voteOnUnansweredRequests(DkgAttempt a, long now) {
    for (var e : new ArrayList<>(a.shares.requests.entrySet())) {
      if (ctx.current != a || !ctx.open() || ctx.result != null) {
        break;
      }
      Identifier dealer = e.getKey().dealer();
      long wait = config.roundTimeout() + (a.cert.mySignature == null ? patience() : 0);
      if (!dealer.equals(ctx.me) && now - e.getValue().seenAt() >= wait) {
        exclusions.vote(a, dealer);
      }
    }
  }

  /**
   * R8: a share request (from its requester, or passed on by anyone). Whoever holds the dealer's
   * signed sealed share for the requester passes it to the asker (the requester after a restart, or
   * a participant the dealer kept it from); the dealer broadcasts it again; everyone else keeps the
   * request open, repeats it to all and, if the sealed share does not come, votes against the
   * dealer ({@link #voteOnUnansweredRequests}). S2: nothing is revealed, the answer is the same
   * ciphertext, which only the requester can open.
   */
  void onShareRequest(DkgAttempt a, Identifier from, ShareRequest r) {
    Pair k = new Pair(r.requester(), r.dealer());
    DkgMessage.Round2 held = a.shares.resends.get(k);
    if (held != null) {
      // Encrypted to the requester: passing it on again costs nothing (at most once per interval
      // and asker).
      long now = ctx.clock.now();
      String key = from + "/" + k;
      if (!from.equals(ctx.me)
          && now - a.shares.answeredAt.getOrDefault(key, Long.MIN_VALUE / 4)
              >= config.retransmitInterval()) {
        a.shares.answeredAt.put(key, now);
        ctx.outbox.send(from, held);
      }
      return;
    }
    if (a.shares.requests.containsKey(k)) {
      return; // a repetition: it stays open until answered
    }
    if (!DkgSignatures.requestIsAuthentic(r, config.identityKeys())) {
      ctx.outbox.misbehaviour(from, "share request not signed by its requester");
      return;
    }
    if (r.requester().equals(ctx.me) && a.shares.received.containsKey(r.dealer())) {
      return; // our own request from before a restart, for a share we have again
    }
    long now = ctx.clock.now();
    // R8: only a request seen before our certificate-phase vote against its requester was due
    // holds that vote back.
    boolean shields =
        a.cert.mySignature == null
            || now
                    - Math.max(
                        a.cert.signedAt,
                        a.shares.answeredFor.getOrDefault(r.requester(), a.cert.signedAt))
                < config.roundTimeout();
    a.shares.requests.put(k, new OpenRequest(r, now, shields));
    if (!r.dealer().equals(ctx.me) && !from.equals(r.dealer())) {
      // Straight on to the dealer (its requester may have kept it from it); the retransmission
      // repeats it to everyone.
      ctx.outbox.send(r.dealer(), r);
    }
    resend(a, k);
  }

  /**
   * S2: as the dealer of request {@code k}, broadcast our signed sealed share for its requester
   * again, if we have dealt it (else once we have, see {@link #answerEarlyRequests}), so that
   * everyone sees the request answered and can pass the share on. Any authentic request is
   * answered, also one for a share the requester already has. The share stays sealed to the
   * requester: broadcasting it reveals nothing to anyone else, however many requests come.
   */
  private void resend(DkgAttempt a, Pair k) {
    if (!k.dealer().equals(ctx.me) || a.shares.resends.containsKey(k)) {
      return;
    }
    DkgMessage.Round2 mine = a.shares.mine.get(k.requester());
    if (mine == null) {
      return; // not in round 2 yet (a restart, or round-1 packages still coming)
    }
    a.shares.resends.put(k, mine);
    answered(a, k);
    ctx.broadcast(mine);
  }

  /** Request {@code k} has its sealed share: it no longer holds back any vote. */
  private void answered(DkgAttempt a, Pair k) {
    OpenRequest o = a.shares.requests.remove(k);
    if (o != null && o.shields()) {
      // Its requester can certify now: its certificate-phase deadline starts again.
      a.shares.answeredFor.merge(k.requester(), ctx.clock.now(), Math::max);
    }
  }

  /**
   * A sealed round-2 share, from its dealer or passed on by anyone. Only one signed by its dealer
   * (over the commitment we hold for it, and its view) counts. One for another participant answers
   * that participant's request and is passed on to it (S2). One for us is opened with our identity
   * key: one that does not open to a scalar is sealed garbage, which our {@link Complaint} proves
   * (S4, disclosing only that ciphertext's key); a share that opens but does not match the dealer's
   * commitment is found in part 3 and complained about the same way. Its view goes to R3.
   */
  void onRound2(DkgAttempt a, Identifier from, DkgMessage.Round2 r) {
    if (r.dealer().equals(ctx.me)) {
      return; // our own, passed back
    }
    DkgMessage.Round1 dealerR1 = a.round1.received.get(r.dealer());
    if (dealerR1 == null) {
      return; // checked once its round-1 package is here (retransmission brings it again)
    }
    VssCommitment c = dealerR1.pkg().commitment();
    ViewClaim claim = ViewClaim.of(r, c);
    Pair k = new Pair(r.receiver(), r.dealer());
    if (!r.receiver().equals(ctx.me)) {
      if (a.shares.resends.containsKey(k)) {
        return;
      }
      if (!DkgSignatures.claimIsAuthentic(a.sid, claim, config.identityKeys())) {
        ctx.outbox.misbehaviour(from, "sealed share not signed by its dealer");
        return;
      }
      a.shares.resends.put(k, r);
      answered(a, k);
      passOn(a, from, r);
      return;
    }
    if (a.shares.received.containsKey(r.dealer())) {
      return;
    }
    if (!DkgSignatures.claimIsAuthentic(a.sid, claim, config.identityKeys())) {
      ctx.outbox.misbehaviour(from, "round-2 share not signed by its dealer");
      return;
    }
    a.shares.received.put(r.dealer(), r);
    answered(a, k);
    round1.noteClaim(a, claim);
    if (ctx.current != a) {
      return;
    }
    try {
      a.shares.opened.put(r.dealer(), DkgShares.open(config.suite(), r, c, ctx.identity));
    } catch (SealException e) {
      ctx.outbox.misbehaviour(r.dealer(), "sealed a share that does not open");
      complain(a, r);
    }
  }

  /** S4: complains about the dealer of {@code bad}, a share sealed to us that its dealer signed. */
  private void complain(DkgAttempt a, DkgMessage.Round2 bad) {
    Complaint complaint =
        DkgSignatures.complaint(
            config.suite(),
            bad,
            a.round1.received.get(bad.dealer()).pkg().commitment(),
            ctx.identity,
            config.identityKey(),
            ctx.random.secureRandom());
    ctx.broadcast(complaint);
    exclusions.onComplaint(ctx.me, complaint);
  }

  /** S2: passes a sealed share once to its receiver (the dealer may have kept it from it). */
  private void passOn(DkgAttempt a, Identifier from, DkgMessage.Round2 r) {
    if (!from.equals(r.receiver()) && a.shares.relayed.add(r.dealerSignature().toString())) {
      ctx.outbox.send(r.receiver(), r);
    }
  }

  /**
   * R8: a peer's certificate signature verified against our certificate message (so a peer cannot
   * trigger our share requests with garbage): that peer had every share when it certified, so every
   * honest dealer has sent us ours, and a share still missing a little later is withheld.
   */
  void peerCertified(DkgAttempt a) {
    a.shares.peerCertifiedAt = Math.min(a.shares.peerCertifiedAt, ctx.clock.now());
  }
}
