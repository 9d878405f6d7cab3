package dev.frostgate.node.engine.dkg;

import dev.frostgate.crypto.frost.Aggregator;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.Round1;
import dev.frostgate.crypto.frost.Round2;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.frost.dkg.Dkg;
import dev.frostgate.crypto.frost.dkg.DkgAcceptance;
import dev.frostgate.crypto.frost.dkg.DkgCertificate;
import dev.frostgate.crypto.frost.dkg.DkgException;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.frost.dkg.InvalidShareEvidence;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.frost.dkg.Round1Secret;
import dev.frostgate.crypto.frost.dkg.Round2Package;
import dev.frostgate.crypto.frost.dkg.Round2Secret;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.node.engine.Clock;
import dev.frostgate.node.engine.RandomSource;
import dev.frostgate.node.engine.dkg.DkgEvent.Reason;
import dev.frostgate.node.engine.dkg.DkgMessage.CertificateSignature;
import dev.frostgate.node.engine.dkg.DkgMessage.Complaint;
import dev.frostgate.node.engine.dkg.DkgMessage.Equivocation;
import dev.frostgate.node.engine.dkg.DkgMessage.Round1Set;
import dev.frostgate.node.engine.dkg.DkgMessage.TestCommit;
import dev.frostgate.node.engine.dkg.DkgMessage.TestShare;
import dev.frostgate.node.engine.dkg.DkgMessage.TimeoutVote;
import dev.frostgate.node.engine.dkg.DkgMessage.ViewClaim;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
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
 * validator entered the session, whose share has not arrived {@code roundTimeout} after this
 * validator sent its own shares, whose certificate signature or test commitment/share (test signers
 * only) has not arrived {@code roundTimeout} after this validator signed its certificate, or whose
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
 * <p>Liveness limit (not fixed here): a dealer that withholds its round-2 share from one honest
 * validator only (or sends it one that fails its checks without being provably wrong) gets that
 * validator's vote alone, fewer than |P| − t + 1; the starved validator cannot finish part 3, and
 * the others vote it out for the certificate signature it cannot produce. The fix is a public
 * reveal on request: the starved validator asks, the dealer must broadcast the signed share, and
 * every validator that saw the request unanswered votes the dealer out.
 */
public final class DkgSession {
  private final DkgConfig config;
  private final Clock clock;
  private final RandomSource random;
  private final Identifier me;

  private final TreeSet<Identifier> excluded = new TreeSet<>();
  private final Map<SessionId, Map<Identifier, Map<Identifier, TimeoutVote>>> votes =
      new LinkedHashMap<>();
  private final List<DkgMessage> gossip = new ArrayList<>();
  private final List<Pending> future = new ArrayList<>();
  private final Map<SessionId, Attempt> retained = new LinkedHashMap<>();
  private Attempt current;
  private DkgResult result;
  private DkgMessage.Final finalMessage;
  private boolean failed;
  private long lastRetransmit = Long.MIN_VALUE / 4;
  private final java.util.Set<String> seenProofs = new java.util.HashSet<>();
  private final DkgStore store;
  // What the store held when this session started (a restart), and whether it is being replayed.
  private DkgProgress resumed = DkgProgress.EMPTY;
  private boolean restoring;

  private final List<DkgStep.Outgoing> out = new ArrayList<>();
  private final List<DkgEvent> events = new ArrayList<>();

  private record Pending(Identifier from, DkgMessage message) {}

  private static final int MAX_FUTURE = 10_000;
  private static final int MAX_UNCHECKED = 1_000;

  public DkgSession(DkgConfig config, Clock clock, RandomSource random) {
    this(config, clock, random, DkgStore.NONE);
  }

  /**
   * A session that saves its progress through {@code store} and, if the store holds progress of an
   * earlier process, resumes from it in {@link #start()} (see the package documentation).
   */
  public DkgSession(DkgConfig config, Clock clock, RandomSource random, DkgStore store) {
    this.config = config;
    this.clock = clock;
    this.random = random;
    this.me = config.me();
    this.store = java.util.Objects.requireNonNull(store, "store");
  }

  public Identifier id() {
    return me;
  }

  public Optional<DkgResult> result() {
    return Optional.ofNullable(result);
  }

  public boolean isFailed() {
    return failed;
  }

  public SessionId session() {
    return current == null ? null : current.sid;
  }

  public java.util.SortedSet<Identifier> excluded() {
    return java.util.Collections.unmodifiableSortedSet(excluded);
  }

  /**
   * Enters the first session (every configured validator) and broadcasts round 1; or, if the store
   * holds progress, resumes from it: a completed DKG reports its stored result, else the current
   * session is re-entered with the same round-1 package.
   */
  public DkgStep start() {
    if (current == null) {
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
    if (current == null || result != null || (failed && !(m instanceof DkgMessage.Final))) {
      return flush();
    }
    if (!config.validators().contains(from)) {
      events.add(new DkgEvent.Misbehaviour(from, "not a configured validator"));
      return flush();
    }
    dispatch(from, m);
    return flush();
  }

  /** A clock tick: timeouts and retransmission. */
  public DkgStep onTick() {
    if (current == null || failed) {
      return flush();
    }
    long now = clock.now();
    Attempt a = current;
    if (result == null && a.output == null) {
      SortedMap<Identifier, ?> have = a.r2secret == null ? a.r1 : a.r2;
      long since = a.r2secret == null ? a.startedAt : a.round2At;
      if (a.r1secret != null
          && now - a.startedAt >= config.roundTimeout() / 2
          && now - a.askedAt >= config.retransmitInterval()) {
        // Round-1 packages are signed by their authors, so anyone may relay them: before voting
        // against an author whose package has not come, show the peers what we hold (a set that
        // lacks it) and let them fill the gap. An author that withholds its package from one
        // validator only then no longer gets that validator voted out instead of itself.
        a.askedAt = now;
        broadcast(ownSet(a));
      }
      if (now - since >= config.roundTimeout()) {
        voteMissing(a, have.keySet());
      }
    } else if (result == null
        && !a.abstained
        && a.disputes.isEmpty()
        && now - a.certAt >= config.roundTimeout()) {
      // Certificate phase: whoever withholds its certificate signature or test contribution.
      // Not while a view dispute is open: honest participants that saw it rightly abstain, and the
      // dispute ends the session anyway (a proof, or the votes below).
      java.util.Set<Identifier> have = new TreeSet<>(a.certSigs.keySet());
      java.util.Set<Identifier> test =
          a.testCommits.size() < config.threshold()
              ? a.testCommits.keySet()
              : a.testShares.keySet();
      for (Identifier p : a.testSigners) {
        if (!test.contains(p)) {
          have.remove(p);
        }
      }
      voteMissing(a, have);
    }
    // A dealer that signed a view other than ours and has not justified it (a justification is a
    // set of signed packages hashing to its view, which proves an equivocation and restarts us).
    for (var e : new ArrayList<>(a.disputedAt.entrySet())) {
      if (current != a || !open()) {
        break;
      }
      if (result == null && now - e.getValue() >= config.roundTimeout()) {
        vote(a, e.getKey());
      }
    }
    // Until the runtime stops this session (also after completion: peers may still miss our
    // certificate signature or test share).
    if (now - lastRetransmit >= config.retransmitInterval()) {
      lastRetransmit = now;
      retransmit();
    }
    return flush();
  }

  // ---------------------------------------------------------------- sessions

  private final class Attempt {
    final SessionId sid;
    final long startedAt;
    Round1Secret r1secret;
    DkgMessage.Round1 myR1;
    // Others' signed round-1 packages: the first valid one per author (direct or from a set).
    final SortedMap<Identifier, DkgMessage.Round1> r1 = new TreeMap<>();
    // Our view of round 1 (DkgSignatures.viewDigest), once every package is in.
    byte[] view;
    // View claims seen before our own view existed, checked once it does (bounded).
    final Map<String, ViewClaim> unchecked = new LinkedHashMap<>();
    // Dealers that signed a view other than ours (first such claim each), and since when we know.
    final SortedMap<Identifier, ViewClaim> disputes = new TreeMap<>();
    final SortedMap<Identifier, Long> disputedAt = new TreeMap<>();
    Round1Set mySet;
    // Round-1 relay: when we last asked for missing packages, and last answered each peer.
    long askedAt = Long.MIN_VALUE / 4;
    final Map<Identifier, Long> relayedAt = new java.util.HashMap<>();
    Round2Secret r2secret;
    long round2At;
    final SortedMap<Identifier, DkgMessage.Round2> myR2 = new TreeMap<>();
    final SortedMap<Identifier, DkgMessage.Round2> r2 = new TreeMap<>();
    DkgOutput output;
    byte[] myCertSig;
    final SortedMap<Identifier, byte[]> certSigs = new TreeMap<>();
    List<Identifier> testSigners;
    SigningNonces nonces;
    final SortedMap<Identifier, SigningCommitments> testCommits = new TreeMap<>();
    SignatureShare myShare;
    final SortedMap<Identifier, SignatureShare> testShares = new TreeMap<>();
    Signature testSignature;
    long certAt;
    boolean abstained;
    final TreeSet<Identifier> voted = new TreeSet<>();

    Attempt(SessionId sid, long now) {
      this.sid = sid;
      this.startedAt = now;
    }

    SortedMap<Identifier, Round1Package> packages() {
      SortedMap<Identifier, Round1Package> m = new TreeMap<>();
      r1.forEach((id, r) -> m.put(id, r.pkg()));
      return m;
    }

    void destroySecrets() {
      if (r1secret != null) {
        r1secret.destroy();
      }
      if (r2secret != null) {
        r2secret.destroy();
      }
      if (nonces != null) {
        nonces.discard();
      }
    }
  }

  private void enter(SessionId sid) {
    if (current != null && current.myCertSig != null) {
      // We signed its certificate: it may still complete elsewhere (see onFinal).
      retained.put(current.sid, current);
      if (current.nonces != null) {
        current.nonces.discard();
        current.nonces = null;
      }
    } else if (current != null) {
      current.destroySecrets();
    }
    Attempt a = new Attempt(sid, clock.now());
    current = a;
    events.add(new DkgEvent.SessionStarted(sid));
    round1(a); // fresh, or after a restart the package we already announced
    broadcast(a.myR1);
    // Messages that arrived early for this session.
    List<Pending> early = new ArrayList<>(future);
    future.clear();
    for (Pending p : early) {
      if (current != a) {
        future.add(p);
      } else if (p.message.session().equals(sid)) {
        dispatch(p.from, p.message);
      } else if (!sid.isAncestorOrSelfOf(p.message.session())) {
        // still ahead of us (or unrelated: dropped)
        if (p.message.session().ceremony().equals(sid.ceremony())
            && sid.participants().containsAll(p.message.session().participants())) {
          future.add(p);
        }
      }
    }
    // Votes already known for this session may form a quorum.
    checkVotes();
  }

  private void exclude(Identifier accused, Reason reason, SessionId where, List<DkgMessage> proof) {
    if (excluded.contains(accused)) {
      return;
    }
    excluded.add(accused);
    gossip.addAll(proof);
    DkgEvent.Excluded x = new DkgEvent.Excluded(where, accused, reason, proof);
    if (!restoring) {
      store.saveExclusion(x);
      events.add(x);
    }
  }

  /** After exclusions: move to the session without the excluded validators, or fail. */
  private void restartIfNeeded() {
    if (failed || result != null) {
      return;
    }
    List<Identifier> rest = new ArrayList<>(config.validators());
    rest.removeAll(excluded);
    if (rest.equals(current.sid.participants())) {
      return;
    }
    SessionId next = new SessionId(config.ceremony(), rest);
    if (excluded.contains(me)) {
      fail(next, "this validator was excluded");
    } else if (rest.size() < config.threshold()) {
      fail(next, "only " + rest.size() + " participants left, threshold " + config.threshold());
    } else {
      // Re-announce the proofs so peers converge even if the originals were lost.
      for (DkgMessage m : gossip) {
        broadcastTo(rest, m);
      }
      enter(next);
    }
  }

  private void fail(SessionId sid, String reason) {
    failed = true;
    if (current.myCertSig != null) {
      retained.put(current.sid, current);
    } else {
      current.destroySecrets();
    }
    events.add(new DkgEvent.Failed(sid, reason));
  }

  /** Whether exclusion proofs are still applied (until the DKG completes or fails). */
  private boolean open() {
    return !failed && result == null;
  }

  // ---------------------------------------------------------------- dispatch

  private void dispatch(Identifier from, DkgMessage m) {
    switch (m) {
      case Complaint c -> onComplaint(from, c);
      case Equivocation e -> onEquivocation(from, e);
      case TimeoutVote v -> onVote(from, v);
      case DkgMessage.Final f -> onFinal(f);
      default -> {
        SessionId s = m.session();
        if (s.equals(current.sid)) {
          if (!s.participants().contains(from)) {
            events.add(new DkgEvent.Misbehaviour(from, "not a participant of " + s));
            return;
          }
          onSessionMessage(from, m);
        } else if (s.ceremony().equals(current.sid.ceremony())
            && current.sid.participants().containsAll(s.participants())
            && config.validators().containsAll(s.participants())) {
          if (future.size() < MAX_FUTURE) {
            future.add(new Pending(from, m));
          }
        }
        // else: stale (an earlier session) or unrelated, dropped
      }
    }
  }

  private void onSessionMessage(Identifier from, DkgMessage m) {
    Attempt a = current;
    switch (m) {
      case DkgMessage.Round1 r -> {
        if (from.equals(me)) {
          return;
        }
        if (!r.author().equals(from)) {
          // Forwarded packages travel in a Round1Set; a Round1 is its sender's own.
          events.add(new DkgEvent.Misbehaviour(from, "round-1 package of another author"));
          return;
        }
        acceptRound1(a, from, r);
        if (current != a) {
          return;
        }
      }
      case DkgMessage.Round2 r -> {
        if (a.r2.containsKey(from) || from.equals(me)) {
          return;
        }
        Round2Package p = r.pkg();
        if (!p.sender().equals(from) || !p.receiver().equals(me)) {
          events.add(new DkgEvent.Misbehaviour(from, "misaddressed round-2 package"));
          return;
        }
        DkgMessage.Round1 c = a.r1.get(from);
        if (c == null) {
          // Its round-1 package will come (retransmission); ask again then.
          return;
        }
        ViewClaim claim = ViewClaim.of(r, c.pkg().commitment());
        if (!DkgSignatures.claimIsAuthentic(a.sid, claim, config.identityKeys())) {
          events.add(new DkgEvent.Misbehaviour(from, "round-2 share not signed by its dealer"));
          return;
        }
        a.r2.put(from, r);
        noteClaim(a, claim);
      }
      case Round1Set set -> {
        if (set.packages().size() > a.sid.size() || set.claims().size() > a.sid.size()) {
          events.add(new DkgEvent.Misbehaviour(from, "oversized round-1 set"));
          return;
        }
        // A set that lacks a package we hold: relay ours (at most once per retransmission
        // interval and peer; the asker repeats its set while it still lacks packages).
        java.util.Set<Identifier> theirs = new TreeSet<>();
        set.packages().forEach(r -> theirs.add(r.author()));
        java.util.Set<Identifier> ours = new TreeSet<>(a.r1.keySet());
        ours.add(me);
        long now = clock.now();
        if (!theirs.containsAll(ours)
            && now - a.relayedAt.getOrDefault(from, Long.MIN_VALUE / 4)
                >= config.retransmitInterval()) {
          a.relayedAt.put(from, now);
          send(from, ownSet(a));
        }
        for (DkgMessage.Round1 r : set.packages()) {
          acceptRound1(a, from, r);
          if (current != a) {
            return; // it proved an equivocation: we restarted
          }
        }
        for (ViewClaim claim : set.claims()) {
          if (DkgSignatures.claimIsAuthentic(a.sid, claim, config.identityKeys())) {
            noteClaim(a, claim);
          } else {
            events.add(new DkgEvent.Misbehaviour(from, "view claim not signed by its dealer"));
          }
        }
      }
      case CertificateSignature c -> {
        if (!a.certSigs.containsKey(from)) {
          if (a.output == null) {
            if (future.size() < MAX_FUTURE) {
              future.add(new Pending(from, m)); // checked once our transcript exists
            }
            return;
          }
          byte[] msg =
              DkgCertificate.message(
                  a.output.transcriptHash(), a.output.rawKeyPackage().verifyingKey());
          if (DkgSignatures.verify(c.signature(), msg, config.identityKeys().get(from))) {
            a.certSigs.put(from, c.signature());
          } else {
            events.add(
                new DkgEvent.Misbehaviour(from, "certificate signature over another transcript"));
          }
        }
      }
      case TestCommit c -> {
        if (a.testSigners == null) {
          if (future.size() < MAX_FUTURE) {
            future.add(new Pending(from, m));
          }
          return;
        }
        if (a.testSigners.contains(from)
            && c.commitments().identifier().equals(from)
            && !a.testCommits.containsKey(from)) {
          a.testCommits.put(from, c.commitments());
        }
      }
      case TestShare s -> {
        if (a.testSigners == null) {
          if (future.size() < MAX_FUTURE) {
            future.add(new Pending(from, m));
          }
          return;
        }
        if (a.testSigners.contains(from)
            && s.share().identifier().equals(from)
            && !a.testShares.containsKey(from)) {
          a.testShares.put(from, s.share());
        }
      }
      default -> {}
    }
    advance();
  }

  /**
   * A round-1 package delivered by {@code source} (its author, or a participant forwarding it in a
   * set). The first validly signed and valid package per author counts; a second, different one
   * signed by the same author proves an equivocation.
   */
  private void acceptRound1(Attempt a, Identifier source, DkgMessage.Round1 r) {
    Identifier author = r.author();
    if (author.equals(me)) {
      return; // we know our own package; a different one would need our key
    }
    DkgMessage.Round1 held = a.r1.get(author);
    if (held != null && DkgSignatures.samePackage(held.pkg(), r.pkg())) {
      return; // a retransmission
    }
    if (!DkgSignatures.round1IsAuthentic(r, config.identityKeys())) {
      events.add(new DkgEvent.Misbehaviour(source, "round-1 package not signed by its author"));
      return;
    }
    if (held != null) {
      Equivocation e = new Equivocation(a.sid, held, r);
      broadcast(e);
      onEquivocation(me, e);
      return;
    }
    Round1Package p = r.pkg();
    if (p.commitment().threshold() != config.threshold()
        || !p.proof().verify(config.suite(), author, p.commitment().constant())) {
      events.add(new DkgEvent.Misbehaviour(source, "invalid round-1 package"));
      return;
    }
    a.r1.put(author, r);
  }

  /**
   * A dealer's signed view (from its round-2 message to us, or forwarded). A view other than ours
   * means the participants do not hold the same round-1 packages, or the dealer lies about its
   * view: either way we never certify this session. We broadcast our signed packages and the claim
   * ({@link Round1Set}): whoever holds another package from the same author now has a proof of
   * equivocation, and every participant learns that the dealer must justify its view. An honest
   * dealer does (it disputes us too and sends its set, which hashes to its view and so holds a
   * package that differs from ours: a proof); a dealer that cannot gets our timeout vote ({@link
   * #onTick}).
   */
  private void noteClaim(Attempt a, ViewClaim claim) {
    Identifier dealer = claim.dealer();
    if (dealer.equals(me) || a.disputes.containsKey(dealer)) {
      return;
    }
    if (a.view == null) {
      if (a.unchecked.size() < MAX_UNCHECKED) {
        a.unchecked.putIfAbsent(
            dealer + "/" + java.util.HexFormat.of().formatHex(claim.view()), claim);
      }
      return;
    }
    if (Arrays.equals(claim.view(), a.view)) {
      return;
    }
    a.disputes.put(dealer, claim);
    a.disputedAt.put(dealer, clock.now());
    a.mySet = new Round1Set(a.sid, signedPackages(a), List.copyOf(a.disputes.values()));
    broadcast(a.mySet);
  }

  private void onEquivocation(Identifier from, Equivocation e) {
    if (!open() || !e.session().isAncestorOrSelfOf(current.sid)) {
      return;
    }
    String key =
        java.util.HexFormat.of().formatHex(e.first().signature())
            + java.util.HexFormat.of().formatHex(e.second().signature());
    if (seenProofs.contains(key)) {
      return;
    }
    Optional<Identifier> author = DkgSignatures.equivocator(e, config.identityKeys());
    if (author.isEmpty()) {
      events.add(new DkgEvent.Misbehaviour(from, "unauthentic equivocation proof"));
      return;
    }
    seenProofs.add(key);
    exclude(author.get(), Reason.EQUIVOCATION, e.session(), List.of(e));
    restartIfNeeded();
  }

  private void onComplaint(Identifier from, Complaint c) {
    String key = java.util.HexFormat.of().formatHex(c.accuserSignature());
    if (!open() || !c.session().isAncestorOrSelfOf(current.sid) || seenProofs.contains(key)) {
      return;
    }
    Optional<Identifier> culprit = DkgSignatures.culprit(c, config.identityKeys());
    if (culprit.isEmpty()) {
      events.add(new DkgEvent.Misbehaviour(from, "unauthentic complaint"));
      return;
    }
    // Only an authentic proof marks its signature as seen: otherwise anyone could pair a genuine
    // signature with altered content, get it here first, and make us ignore the real proof.
    seenProofs.add(key);
    Identifier x = culprit.get();
    exclude(
        x,
        x.equals(c.evidence().accused()) ? Reason.INVALID_SHARE : Reason.FALSE_COMPLAINT,
        c.session(),
        List.of(c));
    restartIfNeeded();
  }

  private void onVote(Identifier from, TimeoutVote v) {
    String key = java.util.HexFormat.of().formatHex(v.signature());
    if (!open() || !v.session().isAncestorOrSelfOf(current.sid) || seenProofs.contains(key)) {
      return;
    }
    if (!DkgSignatures.voteIsAuthentic(v, config.identityKeys())) {
      events.add(new DkgEvent.Misbehaviour(from, "unauthentic timeout vote"));
      return;
    }
    seenProofs.add(key); // after the check, as for complaints
    votes
        .computeIfAbsent(v.session(), k -> new LinkedHashMap<>())
        .computeIfAbsent(v.accused(), k -> new TreeMap<>())
        .putIfAbsent(v.voter(), v);
    checkVotes();
  }

  private void checkVotes() {
    if (!open()) {
      return;
    }
    boolean any = false;
    for (var s : votes.entrySet()) {
      if (!s.getKey().isAncestorOrSelfOf(current.sid)) {
        continue;
      }
      for (var e : s.getValue().entrySet()) {
        if (!excluded.contains(e.getKey())
            && e.getValue().size() >= s.getKey().voteQuorum(config.threshold())) {
          exclude(
              e.getKey(),
              Reason.TIMEOUT,
              s.getKey(),
              new ArrayList<DkgMessage>(e.getValue().values()));
          any = true;
        }
      }
    }
    if (any) {
      restartIfNeeded();
    }
  }

  private void voteMissing(Attempt a, java.util.Set<Identifier> have) {
    for (Identifier p : a.sid.participants()) {
      if (current != a || !open()) {
        break;
      }
      if (!p.equals(me) && !have.contains(p)) {
        vote(a, p);
      }
    }
  }

  private void onFinal(DkgMessage.Final f) {
    Attempt a = f.session().equals(current.sid) ? current : retained.get(f.session());
    if (a == null || a.output == null || a.myCertSig == null || result != null) {
      return;
    }
    DkgCertificate cert = f.certificate();
    if (!java.util.Arrays.equals(cert.transcriptHash(), a.output.transcriptHash())
        || !cert.groupKey().equals(a.output.rawKeyPackage().verifyingKey())) {
      return;
    }
    try {
      cert.verify(participantKeys(a.sid));
      DkgAcceptance.verify(
          a.output.publicKeyPackage(), a.output.transcriptHash(), f.testSignature());
    } catch (FrostException e) {
      return;
    }
    current = a;
    failed = false;
    a.certSigs.putAll(cert.signatures());
    a.testSignature = f.testSignature();
    complete(a);
  }

  private Map<Identifier, byte[]> participantKeys(SessionId sid) {
    Map<Identifier, byte[]> keys = new TreeMap<>();
    for (Identifier p : sid.participants()) {
      keys.put(p, config.identityKeys().get(p));
    }
    return keys;
  }

  private void vote(Attempt a, Identifier accused) {
    if (!a.voted.add(accused)) {
      return;
    }
    byte[] sig =
        DkgSignatures.sign(
            DkgSignatures.voteDigest(a.sid, me, accused),
            config.identityKey(),
            random.secureRandom());
    TimeoutVote v = new TimeoutVote(a.sid, me, accused, sig);
    store.saveVote(v);
    gossip.add(v);
    broadcast(v);
    onVote(me, v);
  }

  // ---------------------------------------------------------------- progress

  private void advance() {
    Attempt a = current;
    int others = a.sid.size() - 1;
    if (a.r1secret != null && a.r1.size() == others) {
      SortedMap<Identifier, Round1Package> received = a.packages();
      SortedMap<Identifier, Round1Package> all = new TreeMap<>(received);
      all.put(me, a.myR1.pkg());
      a.view = DkgSignatures.viewDigest(a.sid, all);
      Dkg.Part2 p2 = Dkg.part2(a.r1secret, received);
      a.r1secret = null;
      a.r2secret = p2.secret();
      a.round2At = clock.now();
      for (var e : p2.outgoing().entrySet()) {
        Round2Package p = e.getValue();
        byte[] sig =
            DkgSignatures.sign(
                DkgSignatures.shareDigest(
                    a.sid,
                    me,
                    e.getKey(),
                    p.share().publicPoint(),
                    a.myR1.pkg().commitment(),
                    a.view),
                config.identityKey(),
                random.secureRandom());
        DkgMessage.Round2 m = new DkgMessage.Round2(a.sid, p, a.view, sig);
        a.myR2.put(e.getKey(), m);
        send(e.getKey(), m);
      }
      // Claims that arrived before we had a view.
      List<ViewClaim> early = new ArrayList<>(a.unchecked.values());
      a.unchecked.clear();
      early.forEach(c -> noteClaim(a, c));
    }
    if (a.r2secret != null && a.output == null && a.r2.size() == others) {
      Map<Identifier, Round2Package> in = new TreeMap<>();
      a.r2.forEach((id, m) -> in.put(id, m.pkg()));
      try {
        a.output = Dkg.part3(a.r2secret, a.packages(), in);
      } catch (DkgException e) {
        if (e.evidence().isEmpty()) {
          throw e;
        }
        for (InvalidShareEvidence ev : e.evidence()) {
          DkgMessage.Round2 bad = a.r2.get(ev.accused());
          Complaint c =
              DkgSignatures.complaint(
                  a.sid,
                  ev,
                  bad.view(),
                  bad.dealerSignature(),
                  config.identityKey(),
                  random.secureRandom());
          broadcast(c);
          onComplaint(me, c);
        }
        return;
      }
      onPart3Done(a);
    }
    if (a.output == null || a.abstained || current != a) {
      return;
    }
    if (a.testSigners.contains(me)
        && a.myShare == null
        && a.nonces != null
        && a.testCommits.size() == config.threshold()) {
      SigningPackage pkg = testPackage(a);
      a.myShare = Round2.sign(pkg, a.nonces, a.output.keyPackage());
      a.nonces = null;
      a.testShares.put(me, a.myShare);
      broadcast(new TestShare(a.sid, a.myShare));
    }
    if (a.testSignature == null && a.testShares.size() == config.threshold()) {
      try {
        Signature sig =
            Aggregator.aggregate(
                testPackage(a), a.testShares.values(), a.output.publicKeyPackage());
        DkgAcceptance.verify(a.output.publicKeyPackage(), a.output.transcriptHash(), sig);
        a.testSignature = sig;
      } catch (FrostException e) {
        for (Identifier c : e.culprits()) {
          events.add(new DkgEvent.Misbehaviour(c, "invalid test signature share"));
        }
        return;
      }
    }
    if (a.testSignature != null && a.certSigs.size() == a.sid.size()) {
      complete(a);
    }
  }

  private SigningPackage testPackage(Attempt a) {
    return SigningPackage.of(
        a.testCommits.values(), DkgAcceptance.testMessage(a.output.transcriptHash()));
  }

  private void onPart3Done(Attempt a) {
    a.r2secret = null;
    // Every dealer's signed view must be ours: then every honest participant holds the same
    // round-1 packages (an honest dealer signs its true view), and we never certify otherwise.
    // (noteClaim already saw each view; checked here again because safety rests on it.)
    boolean sameViews =
        a.disputes.isEmpty()
            && a.r2.values().stream().allMatch(r -> Arrays.equals(r.view(), a.view));
    if (!a.voted.isEmpty() || !sameViews) {
      // We voted to exclude someone from this session (so a session that an exclusion quorum
      // abandons cannot complete anywhere), or the views differ: never certify it.
      a.abstained = true;
      return;
    }
    a.certAt = clock.now();
    byte[] sig = certificateSignature(a);
    if (sig == null) {
      a.abstained = true;
      return;
    }
    a.myCertSig = sig;
    a.certSigs.put(me, sig);
    broadcast(new CertificateSignature(a.sid, sig));
    a.testSigners = a.sid.participants().subList(0, config.threshold());
    if (a.testSigners.contains(me) && !resumeTestCommitment(a)) {
      KeyPackage k = a.output.keyPackage();
      a.nonces = Round1.commit(k, random.secureRandom());
      store.saveTestCommitment(a.sid, a.nonces.commitments());
      a.testCommits.put(me, a.nonces.commitments());
      broadcast(new TestCommit(a.sid, a.nonces.commitments()));
    }
    // Certificate signatures and test messages that arrived before our transcript.
    List<Pending> early = new ArrayList<>(future);
    future.clear();
    List<Pending> now = new ArrayList<>();
    for (Pending p : early) {
      (p.message.session().equals(a.sid) ? now : future).add(p);
    }
    for (Pending p : now) {
      onSessionMessage(p.from, p.message);
    }
  }

  private void complete(Attempt a) {
    DkgCertificate cert =
        new DkgCertificate(
            a.output.transcriptHash(), a.output.rawKeyPackage().verifyingKey(), a.certSigs);
    cert.verify(participantKeys(a.sid));
    ThresholdXpub xpub =
        ThresholdXpub.of(
            a.output.rawKeyPackage().verifyingKey(),
            DkgOutput.chainCode(a.output.transcriptHash()),
            config.network());
    result =
        new DkgResult(
            a.sid,
            a.output.rawKeyPackage(),
            a.output.rawPublicKeyPackage(),
            a.output.transcriptHash(),
            cert,
            a.testSignature,
            xpub);
    if (!restoring) {
      store.saveResult(result);
    }
    finalMessage = new DkgMessage.Final(a.sid, cert, a.testSignature);
    events.add(new DkgEvent.Completed(result));
    // Peers may still miss our contributions: one last round of them.
    retransmit();
  }

  /** Every signed round-1 package we hold, ours included, by author. */
  private static List<DkgMessage.Round1> signedPackages(Attempt a) {
    List<DkgMessage.Round1> mine = new ArrayList<>(a.r1.values());
    mine.add(a.myR1);
    mine.sort((x, y) -> x.author().compareTo(y.author()));
    return mine;
  }

  /** The round-1 set that asks for, or relays, packages (no view claims). */
  private static Round1Set ownSet(Attempt a) {
    return new Round1Set(a.sid, signedPackages(a), List.of());
  }

  // ---------------------------------------------------------------- persistence

  /**
   * Our round 1 of {@code a.sid}: after a restart the package we already announced, with its
   * polynomial from the key store (never a second, different package: that is equivocation);
   * otherwise a fresh one, saved before it leaves. A session we had certified is restored as far as
   * the certificate (its output comes from the store, not from peers).
   */
  private void round1(Attempt a) {
    Optional<DkgProgress.SessionProgress> saved = resumed.session(a.sid);
    if (saved.isEmpty()) {
      Dkg.Part1 p1 =
          Dkg.part1(config.suite(), me, a.sid.size(), config.threshold(), random.secureRandom());
      store.saveRound1(a.sid, p1.broadcast(), p1.secret().polynomial());
      a.r1secret = p1.secret();
      // Signed once: retransmissions repeat the same bytes.
      a.myR1 =
          DkgSignatures.round1(a.sid, p1.broadcast(), config.identityKey(), random.secureRandom());
      return;
    }
    DkgProgress.SessionProgress p = saved.get();
    // The same package as before the crash, signed again (a new signature over the same package
    // proves no equivocation: only two different packages do).
    a.myR1 = DkgSignatures.round1(a.sid, p.round1(), config.identityKey(), random.secureRandom());
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
    a.r1secret =
        new Round1Secret(
            config.suite(), me, f, p.round1().commitment(), config.threshold(), a.sid.size());
    if (p.certified().isPresent()) {
      // We had every peer's share when we certified, but a peer may not have ours (lost while we
      // were down): re-send the same shares f(j), signed over the view we certified with (stored;
      // recomputing it from packages received again could differ if an author equivocates).
      a.view = p.certified().get().view();
      for (Identifier j : a.sid.participants()) {
        if (!j.equals(me)) {
          Round2Package share = new Round2Package(me, j, f.evaluate(j));
          byte[] sig =
              DkgSignatures.sign(
                  DkgSignatures.shareDigest(
                      a.sid, me, j, share.share().publicPoint(), a.myR1.pkg().commitment(), a.view),
                  config.identityKey(),
                  random.secureRandom());
          a.myR2.put(j, new DkgMessage.Round2(a.sid, share, a.view, sig));
        }
      }
      a.r1secret.destroy();
      a.r1secret = null;
      a.round2At = clock.now();
      a.output = restoredOutput(p);
      onPart3Done(a); // re-uses the stored signature, and never the lost test nonces
    }
    for (TimeoutVote v : resumed.votes()) {
      if (v.session().equals(a.sid)) {
        a.voted.add(v.accused());
      }
    }
  }

  /** Our certificate signature: the stored one after a restart, else a new one, saved first. */
  private byte[] certificateSignature(Attempt a) {
    Optional<DkgProgress.Certified> saved =
        resumed.session(a.sid).flatMap(DkgProgress.SessionProgress::certified);
    if (saved.isPresent()) {
      if (java.util.Arrays.equals(saved.get().transcriptHash(), a.output.transcriptHash())
          && saved.get().groupKey().equals(a.output.rawKeyPackage().verifyingKey())) {
        return saved.get().signature();
      }
      // Never certify a session twice, differently.
      events.add(new DkgEvent.Misbehaviour(me, "transcript differs from the one certified"));
      return null;
    }
    byte[] sig =
        DkgCertificate.sign(
            a.output.transcriptHash(),
            a.output.rawKeyPackage().verifyingKey(),
            config.identityKey(),
            aux());
    store.saveCertified(a.sid, a.output, a.view, sig);
    return sig;
  }

  /**
   * Whether we announced a test commitment in {@code a.sid} before a restart. Its nonces died with
   * that process, so it is never honoured: we re-announce it (peers keep the first commitment
   * anyway) but never sign with it; the session completes through another validator's {@link
   * DkgMessage.Final} if our share had gone out, else the certificate phase times us out.
   */
  private boolean resumeTestCommitment(Attempt a) {
    Optional<SigningCommitments> old =
        resumed.session(a.sid).flatMap(DkgProgress.SessionProgress::testCommitment);
    old.ifPresent(c -> a.testCommits.put(me, c));
    return old.isPresent();
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
  private Attempt restoredAttempt(DkgProgress.SessionProgress p) {
    Attempt a = new Attempt(p.session(), clock.now());
    a.myR1 =
        DkgSignatures.round1(p.session(), p.round1(), config.identityKey(), random.secureRandom());
    a.output = restoredOutput(p);
    a.myCertSig = p.certified().orElseThrow().signature();
    a.certSigs.put(me, a.myCertSig);
    a.certAt = clock.now();
    a.testSigners = a.sid.participants().subList(0, config.threshold());
    p.testCommitment().ifPresent(c -> a.testCommits.put(me, c));
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
                ? DkgProofs.problem(x, config.identityKeys(), config.threshold())
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
        for (DkgMessage m : x.proof()) {
          remember(m);
        }
        exclude(x.accused(), x.reason(), x.session(), x.proof());
      }
      for (TimeoutVote v : saved.votes()) {
        if (!v.voter().equals(me) || !DkgSignatures.voteIsAuthentic(v, config.identityKeys())) {
          throw new IllegalStateException(store + ": a stored vote is not this validator's");
        }
        if (remember(v)) {
          gossip.add(v);
        }
      }
      if (saved.completion().isPresent()) {
        resumeCompleted(saved, saved.completion().get());
        return;
      }
      List<Identifier> rest = new ArrayList<>(config.validators());
      rest.removeAll(excluded);
      next = new SessionId(config.ceremony(), rest);
      for (DkgProgress.SessionProgress p : saved.sessions()) {
        if (p.certified().isPresent() && !p.session().equals(next)) {
          retained.put(p.session(), restoredAttempt(p));
        }
      }
      if (excluded.contains(me) || rest.size() < config.threshold()) {
        current = new Attempt(next, clock.now());
        failed = true;
        events.add(
            new DkgEvent.Failed(
                next,
                excluded.contains(me)
                    ? "this validator was excluded"
                    : "only " + rest.size() + " participants left"));
        return;
      }
    } finally {
      restoring = false;
    }
    enter(next);
  }

  /** Records a stored proof message as seen; true if it was new. */
  private boolean remember(DkgMessage m) {
    if (m instanceof TimeoutVote v) {
      votes
          .computeIfAbsent(v.session(), k -> new LinkedHashMap<>())
          .computeIfAbsent(v.accused(), k -> new TreeMap<>())
          .putIfAbsent(v.voter(), v);
      return seenProofs.add(java.util.HexFormat.of().formatHex(v.signature()));
    }
    if (m instanceof Complaint c) {
      return seenProofs.add(java.util.HexFormat.of().formatHex(c.accuserSignature()));
    }
    return true;
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
    Attempt a = restoredAttempt(p);
    if (!java.util.Arrays.equals(c.certificate().transcriptHash(), a.output.transcriptHash())
        || !c.certificate().groupKey().equals(a.output.rawKeyPackage().verifyingKey())) {
      throw new IllegalStateException(
          store + ": the stored certificate is not over the certified transcript");
    }
    try {
      DkgAcceptance.verify(
          a.output.publicKeyPackage(), a.output.transcriptHash(), c.testSignature());
    } catch (FrostException e) {
      throw new IllegalStateException(store + ": the stored test signature does not verify", e);
    }
    a.certSigs.putAll(c.certificate().signatures());
    a.testSignature = c.testSignature();
    current = a;
    try {
      complete(a); // verifies the certificate with every participant's identity key
    } catch (FrostException e) {
      throw new IllegalStateException(store + ": the stored certificate does not verify", e);
    }
  }

  // ---------------------------------------------------------------- output

  private void retransmit() {
    Attempt a = current;
    if (finalMessage != null) {
      broadcast(finalMessage);
    }
    broadcast(a.myR1);
    a.myR2.forEach(this::send);
    if (a.mySet != null) {
      broadcast(a.mySet);
    }
    for (DkgMessage m : gossip) {
      // To every configured validator: one excluded while it was down (a crash) or deaf (loss)
      // learns it from these proofs and stops, instead of waiting in its old session forever.
      broadcastTo(config.validators(), m);
    }
    if (a.myCertSig != null) {
      broadcast(new CertificateSignature(a.sid, a.myCertSig));
    }
    SigningCommitments mine = a.testCommits.get(me);
    if (mine != null) {
      broadcast(new TestCommit(a.sid, mine));
    }
    if (a.myShare != null) {
      broadcast(new TestShare(a.sid, a.myShare));
    }
  }

  private byte[] aux() {
    byte[] b = new byte[32];
    random.secureRandom().nextBytes(b);
    return b;
  }

  private void broadcast(DkgMessage m) {
    broadcastTo(current.sid.participants(), m);
  }

  private void broadcastTo(List<Identifier> to, DkgMessage m) {
    for (Identifier p : to) {
      if (!p.equals(me)) {
        out.add(new DkgStep.Outgoing(p, m));
      }
    }
  }

  private void send(Identifier to, DkgMessage m) {
    out.add(new DkgStep.Outgoing(to, m));
  }

  private DkgStep flush() {
    DkgStep s = new DkgStep(out, events);
    out.clear();
    events.clear();
    return s;
  }
}
