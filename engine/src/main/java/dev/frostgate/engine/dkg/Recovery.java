package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.dkg.Dkg;
import dev.frostgate.crypto.frost.dkg.DkgAcceptance;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.frost.dkg.Round1Secret;
import dev.frostgate.engine.dkg.DkgMessage.TimeoutVote;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Crash recovery: our round 1 of each session entered (fresh and saved before it leaves, or the
 * package announced before a restart with its stored polynomial), and, on {@code start()} after a
 * restart, the exclusions, votes and certified sessions rebuilt from the {@link DkgStore}. Enforces
 * the crash-recovery rules C1–C7 of the package documentation: never a second, different round-1
 * package for a session; a session voted in is never certified (R5); a certified session keeps its
 * stored output and signature; a stored proof or result is re-checked before it counts.
 */
final class Recovery {
  private final DkgContext ctx;
  private final DkgConfig config;
  private final Exclusions exclusions;
  private final ShareDelivery shares;
  private final Certification certification;
  // What the store held when this session started (a restart); empty on a fresh start.
  private DkgProgress resumed = DkgProgress.EMPTY;

  Recovery(
      DkgContext ctx, Exclusions exclusions, ShareDelivery shares, Certification certification) {
    this.ctx = ctx;
    this.config = ctx.config;
    this.exclusions = exclusions;
    this.shares = shares;
    this.certification = certification;
  }

  /**
   * Our round 1 of {@code a.sid}: after a restart the package we already announced, with its
   * polynomial from the key store (never a second, different package: that is equivocation);
   * otherwise a fresh one, saved before it leaves. A session we had certified is restored as far as
   * the certificate (its output comes from the store, not from peers).
   */
  void round1(DkgAttempt a) {
    Optional<DkgProgress.SessionProgress> saved = resumed.session(a.sid);
    a.resumed = saved;
    if (saved.isEmpty()) {
      // C1: nothing of this session was sent; the package is saved before it leaves.
      Dkg.Part1 p1 =
          Dkg.part1(
              config.suite(), ctx.me, a.sid.size(), config.threshold(), ctx.random.secureRandom());
      ctx.store.saveRound1(a.sid, p1.broadcast(), p1.secret().polynomial());
      a.round1.secret = p1.secret();
      // Signed once: retransmissions repeat the same bytes.
      a.round1.mine =
          DkgSignatures.round1(
              a.sid, p1.broadcast(), config.identityKey(), ctx.random.secureRandom());
      return;
    }
    DkgProgress.SessionProgress p = saved.get();
    // C2: the same package as before the crash, signed again (a new signature over the same package
    // proves no equivocation: only two different packages do).
    a.round1.mine =
        DkgSignatures.round1(a.sid, p.round1(), config.identityKey(), ctx.random.secureRandom());
    SecretPolynomial f =
        ctx.store
            .round1Polynomial(a.sid)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        ctx.store
                            + ": the round-1 polynomial of "
                            + a.sid
                            + " is missing; this validator announced a round-1 package there and"
                            + " cannot send another one"));
    if (!f.commit().equals(p.round1().commitment())
        || p.round1().commitment().threshold() != config.threshold()
        || !p.round1().sender().equals(ctx.me)) {
      f.destroy();
      throw new IllegalStateException(
          ctx.store
              + ": the stored round-1 polynomial of "
              + a.sid
              + " does not match its package");
    }
    a.round1.secret =
        new Round1Secret(
            config.suite(), ctx.me, f, p.round1().commitment(), config.threshold(), a.sid.size());
    if (p.certified().isPresent()) {
      // C4, C6: we had every peer's share when we certified, but a peer may not have ours (lost
      // while we
      // were down): re-send the same shares f(j) (S3), signed over the view we certified with
      // (stored; recomputing it from packages received again could differ if an author
      // equivocates).
      a.round1.view = p.certified().get().view();
      for (Identifier j : a.sid.participants()) {
        if (!j.equals(ctx.me)) {
          SecretScalar share = f.evaluate(j);
          a.shares.mine.put(j, shares.sealedShare(a, f.constant(), j, share));
          share.destroy();
        }
      }
      a.round1.secret.destroy();
      a.round1.secret = null;
      a.shares.sentAt = ctx.clock.now();
      a.cert.output = restoredOutput(p);
      certification.onPart3Done(a); // re-uses the stored signature, and never the lost test nonces
    }
    // C3, R5: a session we voted in before the restart is still never certified.
    for (TimeoutVote v : resumed.votes()) {
      if (v.session().equals(a.sid)) {
        a.voted.add(v.accused());
      }
    }
  }

  private DkgOutput restoredOutput(DkgProgress.SessionProgress p) {
    DkgProgress.Certified c = p.certified().orElseThrow();
    KeyPackage k = ctx.store.keyPackage(p.session(), c.groupKey());
    if (!k.identifier().equals(ctx.me)
        || !k.verifyingKey().equals(c.groupKey())
        || k.minSigners() != config.threshold()
        || !k.verifyingShare().equals(c.rawPublicKeyPackage().verifyingShares().get(ctx.me))
        || !c.rawPublicKeyPackage()
            .verifyingShares()
            .keySet()
            .equals(new TreeSet<>(p.session().participants()))) {
      k.destroy();
      throw new IllegalStateException(
          ctx.store + ": the stored key package of " + p.session() + " does not match its record");
    }
    return new DkgOutput(k, c.rawPublicKeyPackage(), c.transcriptHash());
  }

  /** A certified session restored from the store, kept for a late {@link DkgMessage.Final}. */
  private DkgAttempt restoredAttempt(DkgProgress.SessionProgress p) {
    DkgAttempt a = new DkgAttempt(p.session(), ctx.clock.now());
    a.round1.mine =
        DkgSignatures.round1(
            p.session(), p.round1(), config.identityKey(), ctx.random.secureRandom());
    a.cert.output = restoredOutput(p);
    a.cert.mySignature = p.certified().orElseThrow().signature();
    a.cert.signatures.put(ctx.me, a.cert.mySignature);
    a.cert.signedAt = ctx.clock.now();
    a.cert.testSigners = a.sid.participants().subList(0, config.threshold());
    p.testCommitment().ifPresent(c -> a.cert.testCommits.put(ctx.me, c));
    return a;
  }

  /**
   * Rebuilds the state a crash lost from the saved progress: exclusions (each proof re-checked),
   * our votes, the sessions we certified. Returns the session to re-enter, or null if there is none
   * (the stored result was reported, or the failure).
   */
  DkgSessionId resume(DkgProgress saved) {
    resumed = saved;
    // C3: exclusions are re-applied from their proofs, each re-checked.
    for (DkgEvent.Excluded x : saved.exclusions()) {
      Optional<String> problem =
          x.session().ceremony().equals(config.ceremony())
              ? DkgProofs.problem(x, config.identityKeys(), config.threshold(), config.suite())
              : Optional.of("another ceremony");
      if (problem.isPresent()) {
        throw new IllegalStateException(
            ctx.store
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
      if (!v.voter().equals(ctx.me) || !DkgSignatures.voteIsAuthentic(v, config.identityKeys())) {
        throw new IllegalStateException(ctx.store + ": a stored vote is not this validator's");
      }
      exclusions.restoreVote(v);
    }
    if (saved.completion().isPresent()) {
      // C7: the stored result, re-checked.
      resumeCompleted(saved, saved.completion().get());
      return null;
    }
    List<Identifier> rest = new ArrayList<>(config.validators());
    rest.removeAll(exclusions.excluded());
    DkgSessionId next = new DkgSessionId(config.ceremony(), rest);
    for (DkgProgress.SessionProgress p : saved.sessions()) {
      if (p.certified().isPresent() && !p.session().equals(next)) {
        certification.retain(restoredAttempt(p)); // C4, R6: kept for a late Final
      }
    }
    if (exclusions.excluded().contains(ctx.me) || rest.size() < config.threshold()) {
      ctx.current = new DkgAttempt(next, ctx.clock.now());
      ctx.failed = true;
      ctx.outbox.event(
          new DkgEvent.Failed(
              next,
              exclusions.excluded().contains(ctx.me)
                  ? "this validator was excluded"
                  : "only " + rest.size() + " participants left"));
      return null;
    }
    return next;
  }

  private void resumeCompleted(DkgProgress saved, DkgProgress.Completion c) {
    DkgProgress.SessionProgress p =
        saved
            .session(c.session())
            .filter(s -> s.certified().isPresent())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        ctx.store
                            + ": the completed session "
                            + c.session()
                            + " was not certified"));
    DkgAttempt a = restoredAttempt(p);
    if (!Objects.equals(c.certificate().transcriptHash(), a.cert.output.transcriptHash())
        || !c.certificate().groupKey().equals(a.cert.output.rawKeyPackage().verifyingKey())) {
      throw new IllegalStateException(
          ctx.store + ": the stored certificate is not over the certified transcript");
    }
    try {
      DkgAcceptance.verify(
          a.cert.output.publicKeyPackage(), a.cert.output.transcriptHash(), c.testSignature());
    } catch (FrostException e) {
      throw new IllegalStateException(ctx.store + ": the stored test signature does not verify", e);
    }
    a.cert.signatures.putAll(c.certificate().signatures());
    a.cert.testSignature = c.testSignature();
    ctx.current = a;
    try {
      certification.complete(a, true); // verifies the certificate with every participant's key
    } catch (FrostException e) {
      throw new IllegalStateException(ctx.store + ": the stored certificate does not verify", e);
    }
  }
}
