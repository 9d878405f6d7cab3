package dev.frostgate.node.engine.dkg;

import dev.frostgate.crypto.ec.Scalar;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.InvalidShareEvidence;
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
 * Byzantine validators (bad share to one peer, false complaint, silent).
 */
final class DkgNet {
  enum Byz {
    BAD_SHARE,
    FALSE_COMPLAINT,
    SILENT,
    /** Runs rounds 1 and 2, then withholds its certificate signature and test contributions. */
    WITHHOLD_CERT,
    /** A false complaint sent only once it completed itself (other validators may not have yet). */
    LATE_COMPLAINT
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
                  r.session(), ev, r.dealerSignature(), idKeys.get(d.to), new SeededRandom(1));
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
                DkgSignatures.shareDigest(r.session(), from, to, bad, c),
                idKeys.get(from),
                new SeededRandom(2));
        return new DkgMessage.Round2(
            r.session(), new Round2Package(from, to, SecretScalar.fromPublic(bad)), sig);
      }
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
