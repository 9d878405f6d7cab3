package dev.frostgate.sim.dkg;

import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.SecretPolynomial;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.Dkg;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.frost.dkg.Round1Secret;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.seal.SealException;
import dev.frostgate.crypto.seal.SealedShare;
import dev.frostgate.crypto.seal.ShareSealer;
import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.engine.dkg.DkgSessionId;
import dev.frostgate.engine.dkg.DkgShares;
import dev.frostgate.engine.dkg.DkgSignatures;
import dev.frostgate.testkit.crypto.SeededSecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Byzantine validators of the DKG simulation, one {@link DkgFault} behaviour each: wrong or
 * unopenable sealed shares, false and late complaints, a second round-1 package to half the honest
 * peers, a made-up view, packages or shares withheld from one peer, withheld certification, public
 * requests for shares already received. Its randomness is fixed per message (seeded from the seed
 * and the session), never the run's stream, so the Byzantine validators do not move a seed's other
 * draws.
 */
final class DkgAdversary {
  /** How a Byzantine validator puts a message of its own on the wire (seen by the invariants). */
  interface Sender {
    void send(Identifier from, Identifier to, DkgMessage m);
  }

  /** An equivocator's second round-1 package and its secret polynomial. */
  private record Second(DkgMessage.Round1 round1, Round1Secret secret) {}

  private final DkgScenario scenario;
  private final Map<Identifier, SecretScalar> idKeys;
  private final Map<Identifier, Bip340PublicKey> pubs;
  private final Sender sender;

  // (session, dealer) -> commitment seen by a Byzantine node.
  private final Map<String, VssCommitment> commitments = new HashMap<>();
  private final Set<Identifier> complained = new HashSet<>();
  private final Map<Identifier, DkgMessage.Complaint> lateComplaint = new HashMap<>();
  // Spurious requesters: (session, dealer) pairs already asked for.
  private final Set<String> requestedBehindBack = new HashSet<>();
  // Equivocators: (session, equivocator) -> round-1 packages delivered to it; its second package.
  private final Map<String, TreeMap<Identifier, Round1Package>> seenByEquivocator = new HashMap<>();
  private final Map<String, Second> seconds = new HashMap<>();

  DkgAdversary(
      DkgScenario scenario,
      Map<Identifier, SecretScalar> idKeys,
      Map<Identifier, Bip340PublicKey> pubs,
      Sender sender) {
    this.scenario = scenario;
    this.idKeys = idKeys;
    this.pubs = pubs;
    this.sender = sender;
  }

  /**
   * After {@code node} sent {@code m}: a {@link DkgFault#LATE_COMPLAINT} validator, once it sent
   * its final message, sends the complaint it kept back to everyone.
   */
  void afterSend(DkgNode node, DkgMessage m) {
    if (node.byzantine == DkgFault.LATE_COMPLAINT
        && m instanceof DkgMessage.Final
        && lateComplaint.containsKey(node.id)
        && complained.add(node.id)) {
      DkgMessage.Complaint c = lateComplaint.get(node.id);
      for (Identifier p : c.session().participants()) {
        if (!p.equals(node.id)) {
          sender.send(node.id, p, c);
        }
      }
    }
  }

  /** What Byzantine {@code node} does on a message delivered to it (before its engine sees it). */
  void onDelivery(DkgNode node, DkgSimulation.Deliver d) {
    DkgFault b = node.byzantine;
    if (b == DkgFault.SPURIOUS_REQUEST
        && d.message() instanceof DkgMessage.Round2 r
        && r.receiver().equals(node.id)
        && !scenario.isByzantine(r.dealer())
        && requestedBehindBack.add(r.session() + "/" + r.dealer())) {
      // It has this share, and asks for it in public anyway, behind the dealer's back.
      DkgMessage.ShareRequest q =
          DkgSignatures.shareRequest(
              r.session(), node.id, r.dealer(), idKeys.get(node.id), new SeededSecureRandom(8));
      for (Identifier p : r.session().participants()) {
        if (!p.equals(node.id) && !p.equals(r.dealer())) {
          sender.send(node.id, p, q);
        }
      }
    }
    if (b == DkgFault.EQUIVOCATE_ROUND1 && d.message() instanceof DkgMessage.Round1 r) {
      seenByEquivocator
          .computeIfAbsent(r.session() + "/" + node.id, k -> new TreeMap<>())
          .putIfAbsent(r.author(), r.pkg());
    }
    if ((b == DkgFault.LATE_COMPLAINT || b == DkgFault.FALSE_COMPLAINT)
        && d.message() instanceof DkgMessage.Round1 r) {
      commitments.put(r.session() + "/" + r.author(), r.pkg().commitment());
    }
    if ((b == DkgFault.LATE_COMPLAINT || b == DkgFault.FALSE_COMPLAINT)
        && d.message() instanceof DkgMessage.Round2 r
        && r.receiver().equals(node.id)
        && !complained.contains(node.id)) {
      VssCommitment c = commitments.get(r.session() + "/" + r.dealer());
      // A false complaint: against a share that does match the dealer's commitment (the accuser
      // discloses the key of a sealed share that opens to a good share).
      if (c != null && opensToGoodShare(r, c)) {
        DkgMessage.Complaint complaint =
            DkgSignatures.complaint(
                Ciphersuite.TAPROOT,
                r,
                c,
                Bip340KeyPair.of(idKeys.get(node.id)),
                idKeys.get(node.id),
                new SeededSecureRandom(1));
        if (b == DkgFault.LATE_COMPLAINT) {
          lateComplaint.putIfAbsent(node.id, complaint);
        } else {
          complained.add(node.id);
          for (Identifier p : r.session().participants()) {
            if (!p.equals(node.id)) {
              sender.send(node.id, p, complaint);
            }
          }
        }
      }
    }
  }

  /** Whether a sealed share opens, with its receiver's key, to the share its commitment fixes. */
  private boolean opensToGoodShare(DkgMessage.Round2 r, VssCommitment c) {
    try {
      SecretScalar share =
          DkgShares.open(Ciphersuite.TAPROOT, r, c, Bip340KeyPair.of(idKeys.get(r.receiver())));
      try {
        return share.publicPoint().equals(c.evaluate(r.receiver()));
      } finally {
        share.destroy();
      }
    } catch (SealException | FrostException e) {
      return false;
    }
  }

  /** What a Byzantine validator sends instead of {@code m} (null: nothing). */
  DkgMessage outgoing(DkgNode node, Identifier to, DkgMessage m) {
    switch (node.byzantine) {
      case BAD_SHARE -> {
        return corrupt(node.id, to, m);
      }
      case EQUIVOCATE_ROUND1 -> {
        if (m instanceof DkgMessage.Round1Set || m instanceof DkgMessage.Equivocation) {
          return null; // it would give itself away
        }
        return equivocate(node.id, to, m);
      }
      case WITHHOLD_ROUND1_FROM_ONE -> {
        List<Identifier> peers = honestPeers(node.id, m.session());
        boolean victim = !peers.isEmpty() && to.equals(peers.get(0));
        return victim && (m instanceof DkgMessage.Round1 || m instanceof DkgMessage.Round1Set)
            ? null
            : m;
      }
      case LIE_VIEW -> {
        return lie(node.id, to, m);
      }
      case WITHHOLD_SHARE_FROM_ONE, WITHHOLD_SHARE_NO_REVEAL -> {
        if (m instanceof DkgMessage.Round2 r && r.dealer().equals(node.id)) {
          List<Identifier> peers = honestPeers(node.id, r.session());
          Identifier victim = peers.isEmpty() ? null : peers.get(0);
          if (to.equals(victim)) {
            return null; // never straight to the victim
          }
          if (r.receiver().equals(victim) && node.byzantine == DkgFault.WITHHOLD_SHARE_NO_REVEAL) {
            return null; // and never answers its request either
          }
        }
        return m;
      }
      case WITHHOLD_CERT -> {
        if (m instanceof DkgMessage.CertificateSignature
            || m instanceof DkgMessage.TestCommit
            || m instanceof DkgMessage.TestShare
            || m instanceof DkgMessage.Final) {
          return null;
        }
        return m;
      }
      default -> {
        return m;
      }
    }
  }

  /**
   * The bad dealer sends its lowest-numbered peer a wrong sealed share, signed as its own: in half
   * the sessions f(victim) + 1 sealed properly (it opens, and is off the commitment), in the other
   * half a ciphertext that does not open at all.
   */
  private DkgMessage corrupt(Identifier from, Identifier to, DkgMessage m) {
    if (m instanceof DkgMessage.Round1 r) {
      commitments.put(r.session() + "/" + from, r.pkg().commitment());
    }
    if (m instanceof DkgMessage.Round2 r && r.dealer().equals(from)) {
      Identifier victim =
          r.session().participants().stream().filter(p -> !p.equals(from)).findFirst().get();
      if (r.receiver().equals(victim)) {
        VssCommitment c = commitments.get(r.session() + "/" + from);
        SealedShare bad;
        if ((r.session().hashCode() & 1) == 0) {
          SecretScalar share =
              DkgShares.open(Ciphersuite.TAPROOT, r, c, Bip340KeyPair.of(idKeys.get(victim)));
          SecretScalar wrong = share.add(Scalar.ONE);
          bad =
              ShareSealer.seal(
                  DkgShares.context(Ciphersuite.TAPROOT, r.session(), from, victim, c),
                  new SeededSecureRandom(2),
                  pubs.get(victim).bytes(),
                  wrong);
          share.destroy();
          wrong.destroy();
        } else {
          byte[] garbled = r.sealed().encode();
          garbled[40] ^= 1;
          bad = SealedShare.decode(garbled);
        }
        return DkgSignatures.round2(
            r.session(),
            from,
            victim,
            bad,
            c,
            r.view(),
            idKeys.get(from),
            new SeededSecureRandom(2));
      }
    }
    return m;
  }

  /** Honest peers of {@code from} in {@code s}, in identifier order. */
  private List<Identifier> honestPeers(Identifier from, DkgSessionId s) {
    return s.participants().stream()
        .filter(p -> !p.equals(from) && !scenario.isByzantine(p))
        .toList();
  }

  /** The equivocator's second package for every other honest peer, with matching shares. */
  private DkgMessage equivocate(Identifier from, Identifier to, DkgMessage m) {
    DkgSessionId s = m.session();
    if (honestPeers(from, s).indexOf(to) % 2 != 1) {
      return m;
    }
    Second second =
        seconds.computeIfAbsent(
            s + "/" + from,
            k -> {
              SeededSecureRandom r =
                  new SeededSecureRandom(
                      scenario.seed() * 17 + s.hashCode() * 31L + from.hashCode());
              Dkg.Part1 p1 = Dkg.part1(Ciphersuite.TAPROOT, from, s.size(), scenario.t(), r);
              return new Second(
                  DkgSignatures.round1(s, p1.broadcast(), idKeys.get(from), r), p1.secret());
            });
    if (m instanceof DkgMessage.Round1 r && r.author().equals(from)) {
      return second.round1();
    }
    if (m instanceof DkgMessage.Round2 r && r.dealer().equals(from) && r.receiver().equals(to)) {
      // The view `to` holds: the packages the equivocator holds, with its second package.
      TreeMap<Identifier, Round1Package> view =
          new TreeMap<>(seenByEquivocator.getOrDefault(s + "/" + from, new TreeMap<>()));
      view.put(from, second.round1().pkg());
      Hash32 v = DkgSignatures.viewDigest(s, view);
      SecretPolynomial f = second.secret().polynomial();
      VssCommitment c = second.round1().pkg().commitment();
      SecretScalar share = f.evaluate(to);
      SealedShare sealed =
          DkgShares.seal(Ciphersuite.TAPROOT, s, from, c, f.constant(), to, pubs.get(to), share);
      share.destroy();
      return DkgSignatures.round2(
          s, from, to, sealed, c, v, idKeys.get(from), new SeededSecureRandom(4));
    }
    return m;
  }

  /** A made-up view, validly signed, in the round-2 message to the lowest honest peer. */
  private DkgMessage lie(Identifier from, Identifier to, DkgMessage m) {
    if (m instanceof DkgMessage.Round2 r
        && r.dealer().equals(from)
        && r.receiver().equals(to)
        && to.equals(honestPeers(from, r.session()).get(0))) {
      byte[] flipped = r.view().bytes();
      flipped[0] ^= 1;
      Hash32 fake = Hash32.of(flipped);
      VssCommitment c = commitments.get(r.session() + "/" + from);
      return DkgSignatures.round2(
          r.session(), from, to, r.sealed(), c, fake, idKeys.get(from), new SeededSecureRandom(6));
    }
    if (m instanceof DkgMessage.Round1 r) {
      commitments.put(r.session() + "/" + from, r.pkg().commitment());
    }
    return m;
  }
}
