package dev.frostgate.node.engine.dkg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.DkgAcceptance;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.frost.dkg.InvalidShareEvidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DkgSessionTest {

  /** Checks every invariant of a finished run; returns the common result. */
  static DkgResult check(DkgNet net, List<Identifier> expectedParticipants, String where) {
    DkgResult first = null;
    for (Identifier id : net.honest()) {
      DkgSession s = net.nodes.get(id);
      assertTrue(s.result().isPresent(), where + ": " + id + " did not complete " + s.session());
      DkgResult r = s.result().get();
      if (expectedParticipants != null) {
        assertEquals(expectedParticipants, r.session().participants(), where);
      } else {
        assertTrue(r.session().participants().containsAll(net.honest()), where);
      }
      Map<Identifier, byte[]> keys = new TreeMap<>();
      for (Identifier p : r.session().participants()) {
        keys.put(p, net.idKeys.get(p).publicPoint().xOnly());
      }
      r.certificate().verify(keys);
      DkgOutput o = new DkgOutput(r.rawKeyPackage(), r.rawPublicKeyPackage(), r.transcriptHash());
      DkgAcceptance.verify(o.publicKeyPackage(), r.transcriptHash(), r.testSignature());
      assertEquals(id, r.rawKeyPackage().identifier());
      assertEquals(
          r.rawPublicKeyPackage().verifyingShares().get(id), r.rawKeyPackage().verifyingShare());
      if (first == null) {
        first = r;
      } else {
        assertEquals(first.rawKeyPackage().verifyingKey(), r.rawKeyPackage().verifyingKey(), where);
        assertEquals(first.certificate(), r.certificate(), where);
        assertArrayEquals(first.transcriptHash(), r.transcriptHash(), where);
        assertEquals(first.xpub().serialize(), r.xpub().serialize(), where);
      }
      // A validator is only ever excluded with a valid proof, and only a Byzantine one.
      for (DkgEvent e : net.events.get(id)) {
        if (e instanceof DkgEvent.Excluded x) {
          assertTrue(net.byz.containsKey(x.accused()), where + ": honest excluded " + x);
          Map<Identifier, byte[]> all = publicKeys(net);
          switch (x.reason()) {
            case TIMEOUT -> assertTrue(x.proof().size() >= x.session().voteQuorum(net.t), where);
            case EQUIVOCATION ->
                assertEquals(
                    x.accused(),
                    DkgSignatures.equivocator((DkgMessage.Equivocation) x.proof().get(0), all)
                        .orElseThrow(),
                    where + ": proof");
            default ->
                assertEquals(
                    x.accused(),
                    DkgSignatures.culprit((DkgMessage.Complaint) x.proof().get(0), all)
                        .orElseThrow(),
                    where + ": proof");
          }
        }
      }
    }
    return first;
  }

  /** Only the public identity keys: what a third party has. */
  static Map<Identifier, byte[]> publicKeys(DkgNet net) {
    Map<Identifier, byte[]> all = new TreeMap<>();
    net.idKeys.forEach((k, v) -> all.put(k, v.publicPoint().xOnly()));
    return all;
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

  static List<DkgEvent.Excluded> exclusions(DkgNet net, Identifier at) {
    return net.events.get(at).stream()
        .filter(e -> e instanceof DkgEvent.Excluded)
        .map(e -> (DkgEvent.Excluded) e)
        .toList();
  }

  @Test
  void fiveOfThreeCompletes() {
    DkgNet net = new DkgNet(1, 5, 3, Map.of(), 0, 0, 5);
    net.run(100_000);
    DkgResult r = check(net, ids(5), "5/3");
    assertEquals(5, r.certificate().signatures().size());
    assertEquals(3, r.rawKeyPackage().minSigners());
  }

  @Test
  void fifteenOfTenCompletes() {
    DkgNet net = new DkgNet(2, 15, 10, Map.of(), 0, 0, 5);
    net.run(100_000);
    DkgResult r = check(net, ids(15), "15/10");
    assertEquals(15, r.certificate().signatures().size());
  }

  @Test
  void badShareExcludesTheDealerWithEvidenceAndRestarts() {
    DkgNet net = new DkgNet(3, 5, 3, Map.of(Identifier.of(4), DkgNet.Byz.BAD_SHARE), 0, 0, 5);
    net.run(100_000);
    check(net, ids(5, 4), "bad share");
    for (Identifier h : net.honest()) {
      List<DkgEvent.Excluded> x = exclusions(net, h);
      assertEquals(1, x.size(), h + " " + x);
      assertEquals(Identifier.of(4), x.get(0).accused());
      assertEquals(DkgEvent.Reason.INVALID_SHARE, x.get(0).reason());
      InvalidShareEvidence ev = ((DkgMessage.Complaint) x.get(0).proof().get(0)).evidence();
      assertTrue(ev.isValid());
      assertEquals(Identifier.of(1), ev.accuser());
    }
    assertTrue(net.nodes.get(Identifier.of(4)).isFailed());
  }

  @Test
  void falseComplaintExcludesTheComplainer() {
    DkgNet net = new DkgNet(4, 5, 3, Map.of(Identifier.of(2), DkgNet.Byz.FALSE_COMPLAINT), 0, 0, 5);
    net.run(100_000);
    check(net, ids(5, 2), "false complaint");
    for (Identifier h : net.honest()) {
      List<DkgEvent.Excluded> x = exclusions(net, h);
      assertEquals(1, x.size(), h + " " + x);
      assertEquals(Identifier.of(2), x.get(0).accused());
      assertEquals(DkgEvent.Reason.FALSE_COMPLAINT, x.get(0).reason());
      assertFalse(((DkgMessage.Complaint) x.get(0).proof().get(0)).evidence().isValid());
    }
  }

  @Test
  void silentValidatorTimesOutAndIsExcluded() {
    DkgNet net = new DkgNet(5, 5, 3, Map.of(Identifier.of(5), DkgNet.Byz.SILENT), 0, 0, 5);
    net.run(100_000);
    check(net, ids(5, 5), "silent");
    for (Identifier h : net.honest()) {
      List<DkgEvent.Excluded> x = exclusions(net, h);
      assertEquals(1, x.size(), h + " " + x);
      assertEquals(DkgEvent.Reason.TIMEOUT, x.get(0).reason());
    }
  }

  @Test
  void withheldCertificateTimesOutAndIsExcluded() {
    DkgNet net = new DkgNet(7, 5, 3, Map.of(Identifier.of(1), DkgNet.Byz.WITHHOLD_CERT), 0, 0, 5);
    net.run(100_000);
    check(net, ids(5, 1), "withheld certificate");
    for (Identifier h : net.honest()) {
      List<DkgEvent.Excluded> x = exclusions(net, h);
      assertEquals(1, x.size(), h + " " + x);
      assertEquals(DkgEvent.Reason.TIMEOUT, x.get(0).reason());
    }
  }

  @Test
  void fifteenOfTenWithBadDealerOnLossyNetwork() {
    DkgNet net =
        new DkgNet(8, 15, 10, Map.of(Identifier.of(9), DkgNet.Byz.BAD_SHARE), 0.1, 0.1, 40);
    net.run(200_000);
    check(net, ids(15, 9), "15/10 bad dealer");
  }

  @Test
  void lateFalseComplaintAfterCompletionStillConverges() {
    int adopted = 0;
    for (long seed = 100; seed < 110; seed++) {
      DkgNet net =
          new DkgNet(
              seed, 5, 3, Map.of(Identifier.of(3), DkgNet.Byz.LATE_COMPLAINT), 0.05, 0.05, 30);
      net.run(100_000);
      DkgResult r = check(net, null, "late complaint seed " + seed);
      for (Identifier h : net.honest()) {
        if (!exclusions(net, h).isEmpty()
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
    DkgNet net = new DkgNet(11, 5, 3, Map.of(e, DkgNet.Byz.EQUIVOCATE_ROUND1), 0, 0, 3);
    net.run(100_000);
    DkgResult r = check(net, ids(5, 2), "equivocation");
    assertEquals(4, r.certificate().signatures().size());
    SessionId first = new SessionId("test-11", ids(5));
    // Safety: no honest validator certified the session in which the views differed.
    java.util.Set<Identifier> signers =
        new java.util.TreeSet<>(net.certified.getOrDefault(first, java.util.Set.of()));
    signers.retainAll(net.honest());
    assertEquals(java.util.Set.of(), signers, "certificate signatures on differing views");
    Map<Identifier, byte[]> thirdParty = publicKeys(net);
    for (Identifier h : net.honest()) {
      List<DkgEvent.Excluded> x = exclusions(net, h);
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
            p.pkg().proof().verify(ciphersuite(), e, p.pkg().commitment().constant()),
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
      byte[] otherSig = proof.second().signature();
      otherSig[5] ^= 1;
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
    DkgNet net = new DkgNet(12, 5, 3, Map.of(liar, DkgNet.Byz.LIE_VIEW), 0, 0, 5);
    net.run(100_000);
    check(net, ids(5, 3), "view liar");
    SessionId first = new SessionId("test-12", ids(5));
    assertFalse(
        net.certified.getOrDefault(first, java.util.Set.of()).contains(Identifier.of(1)),
        "the lied-to validator certified");
    for (Identifier h : net.honest()) {
      List<DkgEvent.Excluded> x = exclusions(net, h);
      assertEquals(1, x.size(), h + " " + x);
      assertEquals(liar, x.get(0).accused());
      assertEquals(DkgEvent.Reason.TIMEOUT, x.get(0).reason());
    }
  }

  static dev.frostgate.crypto.frost.Ciphersuite ciphersuite() {
    return dev.frostgate.crypto.frost.Ciphersuite.TAPROOT;
  }

  @Test
  void forgedProofWithAGenuineSignatureDoesNotHideTheGenuineProof() {
    DkgNet net = new DkgNet(9, 5, 3, Map.of(), 0, 0, 5);
    DkgSession two = net.nodes.get(Identifier.of(2));
    two.start();
    SessionId sid = two.session();
    Identifier dealer = Identifier.of(4);
    Identifier accuser = Identifier.of(1);
    var rnd = new DkgNet.SeededRandom(5);
    VssCommitment c =
        dev.frostgate.crypto.frost.dkg.Dkg.part1(
                dev.frostgate.crypto.frost.Ciphersuite.TAPROOT, dealer, 5, 3, rnd)
            .broadcast()
            .commitment();
    Scalar bad = Scalar.of(12345);
    byte[] view = new byte[32];
    byte[] dealerSig =
        DkgSignatures.sign(
            DkgSignatures.shareDigest(sid, dealer, accuser, Point.mulGenerator(bad), c, view),
            net.idKeys.get(dealer),
            rnd);
    DkgMessage.Complaint genuine =
        DkgSignatures.complaint(
            sid,
            new InvalidShareEvidence(dealer, accuser, bad, c),
            view,
            dealerSig,
            net.idKeys.get(accuser),
            rnd);
    // Same accuser signature, other content: not authentic, must not shadow the genuine one.
    DkgMessage.Complaint forged =
        new DkgMessage.Complaint(
            sid,
            new InvalidShareEvidence(dealer, accuser, Scalar.of(777), c),
            view,
            dealerSig,
            genuine.accuserSignature());
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
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new SessionId("caf\u00e9", ids(3)));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new SessionId("", ids(3)));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new SessionId("x".repeat(129), ids(3)));
    assertEquals("caf?", new SessionId("caf?", ids(3)).ceremony());
    assertEquals(128, new SessionId("x".repeat(128), ids(3)).ceremony().length());
  }

  @Test
  void thresholdMustExceedHalf() {
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> new DkgNet(1, 4, 2, Map.of(), 0, 0, 3));
  }

  @Test
  void tooFewLeftFails() {
    DkgNet net = new DkgNet(6, 3, 3, Map.of(Identifier.of(3), DkgNet.Byz.SILENT), 0, 0, 5);
    net.run(100_000);
    for (Identifier h : net.honest()) {
      assertTrue(net.nodes.get(h).isFailed(), h + " should have failed");
    }
  }
}
