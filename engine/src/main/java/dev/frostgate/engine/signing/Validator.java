package dev.frostgate.engine.signing;

import dev.frostgate.bitcoin.spend.SignedSpend;
import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.SpendException;
import dev.frostgate.bitcoin.spend.SpendFinalizer;
import dev.frostgate.bitcoin.spend.SpendSigner;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.frost.BatchSigning;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.crypto.frost.SigningPackage;
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
import dev.frostgate.engine.NodeConfig;
import dev.frostgate.engine.Output;
import dev.frostgate.engine.PackageDigest;
import dev.frostgate.engine.Policy;
import dev.frostgate.engine.Ports;
import dev.frostgate.engine.RandomSource;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.engine.Verdict;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.spendlock.SpendVerdict;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.TxIn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
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
 * <p>Safety rules, in the order they are applied:
 *
 * <ul>
 *   <li>a proposal is considered only from the leader of its attempt (else misbehaviour);
 *   <li>the signer rebuilds the spend from its own view of the request and runs the {@link Policy};
 *   <li>a commitment is sent only if the durable spend locks allow the spend (read-only check);
 *   <li>a share is computed only for packages whose messages are exactly the approved sighashes,
 *       with nonces that live in this incarnation's memory, after one durable commit has both
 *       applied the spend-lock rule (writing the locks of every input) and written the journal row
 *       (session, message hashes, commitment, and the {@link PackageDigest} of the whole signing
 *       package: every co-signer's commitment, the messages, the input keys, the ciphersuite); the
 *       nonces are consumed by that one share. A commitment has no signing power, so a lock only
 *       needs to be durable before the first share that uses it leaves: conflicting spends are
 *       decided in that commit, once;
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
public final class Validator {
  private final NodeConfig config;
  private final Ports ports;
  private final Identifier me;
  private final LeaderSchedule schedule;
  private final Map<RequestId, SignerState> signers = new TreeMap<>();
  private final Map<RequestId, Map<Integer, RoastCoordinator>> coordinators = new TreeMap<>();
  private final Set<RequestId> done = new HashSet<>();

  private final StepOutput step;
  private final CoordinatorContext context;

  // Per step.
  private final List<StagedShare> staged = new ArrayList<>();

  public Validator(NodeConfig config, Ports ports) {
    this.config = config;
    this.ports = ports;
    this.me = config.me();
    this.schedule = new LeaderSchedule(config.group().validators(), config.leaderTimeout());
    this.step = new StepOutput(me, config.group().validators());
    this.context = new Context();
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
    commitStaged();
    return step.flush();
  }

  /** A clock tick: start coordinators whose turn it is, retransmit, drop stale state. */
  public Output onTick() {
    long now = ports.clock().now();
    for (SpendRequest r : ports.requests().visible(now)) {
      RequestId id = r.id();
      if (isDone(id)) {
        signers.remove(id);
        coordinators.remove(id);
        continue;
      }
      if (now > r.expiresAt()) {
        continue;
      }
      int attempt = schedule.attemptAt(r.createdAt(), now);
      Map<Integer, RoastCoordinator> mine = coordinators.computeIfAbsent(id, k -> new TreeMap<>());
      mine.keySet().removeIf(a -> a < attempt - 1);
      SignerState s = signers.get(id);
      if (s != null) {
        s.dropBefore(attempt - 1);
      }
      if (schedule.leader(id, attempt).equals(me) && !mine.containsKey(attempt)) {
        mine.put(attempt, RoastCoordinator.start(r, attempt, config.group(), this::facts, context));
      }
      for (RoastCoordinator c : mine.values()) {
        c.retransmit(now);
      }
    }
    drainSelf();
    commitStaged();
    return step.flush();
  }

  // ---------------------------------------------------------------- dispatch

  private void handle(Identifier from, Message m) {
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
      case Proposal p -> onProposal(from, p);
      case SignRequest sr -> onSignRequest(from, sr);
      case Commit c -> coordinator(c.request(), c.attempt()).ifPresent(k -> k.onCommit(from, c));
      case Share sh -> coordinator(sh.request(), sh.attempt()).ifPresent(k -> k.onShare(from, sh));
      case Refuse rf -> coordinator(rf.request(), rf.attempt()).ifPresent(k -> k.onRefuse(from));
      case Signed sg -> onSigned(from, sg);
    }
    drainSelf();
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

  // ---------------------------------------------------------------- signer

  /** What a signer keeps per request, in memory only. */
  private final class SignerState {
    final SpendRequest request;
    final Map<Integer, Approval> approvals = new TreeMap<>();

    /** Outstanding nonces, keyed by the commitment of input 0. */
    final Map<SigningCommitments, Pending> nonces = new HashMap<>();

    /**
     * Every commitment (of input 0) this incarnation has staged a share for, with the package it
     * answered and, once made, the share: a duplicate of the identical package gets the same share
     * bytes again, any other package naming it a refusal. Never signed with twice.
     */
    final Map<SigningCommitments, Answer> answered = new HashMap<>();

    List<KeyPackage> inputKeys;

    SignerState(SpendRequest request) {
      this.request = request;
    }

    void dropBefore(int attempt) {
      approvals.keySet().removeIf(a -> a < attempt);
      Iterator<Pending> it = nonces.values().iterator();
      while (it.hasNext()) {
        Pending p = it.next();
        if (p.attempt < attempt) {
          p.nonces.forEach(SigningNonces::discard);
          it.remove();
        }
      }
      answered.values().removeIf(a -> a.attempt() < attempt);
    }
  }

  private record Approval(Proposal proposal, UnsignedSpend spend, Identifier leader) {}

  private record Pending(int attempt, List<SigningNonces> nonces) {}

  /** What a commitment answered: the package (by digest) and the share, empty until made. */
  private record Answer(int attempt, long session, byte[] packageDigest, Optional<Share> share) {
    boolean sameRequest(SignRequest sr, byte[] digest) {
      return attempt == sr.attempt()
          && session == sr.session()
          && Arrays.equals(packageDigest, digest);
    }
  }

  private void onProposal(Identifier from, Proposal p) {
    long now = ports.clock().now();
    Optional<SpendRequest> req = ports.requests().find(p.request());
    if (req.isPresent()
        && !schedule.mayLead(from, p.request(), p.attempt(), req.get().createdAt(), now)) {
      step.emit(
          new Misbehaviour(
              from,
              Misbehaviour.Kind.NOT_LEADER,
              "proposal for " + p.request() + " attempt " + p.attempt()));
      return;
    }
    SignerState s =
        req.isPresent()
            ? signers.computeIfAbsent(p.request(), k -> new SignerState(req.get()))
            : null;
    if (s != null) {
      Approval earlier = s.approvals.get(p.attempt());
      if (earlier != null) {
        if (!earlier.proposal().sameAs(p)) {
          step.emit(
              new Misbehaviour(
                  from, Misbehaviour.Kind.EQUIVOCATION, "two proposals for " + p.request()));
          return;
        }
        // A retransmission: the leader lacks our commitment; resend one that is still unused.
        for (var e : s.nonces.entrySet()) {
          if (e.getValue().attempt() == p.attempt()) {
            step.send(from, commitOf(p.request(), p.attempt(), e.getValue().nonces()));
            return;
          }
        }
        return;
      }
    }
    Verdict v = Policy.evaluate(req, p, facts());
    if (v instanceof Verdict.Reject r) {
      step.emit(new EngineEvent.Refused(p.request(), from, r));
      if (r.reason().blamesProposer()) {
        step.emit(new Misbehaviour(from, Misbehaviour.Kind.BAD_PROPOSAL, r.reason().name()));
      }
      step.send(from, new Refuse(p.request(), p.attempt(), r.reason()));
      return;
    }
    UnsignedSpend spend = ((Verdict.Approve) v).spend();
    // Read-only: do not commit to what the durable locks would refuse at share time. Every
    // rejection of the spend-lock rule is the policy's CONFLICTING_SPEND on the wire.
    if (ports.journal().checkSpend(spend, p.request()) instanceof SpendVerdict.Reject locked) {
      Verdict.Reject r = new Verdict.Reject(Verdict.Reason.CONFLICTING_SPEND, locked.describe());
      step.emit(new EngineEvent.Refused(p.request(), from, r));
      step.send(from, new Refuse(p.request(), p.attempt(), r.reason()));
      return;
    }
    s.approvals.put(p.attempt(), new Approval(p, spend, from));
    if (s.inputKeys == null) {
      s.inputKeys =
          SpendSigner.inputKeyPackages(spend.inputKeys(), config.rawKey(), config.group().xpub());
    }
    step.send(from, freshCommit(s, p.request(), p.attempt(), spend.inputs().size()));
  }

  private Commit freshCommit(SignerState s, RequestId r, int attempt, int count) {
    List<SigningNonces> n =
        BatchSigning.commit(config.rawKey(), count, ports.random().secureRandom());
    s.nonces.put(n.get(0).commitments(), new Pending(attempt, n));
    Commit c = commitOf(r, attempt, n);
    step.emit(new EngineEvent.CommitmentIssued(r, attempt, c.commitments()));
    return c;
  }

  private static Commit commitOf(RequestId r, int attempt, List<SigningNonces> n) {
    return new Commit(r, attempt, n.stream().map(SigningNonces::commitments).toList());
  }

  private void onSignRequest(Identifier from, SignRequest sr) {
    SignerState s = signers.get(sr.request());
    if (s == null) {
      return; // never approved (or approved before a restart): nothing to sign with
    }
    Approval a = s.approvals.get(sr.attempt());
    if (a == null) {
      return;
    }
    if (!a.leader().equals(from)) {
      step.emit(new Misbehaviour(from, Misbehaviour.Kind.NOT_LEADER, "sign request"));
      return;
    }
    List<byte[]> approved = a.proposal().messages();
    if (sr.packages().size() != approved.size()) {
      step.emit(new Misbehaviour(from, Misbehaviour.Kind.BAD_MESSAGE, "package count"));
      return;
    }
    Optional<SigningCommitments> mine = sr.packages().get(0).commitment(me);
    if (mine.isEmpty()) {
      return;
    }
    byte[] digest;
    try {
      digest = PackageDigest.of(sr.packages(), s.inputKeys);
    } catch (RuntimeException e) {
      step.emit(new Misbehaviour(from, Misbehaviour.Kind.BAD_MESSAGE, "unencodable package"));
      return;
    }
    Answer earlier = s.answered.get(mine.get());
    if (earlier != null) {
      if (earlier.sameRequest(sr, digest)) {
        // A duplicate of the identical package: the same share bytes again, never signed again.
        earlier.share().ifPresent(share -> step.send(from, share));
      } else {
        // The commitment already answered another package (another co-signer set, other
        // commitments, another session): a second share would reveal the signing share.
        refuseRequest(
            from,
            sr,
            Misbehaviour.Kind.EQUIVOCATION,
            "a second signing package for a commitment already used");
      }
      return;
    }
    Pending pending = s.nonces.get(mine.get());
    if (pending == null || pending.attempt() != sr.attempt()) {
      return; // not ours in this incarnation (e.g. from before a restart): never honoured
    }
    for (int i = 0; i < approved.size(); i++) {
      SigningPackage pkg = sr.packages().get(i);
      Optional<SigningCommitments> c = pkg.commitment(me);
      if (!Arrays.equals(pkg.message(), approved.get(i))
          || c.isEmpty()
          || !c.get().equals(pending.nonces().get(i).commitments())
          || pkg.commitments().size() < config.group().threshold()) {
        s.nonces.remove(mine.get());
        pending.nonces().forEach(SigningNonces::discard);
        refuseRequest(
            from, sr, Misbehaviour.Kind.BAD_MESSAGE, "signing package " + i + " not as approved");
        return;
      }
    }
    List<SigningCommitments> used =
        pending.nonces().stream().map(SigningNonces::commitments).toList();
    s.nonces.remove(mine.get());
    s.answered.put(mine.get(), new Answer(sr.attempt(), sr.session(), digest, Optional.empty()));
    // Journal first, then sign, then send: the share is staged here and made at the end of this
    // step (commitStaged), once its row (with the package digest) and spend locks are durable.
    staged.add(
        new StagedShare(
            from,
            sr,
            s,
            pending,
            mine.get(),
            new Journal.PendingShare(
                new Journal.ShareRow(
                    sr.request(),
                    sr.attempt(),
                    sr.session(),
                    a.spend().txid(),
                    // What the share signs, from the packages themselves (checked equal to the
                    // approved sighashes above): the row and the event never restate the approval.
                    sr.packages().stream().map(SigningPackage::message).toList(),
                    used,
                    digest),
                a.spend())));
  }

  /** A sign request this signer will not answer with a share: blamed and refused, typed. */
  private void refuseRequest(
      Identifier leader, SignRequest sr, Misbehaviour.Kind kind, String detail) {
    step.emit(new Misbehaviour(leader, kind, detail));
    Verdict.Reject r = new Verdict.Reject(Verdict.Reason.SIGNING_PACKAGE_MISMATCH, detail);
    step.emit(new EngineEvent.Refused(sr.request(), leader, r));
    step.send(leader, new Refuse(sr.request(), sr.attempt(), r.reason()));
  }

  /** A share whose journal row is not written yet: nothing of it has been computed or sent. */
  private record StagedShare(
      Identifier leader,
      SignRequest request,
      SignerState signer,
      Pending pending,
      SigningCommitments key,
      Journal.PendingShare record) {}

  /**
   * Records every share staged in this step with one journal call (group commit: one synced SQLite
   * transaction, however many sign requests the step handled), then signs and sends the recorded
   * ones. A share the journal refuses (a conflicting spend recorded before it) is never signed.
   * Handling our own messages can stage more, hence the loop.
   */
  private void commitStaged() {
    while (!staged.isEmpty()) {
      List<StagedShare> batch = new ArrayList<>(staged);
      staged.clear();
      List<Optional<Journal.Refusal>> refused;
      try {
        refused = ports.journal().recordShares(batch.stream().map(StagedShare::record).toList());
      } catch (RuntimeException e) {
        batch.forEach(b -> b.pending().nonces().forEach(SigningNonces::discard));
        throw e;
      }
      for (int i = 0; i < batch.size(); i++) {
        if (refused.get(i).isPresent()) {
          refuse(batch.get(i), refused.get(i).get());
        } else {
          signAndSend(batch.get(i));
        }
      }
      drainSelf();
    }
  }

  private void refuse(StagedShare b, Journal.Refusal refusal) {
    // A conflicting spend got its lock first (its share was sent), or the commitment is used or
    // void: never sign this one.
    b.pending().nonces().forEach(SigningNonces::discard);
    SignRequest sr = b.request();
    Verdict.Reason reason =
        refusal.kind() == Journal.Refusal.Kind.CONFLICTING_SPEND
            ? Verdict.Reason.CONFLICTING_SPEND
            : Verdict.Reason.COMMITMENT_UNAVAILABLE;
    Verdict.Reject r = new Verdict.Reject(reason, refusal.detail());
    step.emit(new EngineEvent.Refused(sr.request(), b.leader(), r));
    step.send(b.leader(), new Refuse(sr.request(), sr.attempt(), r.reason()));
  }

  private void signAndSend(StagedShare b) {
    SignRequest sr = b.request();
    SignerState s = b.signer();
    List<SignatureShare> shares;
    try {
      shares = BatchSigning.signEach(sr.packages(), b.pending().nonces(), s.inputKeys);
    } catch (FrostException e) {
      step.emit(new Misbehaviour(b.leader(), Misbehaviour.Kind.BAD_MESSAGE, e.getMessage()));
      return;
    }
    UnsignedSpend spend = b.record().spend();
    Commit next = freshCommit(s, sr.request(), sr.attempt(), sr.packages().size());
    Share share = new Share(sr.request(), sr.attempt(), sr.session(), shares, next.commitments());
    Journal.ShareRow row = b.record().row();
    s.answered.put(
        b.key(), new Answer(sr.attempt(), sr.session(), row.packageDigest(), Optional.of(share)));
    step.emit(
        new EngineEvent.ShareSent(
            sr.request(),
            sr.attempt(),
            sr.session(),
            spend.txid(),
            inputsOf(spend),
            row.messageHashes(),
            row.commitments(),
            shares));
    step.send(b.leader(), share);
  }

  private void onSigned(Identifier from, Signed sg) {
    if (isDone(sg.request())) {
      return;
    }
    Optional<SpendRequest> req = ports.requests().find(sg.request());
    if (req.isEmpty()) {
      return;
    }
    UnsignedSpend spend;
    SignerState s = signers.get(sg.request());
    if (s != null && !s.approvals.isEmpty()) {
      // Every attempt's approval rebuilt the same spend from the same request: reuse it.
      spend = s.approvals.values().iterator().next().spend();
    } else {
      try {
        spend = SpendBuilder.build(req.get().recipe(), config.group().xpub());
      } catch (SpendException e) {
        return;
      }
    }
    SignedSpend signed;
    try {
      signed = SpendFinalizer.attach(spend, sg.signatures());
    } catch (SpendException e) {
      step.emit(new Misbehaviour(from, Misbehaviour.Kind.BAD_MESSAGE, "signatures do not verify"));
      return;
    }
    complete(req.get().id(), sg.attempt(), spend, signed, sg.signatures());
  }

  private void complete(
      RequestId id, int attempt, UnsignedSpend spend, SignedSpend signed, List<byte[]> sigs) {
    ports.journal().recordSigned(id, spend.txid(), sigs);
    done.add(id);
    SignerState s = signers.get(id);
    if (s != null) {
      s.nonces.values().forEach(p -> p.nonces().forEach(SigningNonces::discard));
      s.nonces.clear();
    }
    coordinators.remove(id);
    step.emit(new EngineEvent.RequestSigned(id, spend.txid(), signed.bytes(), inputsOf(spend)));
  }

  private static List<OutPoint> inputsOf(UnsignedSpend spend) {
    List<OutPoint> l = new ArrayList<>();
    for (TxIn in : spend.tx().txIn) {
      l.add(in.outPoint);
    }
    return l;
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
        RequestId id, int attempt, UnsignedSpend spend, SignedSpend signed, List<byte[]> sigs) {
      Validator.this.complete(id, attempt, spend, signed, sigs);
    }
  }
}
