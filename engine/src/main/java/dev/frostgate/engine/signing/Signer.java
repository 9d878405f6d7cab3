package dev.frostgate.engine.signing;

import dev.frostgate.bitcoin.spend.SignedSpend;
import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.SpendException;
import dev.frostgate.bitcoin.spend.SpendFinalizer;
import dev.frostgate.bitcoin.spend.SpendSigner;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.frost.BatchSigning;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.EngineEvent.Misbehaviour;
import dev.frostgate.engine.Journal;
import dev.frostgate.engine.LeaderSchedule;
import dev.frostgate.engine.Message.Commit;
import dev.frostgate.engine.Message.Proposal;
import dev.frostgate.engine.Message.Refuse;
import dev.frostgate.engine.Message.Share;
import dev.frostgate.engine.Message.SignRequest;
import dev.frostgate.engine.Message.Signed;
import dev.frostgate.engine.PackageDigest;
import dev.frostgate.engine.Policy;
import dev.frostgate.engine.PolicyVerdict;
import dev.frostgate.engine.Ports;
import dev.frostgate.engine.SigningConfig;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.spendlock.SpendVerdict;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.TxIn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The signer side of one validator: it approves proposals, issues commitments and answers sign
 * requests with shares, per request and in memory only (a crash forgets everything but the {@link
 * Journal}).
 *
 * <p>Rules: a proposal counts only from the leader of its attempt; the signer rebuilds the spend
 * and runs the {@link Policy} itself; it commits only to what the durable spend locks allow; it
 * signs only packages whose messages are exactly the approved sighashes, with nonces of this
 * incarnation, after the journal has durably recorded the share's row and locks (staged, then
 * {@link #commitStaged}); a commitment answers one package, once.
 */
final class Signer {
  private final SigningConfig config;
  private final Ports ports;
  private final Identifier me;
  private final LeaderSchedule schedule;
  private final StepOutput step;
  private final Supplier<Policy.Facts> facts;
  private final Map<RequestId, SignerState> signers = new TreeMap<>();

  // Per step.
  private final List<StagedShare> staged = new ArrayList<>();

  Signer(
      SigningConfig config,
      Ports ports,
      LeaderSchedule schedule,
      StepOutput step,
      Supplier<Policy.Facts> facts) {
    this.config = config;
    this.ports = ports;
    this.me = config.me();
    this.schedule = schedule;
    this.step = step;
    this.facts = facts;
  }

  /** Forgets a request that is done. */
  void forget(RequestId id) {
    signers.remove(id);
  }

  /** Drops approvals, nonces and answers of attempts before {@code attempt}. */
  void dropBefore(RequestId id, int attempt) {
    SignerState s = signers.get(id);
    if (s != null) {
      s.dropBefore(attempt);
    }
  }

  /** A request completed: its outstanding nonces will never sign. */
  void discardNonces(RequestId id) {
    SignerState s = signers.get(id);
    if (s != null) {
      s.nonces.values().forEach(p -> p.nonces().forEach(SigningNonces::discard));
      s.nonces.clear();
    }
  }

  /** What a signer keeps per request, in memory only. */
  private static final class SignerState {
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

  void onProposal(Identifier from, Proposal p) {
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
    approve(from, p, req);
  }

  /**
   * A proposal whose leader was checked: {@code req} is the request as this attempt signs it (a fee
   * bump's carries the bump's fee rate, {@link FeeBumps#request}); the policy rebuilds the spend
   * from it and approves only those exact bytes.
   */
  void approve(Identifier from, Proposal p, Optional<SpendRequest> req) {
    SignerState s =
        req.isPresent()
            ? signers.computeIfAbsent(p.request(), k -> new SignerState(req.get()))
            : null;
    if (s != null) {
      Approval earlier = s.approvals.get(p.attempt());
      if (earlier != null) {
        if (!earlier.proposal().equals(p)) {
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
    PolicyVerdict v = Policy.evaluate(req, p, facts.get());
    if (v instanceof PolicyVerdict.Reject r) {
      step.emit(new EngineEvent.Refused(p.request(), from, r));
      if (r.reason().blamesProposer()) {
        step.emit(new Misbehaviour(from, Misbehaviour.Kind.BAD_PROPOSAL, r.reason().name()));
      }
      step.send(from, new Refuse(p.request(), p.attempt(), r.reason()));
      return;
    }
    UnsignedSpend spend = ((PolicyVerdict.Approve) v).spend();
    // Read-only: do not commit to what the durable locks would refuse at share time. Every
    // rejection of the spend-lock rule is the policy's CONFLICTING_SPEND on the wire.
    if (ports.journal().checkSpend(spend, p.request()) instanceof SpendVerdict.Reject locked) {
      PolicyVerdict.Reject r =
          new PolicyVerdict.Reject(PolicyVerdict.Reason.CONFLICTING_SPEND, locked.describe());
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

  void onSignRequest(Identifier from, SignRequest sr) {
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
    List<byte[]> approved = a.proposal().messageBytes();
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
                    sr.packages().stream().map(pkg -> Hash32.of(pkg.message())).toList(),
                    used,
                    Hash32.of(digest)),
                a.spend())));
  }

  /** A sign request this signer will not answer with a share: blamed and refused, typed. */
  private void refuseRequest(
      Identifier leader, SignRequest sr, Misbehaviour.Kind kind, String detail) {
    step.emit(new Misbehaviour(leader, kind, detail));
    PolicyVerdict.Reject r =
        new PolicyVerdict.Reject(PolicyVerdict.Reason.SIGNING_PACKAGE_MISMATCH, detail);
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
   * Handling our own messages ({@code drainSelf}) can stage more, hence the loop.
   */
  void commitStaged(Runnable drainSelf) {
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
      drainSelf.run();
    }
  }

  private void refuse(StagedShare b, Journal.Refusal refusal) {
    // A conflicting spend got its lock first (its share was sent), or the commitment is used or
    // void: never sign this one.
    b.pending().nonces().forEach(SigningNonces::discard);
    SignRequest sr = b.request();
    PolicyVerdict.Reason reason =
        refusal.kind() == Journal.Refusal.Kind.CONFLICTING_SPEND
            ? PolicyVerdict.Reason.CONFLICTING_SPEND
            : PolicyVerdict.Reason.COMMITMENT_UNAVAILABLE;
    PolicyVerdict.Reject r = new PolicyVerdict.Reject(reason, refusal.detail());
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
        b.key(),
        new Answer(sr.attempt(), sr.session(), row.packageDigest().bytes(), Optional.of(share)));
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

  /** A spend this signer's view of the request finalizes with the signatures it was sent. */
  record Completed(RequestId id, UnsignedSpend spend, SignedSpend signed) {}

  /**
   * The leader's completion of a request that is not done here: the signatures must finalize the
   * spend this validator builds itself (else the sender misbehaved); empty if they do not.
   */
  Optional<Completed> onSigned(Identifier from, Signed sg) {
    Optional<SpendRequest> req = ports.requests().find(sg.request());
    if (req.isEmpty()) {
      return Optional.empty();
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
        return Optional.empty();
      }
    }
    UnsignedSpend own = spend;
    return finalizeFromLeader(from, own, sg)
        .map(signed -> new Completed(req.get().id(), own, signed));
  }

  /**
   * {@code spend}, which this validator built itself, with the leader's signatures; empty (and the
   * sender blamed) if they do not finalize it.
   */
  Optional<SignedSpend> finalizeFromLeader(Identifier from, UnsignedSpend spend, Signed sg) {
    try {
      return Optional.of(
          SpendFinalizer.attach(
              spend, sg.signatures().stream().map(Bip340Signature::bytes).toList()));
    } catch (SpendException e) {
      step.emit(new Misbehaviour(from, Misbehaviour.Kind.BAD_MESSAGE, "signatures do not verify"));
      return Optional.empty();
    }
  }

  static List<OutPoint> inputsOf(UnsignedSpend spend) {
    List<OutPoint> l = new ArrayList<>();
    for (TxIn in : spend.tx().txIn) {
      l.add(in.outPoint);
    }
    return l;
  }
}
