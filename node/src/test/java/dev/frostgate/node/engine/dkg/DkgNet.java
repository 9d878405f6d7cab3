package dev.frostgate.node.engine.dkg;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.Dkg;
import dev.frostgate.crypto.frost.dkg.InvalidShareEvidence;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.crypto.frost.dkg.Round1Secret;
import dev.frostgate.crypto.frost.dkg.Round2Package;
import dev.frostgate.crypto.hd.Network;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A seeded simulated network for DKG sessions: loss, duplication, reordering (random delay), and
 * Byzantine validators (bad share to one peer, false complaint, silent, withheld certificate, late
 * complaint, round-1 equivocation, a lie about its view of round 1).
 */
final class DkgNet {
  enum Byz {
    BAD_SHARE,
    FALSE_COMPLAINT,
    SILENT,
    /** Runs rounds 1 and 2, then withholds its certificate signature and test contributions. */
    WITHHOLD_CERT,
    /** A false complaint sent only once it completed itself (other validators may not have yet). */
    LATE_COMPLAINT,
    /**
     * Signs a second valid round-1 package (fresh polynomial, valid proof) and sends it to every
     * other honest peer (by identifier order: the 2nd, 4th, ...), the original to the rest; its
     * round-2 shares and view match what each receiver holds. Never sends a round-1 set or an
     * equivocation proof itself.
     */
    EQUIVOCATE_ROUND1,
    /**
     * Runs honestly but signs a made-up view digest in its round-2 message to its lowest-numbered
     * honest peer (no equivocation behind it).
     */
    LIE_VIEW
  }

  static final long TICK = 10;

  record Delivery(long at, long seq, Identifier from, Identifier to, DkgMessage m) {}

  final int n;
  final int t;
  final Map<Identifier, Byz> byz;
  final double loss;
  final double dup;
  final int maxDelay;
  final SplittableRandom net;
  long now;
  long seq;
  final PriorityQueue<Delivery> queue =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  final TreeMap<Identifier, DkgSession> nodes = new TreeMap<>();
  final Map<Identifier, SecretScalar> idKeys = new TreeMap<>();
  final Map<Identifier, List<DkgEvent>> events = new TreeMap<>();
  // Byzantine bookkeeping: (session, dealer) -> commitment seen by the Byzantine node.
  final Map<String, VssCommitment> commitments = new HashMap<>();
  final java.util.Set<Identifier> complained = new java.util.HashSet<>();
  long messages;
  final Map<Identifier, DkgMessage.Complaint> lateComplaint = new HashMap<>();
  // Equivocators: (session, author) -> packages delivered to the equivocator; the second package.
  final Map<String, TreeMap<Identifier, Round1Package>> seenByEquivocator = new HashMap<>();
  final Map<String, Second> seconds = new HashMap<>();
  // Who sent a certificate signature for which session (to check that none is sent on bad views).
  final Map<SessionId, java.util.Set<Identifier>> certified = new HashMap<>();

  /** An equivocator's second round-1 package and its secret polynomial. */
  record Second(DkgMessage.Round1 round1, Round1Secret secret) {}

  DkgNet(long seed, int n, int t, Map<Identifier, Byz> byz, double loss, double dup, int maxDelay) {
    this.n = n;
    this.t = t;
    this.byz = byz;
    this.loss = loss;
    this.dup = dup;
    this.maxDelay = maxDelay;
    this.net = new SplittableRandom(seed);
    SecureRandom keys = new SeededRandom(seed * 31 + 7);
    Map<Identifier, byte[]> pubs = new TreeMap<>();
    List<Identifier> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      Identifier id = Identifier.of(i);
      ids.add(id);
      SecretScalar k = SecretScalar.random(keys);
      idKeys.put(id, k);
      pubs.put(id, k.publicPoint().xOnly());
    }
    for (Identifier id : ids) {
      DkgConfig c =
          new DkgConfig(
              "test-" + seed,
              id,
              ids,
              t,
              pubs,
              idKeys.get(id),
              Ciphersuite.TAPROOT,
              Network.REGTEST,
              3000,
              50);
      SeededRandom r = new SeededRandom(seed * 1000 + id.hashCode());
      nodes.put(id, new DkgSession(c, () -> now, () -> r));
      events.put(id, new ArrayList<>());
    }
  }

  List<Identifier> honest() {
    return nodes.keySet().stream().filter(id -> !byz.containsKey(id)).toList();
  }

  boolean honestDone() {
    return honest().stream()
        .allMatch(id -> nodes.get(id).result().isPresent() || nodes.get(id).isFailed());
  }

  /** Runs until every honest validator completed (or failed) or {@code limit} time passed. */
  void run(long limit) {
    for (var e : nodes.entrySet()) {
      if (byz.get(e.getKey()) != Byz.SILENT) {
        emit(e.getKey(), e.getValue().start());
      }
    }
    while (now < limit && !honestDone()) {
      long next = now + TICK;
      while (!queue.isEmpty() && queue.peek().at <= next) {
        Delivery d = queue.poll();
        now = Math.max(now, d.at);
        deliver(d);
      }
      now = next;
      for (var e : nodes.entrySet()) {
        if (byz.get(e.getKey()) != Byz.SILENT) {
          emit(e.getKey(), e.getValue().onTick());
        }
      }
    }
  }

  private void deliver(Delivery d) {
    Byz b = byz.get(d.to);
    if (b == Byz.SILENT) {
      return;
    }
    if (b == Byz.EQUIVOCATE_ROUND1 && d.m instanceof DkgMessage.Round1 r) {
      seenByEquivocator
          .computeIfAbsent(r.session() + "/" + d.to, k -> new TreeMap<>())
          .putIfAbsent(r.author(), r.pkg());
    }
    if (b == Byz.LATE_COMPLAINT && d.m instanceof DkgMessage.Round1 r) {
      commitments.put(r.session() + "/" + d.from, r.pkg().commitment());
    }
    if (b == Byz.LATE_COMPLAINT && d.m instanceof DkgMessage.Round2 r) {
      VssCommitment c = commitments.get(r.session() + "/" + d.from);
      if (c != null) {
        lateComplaint.putIfAbsent(
            d.to,
            DkgSignatures.complaint(
                r.session(),
                new InvalidShareEvidence(d.from, d.to, r.pkg().share().reveal(), c),
                r.view(),
                r.dealerSignature(),
                idKeys.get(d.to),
                new SeededRandom(3)));
      }
    }
    if (b == Byz.FALSE_COMPLAINT) {
      if (d.m instanceof DkgMessage.Round1 r) {
        commitments.put(r.session() + "/" + d.from, r.pkg().commitment());
      } else if (d.m instanceof DkgMessage.Round2 r && !complained.contains(d.to)) {
        VssCommitment c = commitments.get(r.session() + "/" + d.from);
        // A false complaint: against a share that does match the dealer's commitment.
        if (c != null && r.pkg().share().publicPoint().equals(c.evaluate(d.to))) {
          complained.add(d.to);
          InvalidShareEvidence ev =
              new InvalidShareEvidence(d.from, d.to, r.pkg().share().reveal(), c);
          DkgMessage.Complaint complaint =
              DkgSignatures.complaint(
                  r.session(),
                  ev,
                  r.view(),
                  r.dealerSignature(),
                  idKeys.get(d.to),
                  new SeededRandom(1));
          for (Identifier p : r.session().participants()) {
            if (!p.equals(d.to)) {
              send(d.to, p, complaint);
            }
          }
        }
      }
    }
    emit(d.to, nodes.get(d.to).onMessage(d.from, d.m));
  }

  private void emit(Identifier from, DkgStep step) {
    events.get(from).addAll(step.events());
    for (DkgStep.Outgoing o : step.messages()) {
      DkgMessage m = o.message();
      if (byz.get(from) == Byz.BAD_SHARE) {
        m = corrupt(from, o.to(), m);
      }
      if (byz.get(from) == Byz.EQUIVOCATE_ROUND1) {
        if (m instanceof DkgMessage.Round1Set || m instanceof DkgMessage.Equivocation) {
          continue; // it would give itself away
        }
        m = equivocate(from, o.to(), m);
      }
      if (byz.get(from) == Byz.LIE_VIEW) {
        m = lie(from, o.to(), m);
      }
      if (m instanceof DkgMessage.CertificateSignature c) {
        certified.computeIfAbsent(c.session(), k -> new java.util.TreeSet<>()).add(from);
      }
      if (byz.get(from) == Byz.WITHHOLD_CERT
          && (m instanceof DkgMessage.CertificateSignature
              || m instanceof DkgMessage.TestCommit
              || m instanceof DkgMessage.TestShare
              || m instanceof DkgMessage.Final)) {
        continue;
      }
      send(from, o.to(), m);
      if (byz.get(from) == Byz.LATE_COMPLAINT
          && m instanceof DkgMessage.Final
          && lateComplaint.containsKey(from)
          && complained.add(from)) {
        DkgMessage.Complaint c = lateComplaint.get(from);
        for (Identifier p : c.session().participants()) {
          if (!p.equals(from)) {
            send(from, p, c);
          }
        }
      }
    }
  }

  /** The bad dealer sends its lowest-numbered peer a wrong share, signed as its own. */
  private DkgMessage corrupt(Identifier from, Identifier to, DkgMessage m) {
    if (m instanceof DkgMessage.Round1 r) {
      commitments.put(r.session() + "/" + from, r.pkg().commitment());
    }
    if (m instanceof DkgMessage.Round2 r) {
      Identifier victim =
          r.session().participants().stream().filter(p -> !p.equals(from)).findFirst().get();
      if (to.equals(victim)) {
        Scalar bad = r.pkg().share().reveal().add(Scalar.ONE);
        VssCommitment c = commitments.get(r.session() + "/" + from);
        byte[] sig =
            DkgSignatures.sign(
                DkgSignatures.shareDigest(
                    r.session(), from, to, Point.mulGenerator(bad), c, r.view()),
                idKeys.get(from),
                new SeededRandom(2));
        return new DkgMessage.Round2(
            r.session(), new Round2Package(from, to, SecretScalar.fromPublic(bad)), r.view(), sig);
      }
    }
    return m;
  }

  /** Honest peers of {@code from} in {@code s}, in identifier order. */
  private List<Identifier> honestPeers(Identifier from, SessionId s) {
    return s.participants().stream().filter(p -> !p.equals(from) && !byz.containsKey(p)).toList();
  }

  /** The equivocator's second package for every other honest peer, with matching shares. */
  private DkgMessage equivocate(Identifier from, Identifier to, DkgMessage m) {
    SessionId s = m.session();
    if (honestPeers(from, s).indexOf(to) % 2 != 1) {
      return m;
    }
    Second second =
        seconds.computeIfAbsent(
            s + "/" + from,
            k -> {
              SeededRandom rnd = new SeededRandom(s.hashCode() * 17L + from.hashCode());
              Dkg.Part1 p1 = Dkg.part1(Ciphersuite.TAPROOT, from, s.size(), t, rnd);
              return new Second(
                  DkgSignatures.round1(s, p1.broadcast(), idKeys.get(from), rnd), p1.secret());
            });
    if (m instanceof DkgMessage.Round1 r && r.author().equals(from)) {
      return second.round1();
    }
    if (m instanceof DkgMessage.Round2 r) {
      // The view `to` holds: the packages the equivocator holds, with its second package.
      TreeMap<Identifier, Round1Package> view =
          new TreeMap<>(seenByEquivocator.getOrDefault(s + "/" + from, new TreeMap<>()));
      view.put(from, second.round1().pkg());
      byte[] v = DkgSignatures.viewDigest(s, view);
      SecretScalar share = second.secret().polynomial().evaluate(to);
      byte[] sig =
          DkgSignatures.sign(
              DkgSignatures.shareDigest(
                  s, from, to, share.publicPoint(), second.round1().pkg().commitment(), v),
              idKeys.get(from),
              new SeededRandom(4));
      return new DkgMessage.Round2(s, new Round2Package(from, to, share), v, sig);
    }
    return m;
  }

  /** A made-up view, validly signed, in the round-2 message to the lowest honest peer. */
  private DkgMessage lie(Identifier from, Identifier to, DkgMessage m) {
    if (m instanceof DkgMessage.Round2 r && to.equals(honestPeers(from, r.session()).get(0))) {
      byte[] fake = r.view();
      fake[0] ^= 1;
      VssCommitment c = commitments.get(r.session() + "/" + from);
      byte[] sig =
          DkgSignatures.sign(
              DkgSignatures.shareDigest(
                  r.session(), from, to, r.pkg().share().publicPoint(), c, fake),
              idKeys.get(from),
              new SeededRandom(6));
      return new DkgMessage.Round2(r.session(), r.pkg(), fake, sig);
    }
    if (m instanceof DkgMessage.Round1 r) {
      commitments.put(r.session() + "/" + from, r.pkg().commitment());
    }
    return m;
  }

  private void send(Identifier from, Identifier to, DkgMessage m) {
    messages++;
    if (net.nextDouble() < loss) {
      return;
    }
    int copies = net.nextDouble() < dup ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      queue.add(new Delivery(now + 1 + net.nextInt(maxDelay), seq++, from, to, m));
    }
  }

  /** Deterministic SecureRandom for tests only. */
  static final class SeededRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final transient SplittableRandom r;

    SeededRandom(long seed) {
      r = new SplittableRandom(seed);
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
      r.nextBytes(bytes);
    }

    @Override
    public synchronized void setSeed(long seed) {}
  }
}
