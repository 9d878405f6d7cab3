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
import dev.frostgate.engine.spendlock.LockTransition;
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
  private final Map<OutPoint, RequestId> signedSpends = new HashMap<>();
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

  void violation(String s) {
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
        UnsignedSpend canon = requests.allowed(s.request(), s.txid());
        if (canon == null) {
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
        UnsignedSpend canon = requests.allowed(s.request(), s.txid());
        if (canon == null) {
          violation("a non-canonical transaction was signed for " + s.request());
        } else if (canon.fee().getSat()
            > Math.min(
                SigningSimulation.FEE_CAP, requests.byId(s.request()).recipe().feeCap().getSat())) {
          violation("a fee above the cap was signed for " + s.request());
        }
        if (requests.mustNotSign(s.request())) {
          violation("a request the policy must refuse was signed: " + s.request());
        }
        for (OutPoint o : s.inputs()) {
          // Fee bumps of one request conflict on purpose (at most one confirms); two requests
          // never.
          RequestId prev = signedSpends.putIfAbsent(o, s.request());
          if (prev != null && !prev.equals(s.request())) {
            violation("two conflicting spends of " + o + " signed: " + prev + ", " + s.request());
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
      case EngineEvent.LockTransitioned t -> {
        if (node.honest() && t.transition() instanceof LockTransition.Release r) {
          checkRelease(node, r.request(), r.reason(), r.cause());
        }
      }
      default -> {}
    }
  }

  /**
   * A release only as the lifecycle rule allows it, judged on the simulated chain (which only
   * grows): its spend or a conflicting one buried, or expired with no share row in its journal.
   */
  private void checkRelease(
      SigningNode node, RequestId r, LockTransition.Reason reason, java.util.Optional<TxId> cause) {
    int depth = SigningSimulation.LIFECYCLE.burialDepth();
    boolean ours = cause.isPresent() && requests.allowed(r, cause.get()) != null;
    boolean buried = cause.isPresent() && requests.chain().confirmations(cause.get()) >= depth;
    boolean ok =
        switch (reason) {
          case SPEND_BURIED -> ours && buried;
          // Another transaction, as far as this node knows: a bump it took no part in counts.
          case CONFLICT_BURIED -> buried;
          case EXPIRED_UNSHARED ->
              node.openJournal().shareRows().stream().noneMatch(x -> x.request().equals(r));
        };
    if (!ok) {
      violation(node.id + " released the locks of " + r + " (" + reason + ") against the rule");
    }
  }

  /** The good requests whose locks an honest, living node still holds though they were signed. */
  java.util.Set<RequestId> unreleased() {
    java.util.Set<RequestId> out = new TreeSet<>();
    for (SigningNode node : nodes.values()) {
      if (node.honest() && node.up && !node.dead) {
        for (var l : node.journal.lockedRequests()) {
          // Good requests only: of two conflicting ones, the signers that locked the loser refuse
          // the winner's bumps, so those may lack a quorum once a validator is dead.
          if (signed.contains(l.request()) && requests.good().contains(l.request())) {
            out.add(l.request());
          }
        }
      }
    }
    return out;
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
      // Every release on disk (reported or lost in a crash after its commit) follows the rule.
      for (var row : node.openJournal().transitions()) {
        if (row.reason().isPresent()) {
          checkRelease(node, row.request(), row.reason().get(), row.tx());
        }
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
