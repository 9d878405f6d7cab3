package dev.frostgate.engine.dkg;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.Dkg;
import dev.frostgate.crypto.frost.dkg.DkgCertificate;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.engine.dkg.DkgMessage.Equivocation;
import dev.frostgate.engine.dkg.DkgMessage.Round1Set;
import dev.frostgate.engine.dkg.DkgMessage.ViewClaim;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Round 1 of a session: the others' signed packages (direct, or relayed in a {@link Round1Set}),
 * our view of them and the dealers' view claims. Enforces R3 (a view other than ours is disputed in
 * public and voted on unless justified; an equivocation it uncovers goes to {@link Exclusions}), R7
 * (signed packages are relayed to a validator that still lacks some) and the round-1 part of R2 (a
 * package still missing after the round timeout gets its author a vote).
 */
final class Round1Exchange {
  private static final int MAX_UNCHECKED = 1_000;

  private final DkgContext ctx;
  private final DkgConfig config;
  private final Exclusions exclusions;

  Round1Exchange(DkgContext ctx, Exclusions exclusions) {
    this.ctx = ctx;
    this.config = ctx.config;
    this.exclusions = exclusions;
  }

  /**
   * A {@link DkgMessage.Round1} from its sender; whether the session goes on to {@code advance}.
   */
  boolean onRound1(DkgAttempt a, Identifier from, DkgMessage.Round1 r) {
    if (from.equals(ctx.me)) {
      return false;
    }
    if (!r.author().equals(from)) {
      // Forwarded packages travel in a Round1Set; a Round1 is its sender's own.
      ctx.outbox.misbehaviour(from, "round-1 package of another author");
      return false;
    }
    accept(a, from, r);
    return ctx.current == a;
  }

  /**
   * A set of signed round-1 packages and view claims (a relay, R7, or a dispute, R3); whether the
   * session goes on to {@code advance}.
   */
  boolean onSet(DkgAttempt a, Identifier from, Round1Set set) {
    if (set.packages().size() > a.sid.size() || set.claims().size() > a.sid.size()) {
      ctx.outbox.misbehaviour(from, "oversized round-1 set");
      return false;
    }
    // R7: a set that lacks a package we hold: relay ours (at most once per retransmission
    // interval and peer; the asker repeats its set while it still lacks packages).
    Set<Identifier> theirs = new TreeSet<>();
    set.packages().forEach(r -> theirs.add(r.author()));
    Set<Identifier> ours = new TreeSet<>(a.round1.received.keySet());
    ours.add(ctx.me);
    long now = ctx.clock.now();
    if (!theirs.containsAll(ours)
        && now - a.round1.relayedAt.getOrDefault(from, Long.MIN_VALUE / 4)
            >= config.retransmitInterval()) {
      a.round1.relayedAt.put(from, now);
      ctx.outbox.send(from, ownSet(a));
    }
    for (DkgMessage.Round1 r : set.packages()) {
      accept(a, from, r);
      if (ctx.current != a) {
        return false; // it proved an equivocation: we restarted
      }
    }
    for (ViewClaim claim : set.claims()) {
      if (DkgSignatures.claimIsAuthentic(a.sid, claim, config.identityKeys())) {
        noteClaim(a, claim);
      } else {
        ctx.outbox.misbehaviour(from, "view claim not signed by its dealer");
      }
    }
    return true;
  }

  /**
   * A round-1 package delivered by {@code source} (its author, or a participant forwarding it in a
   * set). The first validly signed and valid package per author counts; a second, different one
   * signed by the same author proves an equivocation.
   */
  private void accept(DkgAttempt a, Identifier source, DkgMessage.Round1 r) {
    Identifier author = r.author();
    if (author.equals(ctx.me)) {
      return; // we know our own package; a different one would need our key
    }
    DkgMessage.Round1 held = a.round1.received.get(author);
    if (held != null && DkgSignatures.samePackage(held.pkg(), r.pkg())) {
      return; // a retransmission
    }
    if (!DkgSignatures.round1IsAuthentic(r, config.identityKeys())) {
      ctx.outbox.misbehaviour(source, "round-1 package not signed by its author");
      return;
    }
    if (held != null) {
      // R2: two signed packages from one author for one session are an equivocation proof.
      Equivocation e = new Equivocation(a.sid, held, r);
      ctx.broadcast(e);
      exclusions.onEquivocation(ctx.me, e);
      return;
    }
    Round1Package p = r.pkg();
    if (p.commitment().threshold() != config.threshold()
        || !p.proof().verify(config.suite(), author, p.commitment().constant())) {
      ctx.outbox.misbehaviour(source, "invalid round-1 package");
      return;
    }
    a.round1.received.put(author, r);
  }

  /**
   * R3: a dealer's signed view (from its round-2 message to us, or forwarded). A view other than
   * ours means the participants do not hold the same round-1 packages, or the dealer lies about its
   * view: either way we never certify this session. We broadcast our signed packages and the claim
   * ({@link Round1Set}): whoever holds another package from the same author now has a proof of
   * equivocation, and every participant learns that the dealer must justify its view. An honest
   * dealer does (it disputes us too and sends its set, which hashes to its view and so holds a
   * package that differs from ours: a proof); a dealer that cannot gets our timeout vote ({@link
   * #voteOnDisputes}).
   */
  void noteClaim(DkgAttempt a, ViewClaim claim) {
    Identifier dealer = claim.dealer();
    if (dealer.equals(ctx.me) || a.round1.disputes.containsKey(dealer)) {
      return;
    }
    if (a.round1.view == null) {
      if (a.round1.unchecked.size() < MAX_UNCHECKED) {
        a.round1.unchecked.putIfAbsent(dealer + "/" + claim.view().toString(), claim);
      }
      return;
    }
    if (Objects.equals(claim.view(), a.round1.view)) {
      return;
    }
    a.round1.disputes.put(dealer, claim);
    a.round1.disputedAt.put(dealer, ctx.clock.now());
    a.round1.mySet =
        new Round1Set(a.sid, signedPackages(a), List.copyOf(a.round1.disputes.values()));
    ctx.broadcast(a.round1.mySet);
  }

  /** Whether every other participant's round-1 package is in (and part 2 has not run yet). */
  boolean complete(DkgAttempt a) {
    return a.round1.secret != null && a.round1.received.size() == a.sid.size() - 1;
  }

  /**
   * Once every package is in: fixes our view of round 1 and what our certificate will sign, then
   * checks the view claims that came before (R3).
   */
  void fixView(DkgAttempt a) {
    SortedMap<Identifier, Round1Package> received = a.packages();
    SortedMap<Identifier, Round1Package> all = new TreeMap<>(received);
    all.put(ctx.me, a.round1.mine.pkg());
    a.round1.view = DkgSignatures.viewDigest(a.sid, all);
    a.round1.certMessage = certificateMessage(a, received);
  }

  /** R3: the claims that arrived before we had a view, checked now that we have one. */
  void checkEarlyClaims(DkgAttempt a) {
    List<ViewClaim> early = new ArrayList<>(a.round1.unchecked.values());
    a.round1.unchecked.clear();
    early.forEach(c -> noteClaim(a, c));
  }

  /**
   * R7: from half the round timeout on, while packages are missing, show the peers what we hold (a
   * set that lacks them) once per retransmission interval and let them fill the gap. Round-1
   * packages are signed by their authors, so anyone may relay them; an author that withholds its
   * package from one validator then no longer gets that validator voted out instead of itself.
   */
  void relay(DkgAttempt a, long now) {
    if (a.round1.secret != null
        && now - a.startedAt >= config.roundTimeout() / 2
        && now - a.round1.askedAt >= config.retransmitInterval()) {
      a.round1.askedAt = now;
      ctx.broadcast(ownSet(a));
    }
  }

  /**
   * R2: a round-1 package still missing a round timeout after we entered gets its author a vote.
   */
  void voteOnMissing(DkgAttempt a, long now) {
    if (now - a.startedAt >= config.roundTimeout()) {
      exclusions.voteMissing(a, a.round1.received.keySet());
    }
  }

  /**
   * R3: a dealer that signed a view other than ours and has not justified it (a justification is a
   * set of signed packages hashing to its view, which proves an equivocation and restarts us) a
   * round timeout after we learnt of it gets our vote.
   */
  void voteOnDisputes(DkgAttempt a, long now) {
    for (var e : new ArrayList<>(a.round1.disputedAt.entrySet())) {
      if (ctx.current != a || !ctx.open()) {
        break;
      }
      if (ctx.result == null && now - e.getValue() >= config.roundTimeout()) {
        exclusions.vote(a, e.getKey());
      }
    }
  }

  /**
   * What every participant's certificate signature signs, computed from round 1 alone: the
   * transcript hash and the group key (the sum of every dealer's constant commitment) are what part
   * 3 will compute.
   */
  private byte[] certificateMessage(DkgAttempt a, SortedMap<Identifier, Round1Package> received) {
    VssCommitment mine = a.round1.mine.pkg().commitment();
    List<VssCommitment> all = new ArrayList<>();
    received.values().forEach(p -> all.add(p.commitment()));
    all.add(mine);
    return DkgCertificate.message(
        Dkg.transcriptHash(
            config.suite(), config.threshold(), a.sid.size(), received, ctx.me, mine),
        VssCommitment.sum(all).constant());
  }

  /** Every signed round-1 package we hold, ours included, by author. */
  private static List<DkgMessage.Round1> signedPackages(DkgAttempt a) {
    List<DkgMessage.Round1> mine = new ArrayList<>(a.round1.received.values());
    mine.add(a.round1.mine);
    mine.sort((x, y) -> x.author().compareTo(y.author()));
    return mine;
  }

  /** The round-1 set that asks for, or relays, packages (no view claims). */
  private static Round1Set ownSet(DkgAttempt a) {
    return new Round1Set(a.sid, signedPackages(a), List.of());
  }
}
