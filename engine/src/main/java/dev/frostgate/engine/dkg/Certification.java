package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.frost.Aggregator;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.Round1;
import dev.frostgate.crypto.frost.Round2;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.frost.SigningPackage;
import dev.frostgate.crypto.frost.dkg.DkgAcceptance;
import dev.frostgate.crypto.frost.dkg.DkgCertificate;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.engine.dkg.DkgMessage.CertificateSignature;
import dev.frostgate.engine.dkg.DkgMessage.TestCommit;
import dev.frostgate.engine.dkg.DkgMessage.TestShare;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Part 3 onwards: our certificate signature, the test signature of the first t participants, the
 * certificate-phase votes, completion, and the sessions we certified kept for a late {@link
 * DkgMessage.Final}. Enforces R3 (never certify unless every dealer's view is ours), R5 (never
 * certify a session we voted in), R6 (a certified session is adopted on a valid Final, also after
 * moving on) and the certificate-phase part of R2 (votes against whoever withholds its
 * contribution, but not while a view dispute or, R8, one of its share requests is open).
 */
final class Certification {
  /** What certification needs from the facade that owns the sessions. */
  interface Session {
    /** Handles a message of the current session (a replay of one that came early). */
    void onSessionMessage(Identifier from, DkgMessage m);

    /** Sends everything we have to contribute again. */
    void retransmit();
  }

  private final DkgContext ctx;
  private final DkgConfig config;
  private final Exclusions exclusions;
  private final ShareDelivery shares;
  private final EarlyMessages early;
  private final Session session;
  // R6: sessions whose certificate we signed and then left; a Final for one of them is adopted.
  private final Map<DkgSessionId, DkgAttempt> retained = new LinkedHashMap<>();
  private DkgMessage.Final finalMessage;

  Certification(
      DkgContext ctx,
      Exclusions exclusions,
      ShareDelivery shares,
      EarlyMessages early,
      Session session) {
    this.ctx = ctx;
    this.config = ctx.config;
    this.exclusions = exclusions;
    this.shares = shares;
    this.early = early;
    this.session = session;
  }

  /** R6: keeps {@code a}, whose certificate we signed, for a late Final. */
  void retain(DkgAttempt a) {
    retained.put(a.sid, a);
  }

  /** What we gossip once complete (null before). */
  DkgMessage.Final finalMessage() {
    return finalMessage;
  }

  /** A peer's certificate signature; whether the session goes on to {@code advance}. */
  boolean onCertificateSignature(DkgAttempt a, Identifier from, CertificateSignature c) {
    if (a.cert.signatures.containsKey(from)) {
      return true;
    }
    if (a.cert.output == null) {
      if (a.round1.certMessage != null) {
        if (!DkgSignatures.verify(
            c.signature(), a.round1.certMessage, config.identityKeys().get(from))) {
          ctx.outbox.misbehaviour(from, "certificate signature over another transcript");
          return false;
        }
        shares.peerCertified(a);
      }
      early.hold(from, c); // checked once our transcript exists
      return false;
    }
    byte[] msg =
        DkgCertificate.message(
            a.cert.output.transcriptHash(), a.cert.output.rawKeyPackage().verifyingKey());
    if (DkgSignatures.verify(c.signature(), msg, config.identityKeys().get(from))) {
      a.cert.signatures.put(from, c.signature());
    } else {
      ctx.outbox.misbehaviour(from, "certificate signature over another transcript");
    }
    return true;
  }

  /** A test signer's nonce commitment; whether the session goes on to {@code advance}. */
  boolean onTestCommit(DkgAttempt a, Identifier from, TestCommit c) {
    if (a.cert.testSigners == null) {
      early.hold(from, c);
      return false;
    }
    if (a.cert.testSigners.contains(from)
        && c.commitments().identifier().equals(from)
        && !a.cert.testCommits.containsKey(from)) {
      a.cert.testCommits.put(from, c.commitments());
    }
    return true;
  }

  /** A test signer's signature share; whether the session goes on to {@code advance}. */
  boolean onTestShare(DkgAttempt a, Identifier from, TestShare s) {
    if (a.cert.testSigners == null) {
      early.hold(from, s);
      return false;
    }
    if (a.cert.testSigners.contains(from)
        && s.share().identifier().equals(from)
        && !a.cert.testShares.containsKey(from)) {
      a.cert.testShares.put(from, s.share());
    }
    return true;
  }

  /**
   * R8: certificate signatures that came before we could check them (before round 1 fixed what they
   * sign) shorten our wait for missing shares once they verify.
   */
  void checkEarlySignatures(DkgAttempt a) {
    for (EarlyMessages.Pending p : early.held()) {
      if (p.message() instanceof CertificateSignature c
          && c.session().equals(a.sid)
          && DkgSignatures.verify(
              c.signature(), a.round1.certMessage, config.identityKeys().get(p.from()))) {
        shares.peerCertified(a);
      }
    }
  }

  /**
   * Our output exists (part 3, or restored after a restart): certify unless R3 or R5 forbids it,
   * then, as a test signer, commit to our test nonces; then replay what came early for this
   * transcript.
   */
  void onPart3Done(DkgAttempt a) {
    // R3: every dealer's signed view must be ours: then every honest participant holds the same
    // round-1 packages (an honest dealer signs its true view), and we never certify otherwise.
    // (noteClaim already saw each view; checked here again because safety rests on it.)
    boolean sameViews =
        a.round1.disputes.isEmpty()
            && a.shares.received.values().stream()
                .allMatch(r -> Objects.equals(r.view(), a.round1.view));
    // R5: we voted to exclude someone from this session (so a session that an exclusion quorum
    // abandons cannot complete anywhere), or the views differ: never certify it.
    if (!a.voted.isEmpty() || !sameViews) {
      a.cert.abstained = true;
      return;
    }
    a.cert.signedAt = ctx.clock.now();
    Bip340Signature sig = certificateSignature(a);
    if (sig == null) {
      a.cert.abstained = true;
      return;
    }
    a.cert.mySignature = sig;
    a.cert.signatures.put(ctx.me, sig);
    ctx.broadcast(new CertificateSignature(a.sid, sig));
    a.cert.testSigners = a.sid.participants().subList(0, config.threshold());
    if (a.cert.testSigners.contains(ctx.me) && !resumeTestCommitment(a)) {
      KeyPackage k = a.cert.output.keyPackage();
      a.cert.nonces = Round1.commit(k, ctx.random.secureRandom());
      ctx.store.saveTestCommitment(a.sid, a.cert.nonces.commitments());
      a.cert.testCommits.put(ctx.me, a.cert.nonces.commitments());
      ctx.broadcast(new TestCommit(a.sid, a.cert.nonces.commitments()));
    }
    // Certificate signatures and test messages that arrived before our transcript.
    for (EarlyMessages.Pending p : early.take(a.sid)) {
      session.onSessionMessage(p.from(), p.message());
    }
  }

  /** Our certificate signature: the stored one after a restart, else a new one, saved first. */
  private Bip340Signature certificateSignature(DkgAttempt a) {
    Optional<DkgProgress.Certified> saved =
        a.resumed.flatMap(DkgProgress.SessionProgress::certified);
    if (saved.isPresent()) {
      if (Objects.equals(saved.get().transcriptHash(), a.cert.output.transcriptHash())
          && saved.get().groupKey().equals(a.cert.output.rawKeyPackage().verifyingKey())) {
        return saved.get().signature();
      }
      // C4: never certify a session twice, differently.
      ctx.outbox.misbehaviour(ctx.me, "transcript differs from the one certified");
      return null;
    }
    Bip340Signature sig =
        DkgCertificate.sign(
            a.cert.output.transcriptHash(),
            a.cert.output.rawKeyPackage().verifyingKey(),
            config.identityKey(),
            ctx.aux());
    ctx.store.saveCertified(a.sid, a.cert.output, a.round1.view, sig);
    return sig;
  }

  /**
   * Whether we announced a test commitment in {@code a.sid} before a restart. Its nonces died with
   * that process, so it is never honoured: we re-announce it (peers keep the first commitment
   * anyway) but never sign with it; the session completes through another validator's {@link
   * DkgMessage.Final} if our share had gone out, else the certificate phase times us out.
   */
  private boolean resumeTestCommitment(DkgAttempt a) { // C5
    Optional<SigningCommitments> old =
        a.resumed.flatMap(DkgProgress.SessionProgress::testCommitment);
    old.ifPresent(c -> a.cert.testCommits.put(ctx.me, c));
    return old.isPresent();
  }

  /**
   * After our certificate signature: our test share once every test commitment is in, the test
   * signature once every test share is, and completion once every certificate signature is.
   */
  void advance(DkgAttempt a) {
    if (a.cert.testSigners.contains(ctx.me)
        && a.cert.myTestShare == null
        && a.cert.nonces != null
        && a.cert.testCommits.size() == config.threshold()) {
      SigningPackage pkg = testPackage(a);
      a.cert.myTestShare = Round2.sign(pkg, a.cert.nonces, a.cert.output.keyPackage());
      a.cert.nonces = null;
      a.cert.testShares.put(ctx.me, a.cert.myTestShare);
      ctx.broadcast(new TestShare(a.sid, a.cert.myTestShare));
    }
    if (a.cert.testSignature == null && a.cert.testShares.size() == config.threshold()) {
      try {
        Signature sig =
            Aggregator.aggregate(
                testPackage(a), a.cert.testShares.values(), a.cert.output.publicKeyPackage());
        DkgAcceptance.verify(a.cert.output.publicKeyPackage(), a.cert.output.transcriptHash(), sig);
        a.cert.testSignature = sig;
      } catch (FrostException e) {
        for (Identifier c : e.culprits()) {
          ctx.outbox.misbehaviour(c, "invalid test signature share");
        }
        return;
      }
    }
    if (a.cert.testSignature != null && a.cert.signatures.size() == a.sid.size()) {
      complete(a, false);
    }
  }

  private SigningPackage testPackage(DkgAttempt a) {
    return SigningPackage.of(
        a.cert.testCommits.values(), DkgAcceptance.testMessage(a.cert.output.transcriptHash()));
  }

  /**
   * The DKG is complete with {@code a}: its certificate verifies with every participant's identity
   * key. The result is saved unless it was {@code restored} from the store; R6: the Final is
   * gossiped from now on.
   */
  void complete(DkgAttempt a, boolean restored) {
    DkgCertificate cert =
        new DkgCertificate(
            a.cert.output.transcriptHash(),
            a.cert.output.rawKeyPackage().verifyingKey(),
            a.cert.signatures);
    cert.verify(participantKeys(a.sid));
    ThresholdXpub xpub =
        ThresholdXpub.of(
            a.cert.output.rawKeyPackage().verifyingKey(),
            DkgOutput.chainCode(a.cert.output.transcriptHash()),
            config.network());
    ctx.result =
        new DkgResult(
            a.sid,
            a.cert.output.rawKeyPackage(),
            a.cert.output.rawPublicKeyPackage(),
            a.cert.output.transcriptHash(),
            cert,
            a.cert.testSignature,
            xpub);
    if (!restored) {
      ctx.store.saveResult(ctx.result);
    }
    finalMessage = new DkgMessage.Final(a.sid, cert, a.cert.testSignature);
    ctx.outbox.event(new DkgEvent.Completed(ctx.result));
    // Peers may still miss our contributions: one last round of them.
    session.retransmit();
  }

  /**
   * R6: a valid Final for the current session or one we certified and left completes the DKG with
   * it (also after this validator failed).
   */
  void onFinal(DkgMessage.Final f) {
    DkgAttempt a = f.session().equals(ctx.current.sid) ? ctx.current : retained.get(f.session());
    if (a == null || a.cert.output == null || a.cert.mySignature == null || ctx.result != null) {
      return;
    }
    DkgCertificate cert = f.certificate();
    if (!Objects.equals(cert.transcriptHash(), a.cert.output.transcriptHash())
        || !cert.groupKey().equals(a.cert.output.rawKeyPackage().verifyingKey())) {
      return;
    }
    try {
      cert.verify(participantKeys(a.sid));
      DkgAcceptance.verify(
          a.cert.output.publicKeyPackage(), a.cert.output.transcriptHash(), f.testSignature());
    } catch (FrostException e) {
      return;
    }
    ctx.current = a;
    ctx.failed = false;
    a.cert.signatures.putAll(cert.signatures());
    a.cert.testSignature = f.testSignature();
    complete(a, false);
  }

  private Map<Identifier, Bip340PublicKey> participantKeys(DkgSessionId sid) {
    Map<Identifier, Bip340PublicKey> keys = new TreeMap<>();
    for (Identifier p : sid.participants()) {
      keys.put(p, config.identityKeys().get(p));
    }
    return keys;
  }

  /**
   * R2: certificate phase, a round timeout after we certified: a vote against whoever withholds its
   * certificate signature or, as a test signer, its test contribution. R3: not while a view dispute
   * is open (honest participants that saw it rightly abstain, and the dispute ends the session
   * anyway: a proof, or the dispute votes). R8: not against a participant waiting for a share it
   * asked for, or that just got one.
   */
  void voteOnMissing(DkgAttempt a, long now) {
    if (a.cert.abstained
        || !a.round1.disputes.isEmpty()
        || now - a.cert.signedAt < config.roundTimeout()) {
      return;
    }
    Set<Identifier> have = new TreeSet<>(a.cert.signatures.keySet());
    Set<Identifier> test =
        a.cert.testCommits.size() < config.threshold()
            ? a.cert.testCommits.keySet()
            : a.cert.testShares.keySet();
    for (Identifier p : a.cert.testSigners) {
      if (!test.contains(p)) {
        have.remove(p);
      }
    }
    for (Identifier p : a.sid.participants()) {
      if (!shares.certificateDue(a, p, now)) {
        have.add(p); // R8: waiting for a share it asked for, or it just got one: not due yet
      }
    }
    exclusions.voteMissing(a, have);
  }
}
