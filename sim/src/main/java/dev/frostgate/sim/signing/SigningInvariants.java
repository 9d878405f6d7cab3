package dev.frostgate.sim.signing;

import dev.frostgate.bitcoin.spend.SpendSigner;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningCommitments;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.sim.core.SimClock;
import dev.frostgate.sim.core.Violations;
import dev.frostgate.testkit.engine.DealtGroup;
import fr.acinq.bitcoin.OutPoint;
import fr.acinq.bitcoin.TxId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The invariants of the signing simulation, checked on every event an engine reports, on every
 * share message leaving an honest node, and at the end of the run:
 *
 * <ul>
 *   <li>no nonce reuse: an honest node makes at most one share per commitment, only with a
 *       commitment its current process issued, and only after the journal row that consumes it is
 *       durable; a share message carries exactly the shares it made on the record;
 *   <li>only the request's canonical transaction, for the messages its policy approved, is signed;
 *       never a request the policy must refuse; never two conflicting spends of one coin (per
 *       honest node and over the group);
 *   <li>blame only with evidence that verifies, and only of a Byzantine validator;
 *   <li>liveness: with at most n − t faulty validators every good request is signed;
 *   <li>no commitment twice in an honest node's journal.
 * </ul>
 */
final class SigningInvariants {
  private final SigningScenario scenario;
  private final DealtGroup group;
  private final SigningRequests requests;
  private final Map<Identifier, SigningNode> nodes;
  private final Violations violations;
  private final Map<SigningCommitments, String> issuedIn = new HashMap<>();

  /** Every share an honest node made, by the commitment whose nonces it consumed. */
  private final Map<SigningCommitments, SignatureShare> sharesByCommitment = new HashMap<>();

  /** The shares an honest node made per (node, request, attempt, session): what it may send. */
  private final Map<String, List<SignatureShare>> madeShares = new HashMap<>();

  private final Map<Identifier, Map<OutPoint, RequestId>> honestSpends = new TreeMap<>();
  private final Map<OutPoint, TxId> signedSpends = new HashMap<>();
  private final Set<RequestId> signed = new TreeSet<>();
  private final Map<RequestId, List<PublicKeyPackage>> inputPublic = new HashMap<>();
  private long blames;

  SigningInvariants(
      SigningScenario scenario,
      SimClock clock,
      DealtGroup group,
      SigningRequests requests,
      Map<Identifier, SigningNode> nodes) {
    this.scenario = scenario;
    this.group = group;
    this.requests = requests;
    this.nodes = nodes;
    this.violations = Violations.every(clock);
  }

  private void violation(String s) {
    violations.add(s);
  }

  /** Whether every request that must be signed was. */
  boolean allSigned() {
    return signed.containsAll(requests.good());
  }

  /** How many of the requests that must be signed were. */
  int goodSigned() {
    return (int) requests.good().stream().filter(signed::contains).count();
  }

  long blames() {
    return blames;
  }

  List<String> violations() {
    return violations.list();
  }

  /** Checks one event an engine reported (the safety rules above). */
  void onEvent(SigningNode node, EngineEvent ev) {
    switch (ev) {
      case EngineEvent.CommitmentIssued c -> {
        for (SigningCommitments x : c.commitments()) {
          issuedIn.put(x, node.id + "#" + node.incarnation);
        }
      }
      case EngineEvent.ShareSent s -> {
        if (!node.honest()) {
          return;
        }
        for (int i = 0; i < s.used().size(); i++) {
          SigningCommitments x = s.used().get(i);
          SignatureShare earlier = sharesByCommitment.putIfAbsent(x, s.shares().get(i));
          if (earlier != null) {
            violation(
                "nonce reuse: "
                    + node.id
                    + " made a second share with one commitment ("
                    + (earlier.equals(s.shares().get(i)) ? "same value" : "another value")
                    + ", request "
                    + s.request()
                    + ")");
          }
          if (!node.journal.commitmentUsed(x)) {
            violation(node.id + " made a share before its journal row was durable");
          }
          String where = issuedIn.get(x);
          if (!(node.id + "#" + node.incarnation).equals(where)) {
            violation(
                "commitment from " + where + " honoured by " + node.id + "#" + node.incarnation);
          }
        }
        madeShares.put(shareKey(node.id, s.request(), s.attempt(), s.session()), s.shares());
        UnsignedSpend canon = requests.canonical(s.request());
        if (canon == null || !canon.txid().equals(s.txid())) {
          violation(node.id + " signed a transaction that is not the request's: " + s.request());
        }
        if (canon == null
            || !canon.sigHashes().stream().map(Hash32::of).toList().equals(s.messages())) {
          violation(
              node.id + " made a share for messages its policy did not approve: " + s.request());
        }
        if (requests.mustNotSign(s.request())) {
          violation(node.id + " signed a request the policy must refuse: " + s.request());
        }
        Map<OutPoint, RequestId> mine = honestSpends.computeIfAbsent(node.id, k -> new HashMap<>());
        for (OutPoint o : s.inputs()) {
          RequestId prev = mine.putIfAbsent(o, s.request());
          if (prev != null && !prev.equals(s.request())) {
            violation(
                node.id + " signed conflicting spends of " + o + ": " + prev + ", " + s.request());
          }
        }
      }
      case EngineEvent.RequestSigned s -> {
        if (!node.honest()) {
          return;
        }
        signed.add(s.request());
        UnsignedSpend canon = requests.canonical(s.request());
        if (canon == null || !canon.txid().equals(s.txid())) {
          violation("a non-canonical transaction was signed for " + s.request());
        }
        if (requests.mustNotSign(s.request())) {
          violation("a request the policy must refuse was signed: " + s.request());
        }
        for (OutPoint o : s.inputs()) {
          TxId prev = signedSpends.putIfAbsent(o, s.txid());
          if (prev != null && !prev.equals(s.txid())) {
            violation("two conflicting spends of " + o + " signed: " + prev + ", " + s.txid());
          }
        }
      }
      case EngineEvent.Blamed b -> {
        if (!node.honest()) {
          return;
        }
        blames++;
        List<PublicKeyPackage> pub =
            inputPublic.computeIfAbsent(
                b.evidence().request(),
                r -> {
                  UnsignedSpend u = requests.canonical(r);
                  return SpendSigner.inputPublicKeys(
                      u.inputKeys(), group.group().rawPublic(), group.group().xpub());
                });
        if (!b.evidence().verify(pub.get(b.evidence().input()))) {
          violation(node.id + " blamed " + b.accused() + " without valid evidence");
        }
        if (nodes.get(b.accused()).honest()) {
          violation(node.id + " blamed honest validator " + b.accused());
        }
      }
      default -> {}
    }
  }

  private static String shareKey(Identifier node, RequestId r, int attempt, long session) {
    return node + "/" + r + "/" + attempt + "/" + session;
  }

  /**
   * A share message leaving an honest node carries exactly the shares it made (and reported, with
   * their commitments, after the journal row) for that session: never a share made off the record.
   */
  void onShareLeaving(SigningNode node, Message.Share sh) {
    List<SignatureShare> made =
        madeShares.get(shareKey(node.id, sh.request(), sh.attempt(), sh.session()));
    if (made == null || !made.equals(sh.shares())) {
      violation(
          node.id
              + " sent a share it did not make on the record: "
              + sh.request()
              + " session "
              + sh.session());
    }
  }

  /** The checks at the end of the run: liveness, and every honest journal against the events. */
  void finish() {
    if (scenario.faulty() <= scenario.n() - scenario.t()) {
      for (RequestId r : requests.good()) {
        if (!signed.contains(r)) {
          violation("liveness: request " + r + " not signed with " + scenario.faulty() + " faulty");
        }
      }
    }
    // Every honest journal must agree with what the events said: no commitment in two rows.
    for (SigningNode node : nodes.values()) {
      if (!node.honest()) {
        continue;
      }
      Set<SigningCommitments> seen = new LinkedHashSet<>();
      for (var row : node.openJournal().shareRows()) {
        for (SigningCommitments c : row.commitments()) {
          if (!seen.add(c)) {
            violation("journal of " + node.id + " holds a commitment twice");
          }
        }
      }
    }
  }
}
