package dev.frostgate.sim.dkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.Dkg;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.crypto.seal.ShareSealer;
import dev.frostgate.engine.Outgoing;
import dev.frostgate.engine.dkg.DkgConfig;
import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.engine.dkg.DkgResult;
import dev.frostgate.engine.dkg.DkgSession;
import dev.frostgate.engine.dkg.DkgSessionId;
import dev.frostgate.engine.dkg.DkgShares;
import dev.frostgate.engine.dkg.DkgSignatures;
import dev.frostgate.engine.dkg.DkgStep;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * One behaviour at a time on the DKG simulation (no crash, no partition): every run also passes the
 * simulation's invariants (agreement, certificate and test signature, proven exclusions of faulty
 * validators only, liveness).
 */
class DkgSessionTest {

  static DkgSimulation sim(
      long seed, int n, int t, Map<Identifier, DkgFault> byz, double loss, double dup, int delay) {
    return DkgSimulation.of(DkgScenario.network(seed, n, t, byz, loss, dup, delay));
  }

  /** Runs, checks the invariants and the final participants (null: not checked). */
  static DkgResult run(DkgSimulation sim, List<Identifier> expectedParticipants) {
    DkgSimulation.Result r = sim.run();
    assertTrue(r.ok(), r.line());
    DkgResult result = r.result().orElseThrow();
    if (expectedParticipants != null) {
      assertEquals(expectedParticipants, result.session().participants(), r.line());
    }
    return result;
  }

  static List<Identifier> ids(int n, Integer... without) {
    List<Identifier> l = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      l.add(Identifier.of(i));
    }
    for (int w : without) {
      l.remove(Identifier.of(w));
    }
    return l;
  }

  static List<DkgEvent.Excluded> exclusions(DkgSimulation sim, Identifier at) {
    return sim.events(at).stream()
        .filter(e -> e instanceof DkgEvent.Excluded)
        .map(e -> (DkgEvent.Excluded) e)
        .toList();
  }

  @Test
  void fiveOfThreeCompletes() {
    DkgResult r = run(sim(1, 5, 3, Map.of(), 0, 0, 5), ids(5));
    assertEquals(5, r.certificate().signatures().size());
    assertEquals(3, r.rawKeyPackage().minSigners());
  }

  @Test
  void fifteenOfTenCompletes() {
    DkgResult r = run(sim(2, 15, 10, Map.of(), 0, 0, 5), ids(15));
    assertEquals(15, r.certificate().signatures().size());
  }

  @Test
  void badShareExcludesTheDealerWithEvidenceAndRestarts() {
    DkgSimulation sim = sim(3, 5, 3, Map.of(Identifier.of(4), DkgFault.BAD_SHARE), 0, 0, 5);
    run(sim, ids(5, 4));
    for (Identifier h : sim.honest()) {
      List<DkgEvent.Excluded> x = exclusions(sim, h);
      assertEquals(1, x.size(), h + " " + x);
      assertEquals(Identifier.of(4), x.get(0).accused());
      assertEquals(DkgEvent.Reason.INVALID_SHARE, x.get(0).reason());
      DkgMessage.Complaint c = (DkgMessage.Complaint) x.get(0).proof().get(0);
      assertEquals(Identifier.of(1), c.accuser());
      assertEquals(
          Optional.of(Identifier.of(4)),
          DkgSignatures.culprit(c, sim.identityKeys(), Ciphersuite.TAPROOT));
    }
    assertTrue(sim.session(Identifier.of(4)).isFailed());
  }

  @Test
  void falseComplaintExcludesTheComplainer() {
    DkgSimulation sim = sim(4, 5, 3, Map.of(Identifier.of(2), DkgFault.FALSE_COMPLAINT), 0, 0, 5);
    run(sim, ids(5, 2));
    for (Identifier h : sim.honest()) {
      List<DkgEvent.Excluded> x = exclusions(sim, h);
      assertEquals(1, x.size(), h + " " + x);
      assertEquals(Identifier.of(2), x.get(0).accused());
      assertEquals(DkgEvent.Reason.FALSE_COMPLAINT, x.get(0).reason());
      DkgMessage.Complaint c = (DkgMessage.Complaint) x.get(0).proof().get(0);
      assertEquals(
          Optional.of(Identifier.of(2)),
          DkgSignatures.culprit(c, sim.identityKeys(), Ciphersuite.TAPROOT));
    }
  }

  @Test
  void silentValidatorTimesOutAndIsExcluded() {
    DkgSimulation sim = sim(5, 5, 3, Map.of(Identifier.of(5), DkgFault.SILENT), 0, 0, 5);
    run(sim, ids(5, 5));
    for (Identifier h : sim.honest()) {
      List<DkgEvent.Excluded> x = exclusions(sim, h);
      assertEquals(1, x.size(), h + " " + x);
      assertEquals(DkgEvent.Reason.TIMEOUT, x.get(0).reason());
    }
  }

  @Test
  void withheldCertificateTimesOutAndIsExcluded() {
    DkgSimulation sim = sim(7, 5, 3, Map.of(Identifier.of(1), DkgFault.WITHHOLD_CERT), 0, 0, 5);
    run(sim, ids(5, 1));
    for (Identifier h : sim.honest()) {
      List<DkgEvent.Excluded> x = exclusions(sim, h);
      assertEquals(1, x.size(), h + " " + x);
      assertEquals(DkgEvent.Reason.TIMEOUT, x.get(0).reason());
    }
  }

  @Test
  void fifteenOfTenWithBadDealerOnLossyNetwork() {
    run(sim(8, 15, 10, Map.of(Identifier.of(9), DkgFault.BAD_SHARE), 0.1, 0.1, 40), ids(15, 9));
  }

  @Test
  void lateFalseComplaintAfterCompletionStillConverges() {
    int adopted = 0;
    for (long seed = 100; seed < 110; seed++) {
      DkgSimulation sim =
          sim(seed, 5, 3, Map.of(Identifier.of(3), DkgFault.LATE_COMPLAINT), 0.05, 0.05, 30);
      // A late complainer may be in the final session (if it completed before its complaint
      // spread) or not; every honest validator must agree either way.
      DkgResult r = run(sim, null);
      for (Identifier h : sim.honest()) {
        if (!exclusions(sim, h).isEmpty()
            && r.session().participants().contains(Identifier.of(3))) {
          adopted++; // moved on after the complaint, then adopted the completed session
        }
      }
    }
    assertTrue(adopted > 0, "no validator adopted a completed session after moving on");
  }

  @Test
  void round1EquivocatorIsExcludedWithAProofAThirdPartyVerifies() {
    Identifier e = Identifier.of(2);
    // (With this seed and delay, honest validators would certify the first session if they did
    // not compare views: shares are consistent with each view, so nothing else stops them.)
    DkgSimulation sim = sim(11, 5, 3, Map.of(e, DkgFault.EQUIVOCATE_ROUND1), 0, 0, 3);
    DkgResult r = run(sim, ids(5, 2));
    assertEquals(4, r.certificate().signatures().size());
    DkgSessionId first = new DkgSessionId("sim-11", ids(5));
    // Safety: no honest validator certified the session in which the views differed.
    Set<Identifier> signers = new TreeSet<>(sim.certifiedBy(first));
    signers.retainAll(sim.honest());
    assertEquals(Set.of(), signers, "certificate signatures on differing views");
    Map<Identifier, Bip340PublicKey> thirdParty = sim.identityKeys();
    for (Identifier h : sim.honest()) {
      List<DkgEvent.Excluded> x = exclusions(sim, h);
      assertEquals(1, x.size(), h + " " + x);
      assertEquals(e, x.get(0).accused());
      assertEquals(DkgEvent.Reason.EQUIVOCATION, x.get(0).reason());
      assertEquals(first, x.get(0).session());
      DkgMessage.Equivocation proof = (DkgMessage.Equivocation) x.get(0).proof().get(0);
      assertEquals(e, DkgSignatures.equivocator(proof, thirdParty).orElseThrow());
      // Spelled out: two different packages, each with a valid proof of knowledge and a valid
      // BIP340 signature by the author's identity key.
      for (DkgMessage.Round1 p : List.of(proof.first(), proof.second())) {
        assertEquals(e, p.author());
        assertTrue(
            p.pkg().proof().verify(Ciphersuite.TAPROOT, e, p.pkg().commitment().constant()),
            "proof of knowledge");
        assertTrue(
            Secp256k1.verifySchnorr(
                p.signature(), DkgSignatures.round1Digest(first, p.pkg()), thirdParty.get(e)));
      }
      assertFalse(DkgSignatures.samePackage(proof.first().pkg(), proof.second().pkg()));
      // Not a proof: the same package twice, or a package with a broken signature.
      assertTrue(
          DkgSignatures.equivocator(
                  new DkgMessage.Equivocation(first, proof.first(), proof.first()), thirdParty)
              .isEmpty());
      byte[] flipped = proof.second().signature().bytes();
      flipped[5] ^= 1;
      Bip340Signature otherSig = Bip340Signature.of(flipped);
      assertTrue(
          DkgSignatures.equivocator(
                  new DkgMessage.Equivocation(
                      first,
                      proof.first(),
                      new DkgMessage.Round1(first, proof.second().pkg(), otherSig)),
                  thirdParty)
              .isEmpty());
    }
  }

  @Test
  void viewLiarIsVotedOutAndNoHonestValidatorIsExcluded() {
    // Validator 3 signs a made-up view only in its share to validator 1: no equivocation, so no
    // proof; 1 must not certify, must not be excluded for abstaining, and 3 must go.
    Identifier liar = Identifier.of(3);
    DkgSimulation sim = sim(12, 5, 3, Map.of(liar, DkgFault.LIE_VIEW), 0, 0, 5);
    run(sim, ids(5, 3));
    DkgSessionId first = new DkgSessionId("sim-12", ids(5));
    assertFalse(
        sim.certifiedBy(first).contains(Identifier.of(1)), "the lied-to validator certified");
    for (Identifier h : sim.honest()) {
      List<DkgEvent.Excluded> x = exclusions(sim, h);
      assertEquals(1, x.size(), h + " " + x);
      assertEquals(liar, x.get(0).accused());
      assertEquals(DkgEvent.Reason.TIMEOUT, x.get(0).reason());
    }
  }

  @Test
  void forgedProofWithAGenuineSignatureDoesNotHideTheGenuineProof() {
    SecureRandom rnd = new SecureRandom();
    List<Identifier> ids = ids(5);
    Map<Identifier, SecretScalar> keys = new TreeMap<>();
    Map<Identifier, Bip340PublicKey> pubs = new TreeMap<>();
    for (Identifier id : ids) {
      keys.put(id, SecretScalar.random(rnd));
      pubs.put(id, Bip340PublicKey.of(keys.get(id).publicPoint().xOnly()));
    }
    Identifier me = Identifier.of(2);
    DkgSession two =
        new DkgSession(
            new DkgConfig(
                "forged",
                me,
                ids,
                3,
                pubs,
                keys.get(me),
                Ciphersuite.TAPROOT,
                Network.REGTEST,
                3000,
                50),
            () -> 0,
            () -> rnd);
    two.start();
    DkgSessionId sid = two.session();
    Identifier dealer = Identifier.of(4);
    Identifier accuser = Identifier.of(1);
    VssCommitment c = Dkg.part1(Ciphersuite.TAPROOT, dealer, 5, 3, rnd).broadcast().commitment();
    Hash32 view = Hash32.of(new byte[32]);
    var ctx = DkgShares.context(Ciphersuite.TAPROOT, sid, dealer, accuser, c);
    DkgMessage.Round2 bad =
        DkgSignatures.round2(
            sid,
            dealer,
            accuser,
            ShareSealer.seal(ctx, rnd, pubs.get(accuser).bytes(), SecretScalar.random(rnd)),
            c,
            view,
            keys.get(dealer),
            rnd);
    DkgMessage.Complaint genuine =
        DkgSignatures.complaint(
            Ciphersuite.TAPROOT,
            bad,
            c,
            Bip340KeyPair.of(keys.get(accuser)),
            keys.get(accuser),
            rnd);
    // Same accuser signature, other content: not authentic, must not shadow the genuine one.
    DkgMessage.Round2 other =
        DkgSignatures.round2(
            sid,
            dealer,
            accuser,
            ShareSealer.seal(ctx, rnd, pubs.get(accuser).bytes(), SecretScalar.random(rnd)),
            c,
            view,
            keys.get(dealer),
            rnd);
    DkgMessage.Complaint forged =
        new DkgMessage.Complaint(sid, other, c, genuine.disclosure(), genuine.accuserSignature());
    DkgStep first = two.onMessage(Identifier.of(3), forged);
    assertTrue(first.events().stream().anyMatch(e -> e instanceof DkgEvent.Misbehaviour));
    DkgStep second = two.onMessage(Identifier.of(3), genuine);
    assertTrue(
        second.events().stream()
            .anyMatch(e -> e instanceof DkgEvent.Excluded x && x.accused().equals(dealer)),
        second.events().toString());
  }

  @Test
  void ceremonyNamesArePrintableAscii() {
    // The session hash reads the name as ASCII, where every other character becomes '?': "é" and
    // "?" would be the same session.
    assertThrows(IllegalArgumentException.class, () -> new DkgSessionId("caf\u00e9", ids(3)));
    assertThrows(IllegalArgumentException.class, () -> new DkgSessionId("", ids(3)));
    assertThrows(IllegalArgumentException.class, () -> new DkgSessionId("x".repeat(129), ids(3)));
    assertEquals("caf?", new DkgSessionId("caf?", ids(3)).ceremony());
    assertEquals(128, new DkgSessionId("x".repeat(128), ids(3)).ceremony().length());
  }

  @Test
  void round1WithheldFromOneValidatorIsRelayedAndNobodyIsExcluded() {
    // Validator 4 never sends its round-1 package to validator 1 (its lowest honest peer). The
    // package is signed, so the others relay it; without that, 1 alone would vote against 4, never
    // certify, and be voted out itself.
    DkgSimulation sim =
        sim(13, 5, 3, Map.of(Identifier.of(4), DkgFault.WITHHOLD_ROUND1_FROM_ONE), 0, 0, 5);
    DkgResult r = run(sim, ids(5));
    assertEquals(5, r.certificate().signatures().size());
    for (Identifier h : sim.honest()) {
      assertEquals(List.of(), exclusions(sim, h), h.toString());
    }
  }

  static long sent(DkgSimulation sim, Class<? extends DkgMessage> type) {
    return sim.sent().stream().filter(x -> type.isInstance(x.message())).count();
  }

  @Test
  void shareWithheldFromOneIsResentOnRequestAndNobodyIsExcluded() {
    // Validator 4 never sends its round-2 share to validator 1 (its lowest honest peer). 1 asks in
    // public, 4 broadcasts the sealed share, the others pass it on to 1. Without that, 1 alone
    // would vote
    // against 4, never certify, and be voted out itself.
    Identifier victim = Identifier.of(1);
    Identifier dealer = Identifier.of(4);
    DkgSimulation sim =
        sim(14, 5, 3, Map.of(dealer, DkgFault.WITHHOLD_SHARE_FROM_ONE), 0, 0, 5).recordMessages();
    DkgResult r = run(sim, ids(5));
    assertEquals(5, r.certificate().signatures().size());
    for (Identifier h : sim.honest()) {
      assertEquals(List.of(), exclusions(sim, h), h.toString());
    }
    List<DkgMessage.ShareRequest> requests =
        sim.sent().stream()
            .filter(x -> x.message() instanceof DkgMessage.ShareRequest)
            .map(x -> (DkgMessage.ShareRequest) x.message())
            .toList();
    assertFalse(requests.isEmpty(), "the victim asked");
    for (DkgMessage.ShareRequest q : requests) {
      assertEquals(victim, q.requester());
      assertEquals(dealer, q.dealer());
    }
    assertEquals(0, sent(sim, DkgMessage.TimeoutVote.class), "nobody voted");
  }

  @Test
  void shareWithheldAndNeverResentVotesOutTheDealerOnly() {
    Identifier victim = Identifier.of(1);
    Identifier dealer = Identifier.of(4);
    DkgSimulation sim =
        sim(15, 5, 3, Map.of(dealer, DkgFault.WITHHOLD_SHARE_NO_REVEAL), 0, 0, 5).recordMessages();
    DkgResult r = run(sim, ids(5, 4));
    assertTrue(r.session().participants().contains(victim));
    DkgSessionId first = new DkgSessionId("sim-15", ids(5));
    for (Identifier h : sim.honest()) {
      List<DkgEvent.Excluded> x = exclusions(sim, h);
      assertEquals(1, x.size(), h + " " + x);
      assertEquals(dealer, x.get(0).accused());
      assertEquals(DkgEvent.Reason.TIMEOUT, x.get(0).reason());
      assertEquals(first, x.get(0).session());
      assertTrue(x.get(0).proof().size() >= first.voteQuorum(3), x.get(0).proof().toString());
    }
    // Every vote cast was against the dealer: none against the starved victim.
    sim.sent().stream()
        .filter(x -> x.message() instanceof DkgMessage.TimeoutVote)
        .forEach(x -> assertEquals(dealer, ((DkgMessage.TimeoutVote) x.message()).accused()));
  }

  @Test
  void shareWithheldOnALossyLargerGroupIsResent() {
    // 15 of 10, two dealers withholding from the same victim (one answers, one does not).
    DkgSimulation sim =
        sim(
            16,
            15,
            10,
            Map.of(
                Identifier.of(6), DkgFault.WITHHOLD_SHARE_FROM_ONE,
                Identifier.of(11), DkgFault.WITHHOLD_SHARE_NO_REVEAL),
            0.1,
            0.1,
            40);
    run(sim, ids(15, 11));
    for (Identifier h : sim.honest()) {
      List<DkgEvent.Excluded> x = exclusions(sim, h);
      assertEquals(1, x.size(), h + " " + x);
      assertEquals(Identifier.of(11), x.get(0).accused());
    }
  }

  @Test
  void aRequestKeptFromTheDealerIsPassedOnAndAnsweredSoNobodyIsExcluded() {
    // Validator 2 asks every honest dealer for the share it already has, and sends each request
    // to everyone but that dealer: the others pass it on, the dealers answer, nobody is voted out.
    // (Delays of up to 30 ticks, so that the requests arrive before the DKG is over.)
    DkgSimulation sim =
        sim(17, 5, 3, Map.of(Identifier.of(2), DkgFault.SPURIOUS_REQUEST), 0, 0, 30)
            .recordMessages();
    run(sim, ids(5));
    for (Identifier h : sim.honest()) {
      assertEquals(List.of(), exclusions(sim, h), h.toString());
    }
    // Every honest dealer answered with the sealed share it had dealt 2, broadcast to the others
    // (each was asked behind its back).
    Set<Identifier> answered = new TreeSet<>();
    sim.sent().stream()
        .filter(x -> x.message() instanceof DkgMessage.Round2 r && !x.to().equals(r.receiver()))
        .map(x -> (DkgMessage.Round2) x.message())
        .filter(x -> x.receiver().equals(Identifier.of(2)))
        .forEach(x -> answered.add(x.dealer()));
    assertEquals(Set.copyOf(sim.honest()), answered);
    assertEquals(0, sent(sim, DkgMessage.TimeoutVote.class), "nobody voted");
  }

  @Test
  void theShareLeakAttackFindsNoShareOnTheWire() {
    // 7 validators, t = 4: f = n − t = 3 Byzantine validators (two ask for the shares they hold,
    // one withholds its share from validator 1), and the network delays every honest dealer's
    // round-2 messages to t − f + 1 = 2 honest validators, which therefore ask for their shares in
    // public. Had the dealers answered with the share in the clear, the adversary would hold f +
    // (t − f + 1) = t + 1 points of each honest dealer's polynomial. Every message on the wire is
    // scanned for such a point (the simulation's secrecy invariant): none is there.
    Map<Identifier, DkgFault> byz =
        Map.of(
            Identifier.of(5), DkgFault.SPURIOUS_REQUEST,
            Identifier.of(6), DkgFault.SPURIOUS_REQUEST,
            Identifier.of(7), DkgFault.WITHHOLD_SHARE_FROM_ONE);
    Set<Identifier> delayed = Set.of(Identifier.of(1), Identifier.of(2));
    DkgSimulation sim =
        DkgSimulation.of(DkgScenario.shareLeakAttack(31, 7, 4, byz, delayed)).recordMessages();
    DkgResult r = run(sim, ids(7));
    assertEquals(7, r.certificate().signatures().size());
    // The attack path ran: each delayed validator asked every honest dealer in public, and every
    // honest dealer answered by broadcasting the same sealed share.
    for (Identifier victim : delayed) {
      Set<Identifier> askedOf = new TreeSet<>();
      Set<Identifier> answeredBy = new TreeSet<>();
      for (DkgSimulation.Sent x : sim.sent()) {
        if (x.message() instanceof DkgMessage.ShareRequest q && q.requester().equals(victim)) {
          askedOf.add(q.dealer());
        }
        if (x.message() instanceof DkgMessage.Round2 m
            && m.receiver().equals(victim)
            && x.from().equals(m.dealer())
            && !x.to().equals(victim)) {
          answeredBy.add(m.dealer());
        }
      }
      Set<Identifier> honestDealers = new TreeSet<>(sim.honest());
      honestDealers.remove(victim);
      assertTrue(askedOf.containsAll(honestDealers), victim + " asked of " + askedOf);
      assertTrue(answeredBy.containsAll(honestDealers), victim + " answered by " + answeredBy);
    }
  }

  @Test
  void aPeersCertificateSignatureCountsOnlyOnceItVerifies() {
    // Validator 1 of 3 (t = 2) in round 2, its peers' shares not yet in. A garbage "certificate
    // signature" from 2 must not make it ask for its shares early (T/8 later): only a signature
    // that verifies against the transcript and group key round 1 fixes shows that a peer had every
    // share. A valid one from 3 does.
    SecureRandom rnd = new SecureRandom();
    List<Identifier> ids = ids(3);
    Map<Identifier, SecretScalar> keys = new TreeMap<>();
    Map<Identifier, Bip340PublicKey> pubs = new TreeMap<>();
    for (Identifier id : ids) {
      keys.put(id, SecretScalar.random(rnd));
      pubs.put(id, Bip340PublicKey.of(keys.get(id).publicPoint().xOnly()));
    }
    long timeout = 8_000;
    long[] now = {0};
    Identifier me = Identifier.of(1);
    DkgSession one =
        new DkgSession(
            new DkgConfig(
                "cert-early",
                me,
                ids,
                2,
                pubs,
                keys.get(me),
                Ciphersuite.TAPROOT,
                Network.REGTEST,
                timeout,
                50),
            () -> now[0],
            () -> rnd);
    DkgStep start = one.start();
    DkgSessionId sid = one.session();
    DkgMessage.Round1 mine =
        (DkgMessage.Round1)
            start.messages().stream()
                .map(Outgoing::message)
                .filter(m -> m instanceof DkgMessage.Round1)
                .findFirst()
                .orElseThrow();
    TreeMap<Identifier, dev.frostgate.crypto.frost.dkg.Round1Package> all = new TreeMap<>();
    all.put(me, mine.pkg());
    for (int i = 2; i <= 3; i++) {
      Identifier p = Identifier.of(i);
      var p1 = Dkg.part1(Ciphersuite.TAPROOT, p, 3, 2, rnd);
      all.put(p, p1.broadcast());
      one.onMessage(p, DkgSignatures.round1(sid, p1.broadcast(), keys.get(p), rnd));
    }
    // Round 2 has begun (our shares went out); the peers' shares never come.
    TreeMap<Identifier, dev.frostgate.crypto.frost.dkg.Round1Package> others = new TreeMap<>(all);
    others.remove(Identifier.of(3));
    Hash32 transcript =
        Dkg.transcriptHash(
            Ciphersuite.TAPROOT,
            2,
            3,
            others,
            Identifier.of(3),
            all.get(Identifier.of(3)).commitment());
    List<VssCommitment> cs = all.values().stream().map(p -> p.commitment()).toList();
    var groupKey = VssCommitment.sum(cs).constant();
    byte[] garbage = new byte[64];
    rnd.nextBytes(garbage);
    DkgStep bad =
        one.onMessage(
            Identifier.of(2),
            new DkgMessage.CertificateSignature(sid, Bip340Signature.of(garbage)));
    now[0] = timeout / 8 + 1;
    assertEquals(0, requests(one.onTick()), "no request on an unverified signature");
    assertTrue(
        bad.events().stream().anyMatch(e -> e instanceof DkgEvent.Misbehaviour),
        bad.events().toString());
    Bip340Signature valid =
        dev.frostgate.crypto.frost.dkg.DkgCertificate.sign(
            transcript, groupKey, keys.get(Identifier.of(3)), new byte[32]);
    one.onMessage(Identifier.of(3), new DkgMessage.CertificateSignature(sid, valid));
    now[0] += timeout / 8 + 1;
    assertEquals(2, requests(one.onTick()), "both missing shares asked for");
  }

  private static long requests(DkgStep step) {
    return step.messages().stream()
        .map(Outgoing::message)
        .filter(m -> m instanceof DkgMessage.ShareRequest)
        .map(m -> ((DkgMessage.ShareRequest) m).dealer())
        .distinct()
        .count();
  }

  @Test
  void thresholdMustExceedHalf() {
    assertThrows(IllegalArgumentException.class, () -> sim(1, 4, 2, Map.of(), 0, 0, 3));
  }

  @Test
  void tooFewLeftFails() {
    DkgSimulation sim = sim(6, 3, 3, Map.of(Identifier.of(3), DkgFault.SILENT), 0, 0, 5);
    DkgSimulation.Result r = sim.run();
    assertTrue(r.ok(), r.line());
    for (Identifier h : sim.honest()) {
      assertTrue(sim.session(h).isFailed(), h + " should have failed");
    }
  }
}
