package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.dkg.Dkg;
import dev.frostgate.crypto.frost.dkg.DkgAcceptance;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.frost.dkg.Round1Secret;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One validator's networked DKG: Pedersen DKG (crypto {@link Dkg} part 1/2/3) among the configured
 * validators, complaints with evidence, round-1 equivocation detection, exclusion and restart, the
 * transcript certificate and the test signature. Sans-I/O: {@link #start}, {@link #onMessage} and
 * {@link #onTick} return the messages to send and the events; time and randomness come from the
 * ports. The caller delivers only authenticated (sender, message) pairs and keeps round-2 messages
 * confidential.
 *
 * <p>Per session (participants P, threshold t):
 *
 * <ol>
 *   <li>round 1: broadcast the commitment and proof of knowledge, signed by the identity key over
 *       (session, author, package); an unsigned or badly signed package, or one with a wrong
 *       threshold or a bad proof, is dropped as misbehaviour (its author then times out);
 *   <li>round 2 (once every round-1 package is in): compute our view (the digest of every round-1
 *       package, ours included, {@link DkgSignatures#viewDigest}) and send each peer its share with
 *       the view, signed over the session, both parties, share·G, our commitment and the view;
 *   <li>part 3 (once every share is in): on an invalid share, broadcast a {@link Complaint} per
 *       culprit and apply it; else, only if every dealer's view equals ours, sign the certificate,
 *       and the first t participants (sorted) run the test signature: broadcast a nonce commitment,
 *       then a share once all t commitments are in; everyone aggregates and verifies;
 *   <li>with every participant's certificate signature and the test signature the DKG is complete.
 * </ol>
 *
 * <p>Views: a dealer's signed view that differs from ours (received with its share, or forwarded)
 * makes us never certify the session, and broadcast a {@link Round1Set}: every signed round-1
 * package we hold and the differing claims. Anyone that holds a different package from the same
 * author now has two signed packages, an {@link Equivocation} proof that excludes the author
 * (reason EQUIVOCATION). Honest participants with different views always dispute each other (round
 * 2 is all-to-all), so each one's set reaches the other and yields the proof. A dealer that signed
 * a view no honest participant holds (a lie, no equivocation behind it) cannot justify it: a set
 * that hashes to its view would contain a package signed by its author that differs from ours, that
 * is, a proof against someone. Each honest participant that learns of the claim (the set forwards
 * it) votes against the dealer {@code roundTimeout} later, so the liar is excluded by |P| − t + 1
 * votes (reason TIMEOUT); while a dispute is open we cast no certificate-phase votes, so the honest
 * participants that rightly abstain are not voted out. Safety (no honest certificate over differing
 * views) does not depend on timing; excluding the liar needs the claim to reach the honest
 * participants within {@code roundTimeout}.
 *
 * <p>Timeouts: a participant whose round-1 package has not arrived {@code roundTimeout} after this
 * validator entered the session, that has not answered a request for its round-2 share {@code
 * roundTimeout} after this validator saw the request (share requests, below), whose certificate
 * signature or test commitment/share (test signers only) has not arrived {@code roundTimeout} after
 * this validator signed its certificate (or after its last share request was answered), or whose
 * differing view is still unjustified {@code roundTimeout} after this validator learnt of it, gets
 * a signed {@link TimeoutVote} from this validator; a validator that voted before its certificate
 * never signs that session's certificate. |P| − t + 1 votes exclude the participant (t > n/2, so
 * that many honest votes exist). Exclusion proofs are applied until the DKG completes; a completed
 * validator gossips a {@link DkgMessage.Final} that validators which signed that certificate adopt
 * even after moving on (see the package documentation). Everything is retransmitted every {@code
 * retransmitInterval} until the DKG is complete, and accepted exclusion proofs are gossiped with
 * it, so the honest validators converge on one excluded set and one session.
 *
 * <p>Round-1 relay: round-1 packages are signed by their authors, so anyone may pass them on. From
 * half the round timeout on, a validator still missing packages broadcasts the signed set it holds
 * (once per retransmission interval); a peer that holds packages the set lacks answers with its own
 * set. An author that withholds its round-1 package from one validator therefore no longer gets
 * that validator voted out in its place.
 *
 * <p>Sealed shares (rules S1–S3 of the package documentation): every round-2 share is sealed to its
 * receiver's identity key ({@link DkgShares}) and signed by its dealer, so a round-2 message is
 * public: it may be broadcast, relayed and retransmitted, and no message ever holds another
 * participant's share in the clear. A receiver that cannot open its share, or opens one off the
 * dealer's commitment, complains by disclosing that one ciphertext's key with a proof; anyone then
 * checks the share and excludes the dealer, or the complainer if the share is right.
 *
 * <p>Share requests: a dealer could withhold its round-2 share from one honest validator (or send
 * it one that is not validly signed, which is dropped): that validator alone would vote, fewer than
 * |P| − t + 1, could not finish part 3, and would be voted out for the certificate signature it
 * cannot produce. So a missing share is not voted on directly. A validator that still lacks a
 * dealer's share {@code 3/4 roundTimeout} after it sent its own (or {@code roundTimeout/8} after a
 * peer's certificate signature came and verified against the certificate message that round 1
 * fixes: that peer had every share, so every honest dealer had sent its shares) broadcasts a {@link
 * ShareRequest} signed over (session, requester, dealer). Every participant that sees an authentic
 * request keeps it open and repeats it to all each retransmission interval until the dealer's
 * signed sealed share for the requester is seen, so a request kept from the dealer reaches it
 * anyway. The dealer answers any authentic request by broadcasting that same sealed share; whoever
 * holds it passes it to each participant that still asks. Nothing is revealed, however many honest
 * validators ask and whatever the network delays: the answer is a ciphertext only the requester
 * opens (safety does not depend on timing). A participant that saw the request unanswered {@code
 * roundTimeout} later votes against the dealer; one that has not certified yet (the requester,
 * above all) waits {@code roundTimeout/8} longer, because the vote costs it its certificate: an
 * answer that reached any honest participant in time has been passed to it by then. So a dealer
 * that withholds a share and ignores the request is excluded by |P| − t + 1 votes (reason TIMEOUT);
 * a dealer that answers with a sealed share that is wrong is excluded by the requester's complaint.
 * The starved validator is not excluded: no certificate-phase vote is cast against a participant
 * while a request of its own is open, and its certificate-phase deadline runs from the moment its
 * last request was answered. A malicious requester cannot get an honest dealer excluded (the dealer
 * hears the request from the others and always answers, also a request for a share already
 * received) and cannot hold back its own deadline for long: only requests seen before that deadline
 * count, and each is answered, or its dealer voted out, within about {@code roundTimeout}.
 *
 * <p>Remaining limits. Liveness needs messages between honest validators to arrive well within
 * {@code roundTimeout/8}, as every timeout here needs them within its own bound; a slower network
 * can get an honest validator excluded, never a share revealed. A requester that crashes before its
 * request is out, or after receiving its share but before certifying, asks again only once it is
 * back in round 2 and {@code roundTimeout/8} has passed since peers' certificate signatures came:
 * like any crashed validator, it is excluded if that takes longer than the others'
 * certificate-phase timeout (repeated crashes can add up to that).
 */
public final class DkgSession {
  private final DkgContext ctx;
  private final DkgConfig config;
  private final Clock clock;
  private final RandomSource random;
  private final Identifier me;
  private final Bip340KeyPair identity;
  private final DkgStore store;
  private final DkgOutbox outbox;
  private final Exclusions exclusions;
  private final Round1Exchange round1;
  private final ShareDelivery shares;
  private final EarlyMessages early = new EarlyMessages();
  private final Certification certification;

  private long lastRetransmit = Long.MIN_VALUE / 4;
  // What the store held when this session started (a restart), and whether it is being replayed.
  private DkgProgress resumed = DkgProgress.EMPTY;
  private boolean restoring;

  public DkgSession(DkgConfig config, Clock clock, RandomSource random) {
    this(config, clock, random, DkgStore.NONE);
  }

  /**
   * A session that saves its progress through {@code store} and, if the store holds progress of an
   * earlier process, resumes from it in {@link #start()} (see the package documentation).
   */
  public DkgSession(DkgConfig config, Clock clock, RandomSource random, DkgStore store) {
    this.ctx = new DkgContext(config, clock, random, store);
    this.config = ctx.config;
    this.clock = ctx.clock;
    this.random = ctx.random;
    this.me = ctx.me;
    this.identity = ctx.identity;
    this.store = ctx.store;
    this.outbox = ctx.outbox;
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
  }

  public Identifier id() {
    return me;
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
      DkgProgress saved = store.load();
      if (saved.isEmpty()) {
        enter(new SessionId(config.ceremony(), config.validators()));
      } else {
        resume(saved);
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
    if (!config.validators().contains(from)) {
      outbox.misbehaviour(from, "not a configured validator");
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
    long now = clock.now();
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
    if (now - lastRetransmit >= config.retransmitInterval()) {
      lastRetransmit = now;
      retransmit();
    }
    return flush();
  }

  // ---------------------------------------------------------------- sessions

  private void enter(SessionId sid) {
    if (ctx.current != null && ctx.current.cert.mySignature != null) {
      // We signed its certificate: it may still complete elsewhere (see onFinal).
      certification.retain(ctx.current);
      if (ctx.current.cert.nonces != null) {
        ctx.current.cert.nonces.discard();
        ctx.current.cert.nonces = null;
      }
    } else if (ctx.current != null) {
      ctx.current.destroySecrets();
    }
    DkgAttempt a = new DkgAttempt(sid, clock.now());
    ctx.current = a;
    outbox.event(new DkgEvent.SessionStarted(sid));
    round1(a); // fresh, or after a restart the package we already announced
    broadcast(a.round1.mine);
    // Messages that arrived early for this session.
    early.replayOnEnter(ctx, a, this::dispatch);
    // Votes already known for this session may form a quorum.
    exclusions.checkVotes();
  }

  private void fail(SessionId sid, String reason) {
    ctx.failed = true;
    if (ctx.current.cert.mySignature != null) {
      certification.retain(ctx.current);
    } else {
      ctx.current.destroySecrets();
    }
    outbox.event(new DkgEvent.Failed(sid, reason));
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
            outbox.misbehaviour(from, "not a participant of " + s);
            return;
          }
          onSessionMessage(from, m);
        } else if (s.ceremony().equals(ctx.current.sid.ceremony())
            && ctx.current.sid.participants().containsAll(s.participants())
            && config.validators().containsAll(s.participants())) {
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

  // ---------------------------------------------------------------- persistence

  /**
   * Our round 1 of {@code a.sid}: after a restart the package we already announced, with its
   * polynomial from the key store (never a second, different package: that is equivocation);
   * otherwise a fresh one, saved before it leaves. A session we had certified is restored as far as
   * the certificate (its output comes from the store, not from peers).
   */
  private void round1(DkgAttempt a) {
    Optional<DkgProgress.SessionProgress> saved = resumed.session(a.sid);
    a.resumed = saved;
    if (saved.isEmpty()) {
      Dkg.Part1 p1 =
          Dkg.part1(config.suite(), me, a.sid.size(), config.threshold(), random.secureRandom());
      store.saveRound1(a.sid, p1.broadcast(), p1.secret().polynomial());
      a.round1.secret = p1.secret();
      // Signed once: retransmissions repeat the same bytes.
      a.round1.mine =
          DkgSignatures.round1(a.sid, p1.broadcast(), config.identityKey(), random.secureRandom());
      return;
    }
    DkgProgress.SessionProgress p = saved.get();
    // The same package as before the crash, signed again (a new signature over the same package
    // proves no equivocation: only two different packages do).
    a.round1.mine =
        DkgSignatures.round1(a.sid, p.round1(), config.identityKey(), random.secureRandom());
    SecretPolynomial f =
        store
            .round1Polynomial(a.sid)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        store
                            + ": the round-1 polynomial of "
                            + a.sid
                            + " is missing; this validator announced a round-1 package there and"
                            + " cannot send another one"));
    if (!f.commit().equals(p.round1().commitment())
        || p.round1().commitment().threshold() != config.threshold()
        || !p.round1().sender().equals(me)) {
      f.destroy();
      throw new IllegalStateException(
          store + ": the stored round-1 polynomial of " + a.sid + " does not match its package");
    }
    a.round1.secret =
        new Round1Secret(
            config.suite(), me, f, p.round1().commitment(), config.threshold(), a.sid.size());
    if (p.certified().isPresent()) {
      // We had every peer's share when we certified, but a peer may not have ours (lost while we
      // were down): re-send the same shares f(j), signed over the view we certified with (stored;
      // recomputing it from packages received again could differ if an author equivocates).
      a.round1.view = p.certified().get().view();
      for (Identifier j : a.sid.participants()) {
        if (!j.equals(me)) {
          SecretScalar share = f.evaluate(j);
          a.shares.mine.put(j, shares.sealedShare(a, f.constant(), j, share));
          share.destroy();
        }
      }
      a.round1.secret.destroy();
      a.round1.secret = null;
      a.shares.sentAt = clock.now();
      a.cert.output = restoredOutput(p);
      certification.onPart3Done(a); // re-uses the stored signature, and never the lost test nonces
    }
    for (TimeoutVote v : resumed.votes()) {
      if (v.session().equals(a.sid)) {
        a.voted.add(v.accused());
      }
    }
  }

  private DkgOutput restoredOutput(DkgProgress.SessionProgress p) {
    DkgProgress.Certified c = p.certified().orElseThrow();
    KeyPackage k = store.keyPackage(p.session(), c.groupKey());
    if (!k.identifier().equals(me)
        || !k.verifyingKey().equals(c.groupKey())
        || k.minSigners() != config.threshold()
        || !k.verifyingShare().equals(c.rawPublicKeyPackage().verifyingShares().get(me))
        || !c.rawPublicKeyPackage()
            .verifyingShares()
            .keySet()
            .equals(new TreeSet<>(p.session().participants()))) {
      k.destroy();
      throw new IllegalStateException(
          store + ": the stored key package of " + p.session() + " does not match its record");
    }
    return new DkgOutput(k, c.rawPublicKeyPackage(), c.transcriptHash());
  }

  /** A certified session restored from the store, kept for a late {@link DkgMessage.Final}. */
  private DkgAttempt restoredAttempt(DkgProgress.SessionProgress p) {
    DkgAttempt a = new DkgAttempt(p.session(), clock.now());
    a.round1.mine =
        DkgSignatures.round1(p.session(), p.round1(), config.identityKey(), random.secureRandom());
    a.cert.output = restoredOutput(p);
    a.cert.mySignature = p.certified().orElseThrow().signature();
    a.cert.signatures.put(me, a.cert.mySignature);
    a.cert.signedAt = clock.now();
    a.cert.testSigners = a.sid.participants().subList(0, config.threshold());
    p.testCommitment().ifPresent(c -> a.cert.testCommits.put(me, c));
    return a;
  }

  /**
   * Rebuilds the state a crash lost from the saved progress: exclusions (each proof re-checked),
   * our votes, the sessions we certified; then re-enters the current session (or reports the stored
   * result, or the failure).
   */
  private void resume(DkgProgress saved) {
    resumed = saved;
    restoring = true;
    SessionId next;
    try {
      for (DkgEvent.Excluded x : saved.exclusions()) {
        Optional<String> problem =
            x.session().ceremony().equals(config.ceremony())
                ? DkgProofs.problem(x, config.identityKeys(), config.threshold(), config.suite())
                : Optional.of("another ceremony");
        if (problem.isPresent()) {
          throw new IllegalStateException(
              store
                  + ": stored exclusion of "
                  + x.accused()
                  + " in "
                  + x.session()
                  + ": "
                  + problem.get());
        }
        exclusions.restore(x);
      }
      for (TimeoutVote v : saved.votes()) {
        if (!v.voter().equals(me) || !DkgSignatures.voteIsAuthentic(v, config.identityKeys())) {
          throw new IllegalStateException(store + ": a stored vote is not this validator's");
        }
        exclusions.restoreVote(v);
      }
      if (saved.completion().isPresent()) {
        resumeCompleted(saved, saved.completion().get());
        return;
      }
      List<Identifier> rest = new ArrayList<>(config.validators());
      rest.removeAll(exclusions.excluded());
      next = new SessionId(config.ceremony(), rest);
      for (DkgProgress.SessionProgress p : saved.sessions()) {
        if (p.certified().isPresent() && !p.session().equals(next)) {
          certification.retain(restoredAttempt(p));
        }
      }
      if (exclusions.excluded().contains(me) || rest.size() < config.threshold()) {
        ctx.current = new DkgAttempt(next, clock.now());
        ctx.failed = true;
        outbox.event(
            new DkgEvent.Failed(
                next,
                exclusions.excluded().contains(me)
                    ? "this validator was excluded"
                    : "only " + rest.size() + " participants left"));
        return;
      }
    } finally {
      restoring = false;
    }
    enter(next);
  }

  private void resumeCompleted(DkgProgress saved, DkgProgress.Completion c) {
    DkgProgress.SessionProgress p =
        saved
            .session(c.session())
            .filter(s -> s.certified().isPresent())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        store + ": the completed session " + c.session() + " was not certified"));
    DkgAttempt a = restoredAttempt(p);
    if (!java.util.Arrays.equals(c.certificate().transcriptHash(), a.cert.output.transcriptHash())
        || !c.certificate().groupKey().equals(a.cert.output.rawKeyPackage().verifyingKey())) {
      throw new IllegalStateException(
          store + ": the stored certificate is not over the certified transcript");
    }
    try {
      DkgAcceptance.verify(
          a.cert.output.publicKeyPackage(), a.cert.output.transcriptHash(), c.testSignature());
    } catch (FrostException e) {
      throw new IllegalStateException(store + ": the stored test signature does not verify", e);
    }
    a.cert.signatures.putAll(c.certificate().signatures());
    a.cert.testSignature = c.testSignature();
    ctx.current = a;
    try {
      certification.complete(
          a, restoring); // verifies the certificate with every participant's identity key
    } catch (FrostException e) {
      throw new IllegalStateException(store + ": the stored certificate does not verify", e);
    }
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
      broadcastTo(config.validators(), m);
    }
    if (a.cert.mySignature != null) {
      broadcast(new CertificateSignature(a.sid, a.cert.mySignature));
    }
    SigningCommitments mine = a.cert.testCommits.get(me);
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
    outbox.broadcastTo(to, m);
  }

  private void send(Identifier to, DkgMessage m) {
    outbox.send(to, m);
  }

  private DkgStep flush() {
    return outbox.flush();
  }
}
