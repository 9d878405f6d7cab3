package dev.frostgate.sim.dkg;

import dev.frostgate.crypto.ec.Bip340KeyPair;
import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.frost.VssCommitment;
import dev.frostgate.crypto.frost.dkg.DkgAcceptance;
import dev.frostgate.crypto.frost.dkg.DkgOutput;
import dev.frostgate.crypto.frost.dkg.Round1Package;
import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.dkg.DkgMessage;
import dev.frostgate.engine.dkg.DkgProgress;
import dev.frostgate.engine.dkg.DkgProofs;
import dev.frostgate.engine.dkg.DkgResult;
import dev.frostgate.engine.dkg.DkgSessionId;
import dev.frostgate.engine.dkg.DkgShares;
import dev.frostgate.engine.dkg.DkgSignatures;
import dev.frostgate.engine.wire.DkgMessages;
import dev.frostgate.sim.core.SimClock;
import dev.frostgate.sim.core.Violations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The invariants of the DKG simulation (listed on {@link DkgSimulation}): secrecy against the
 * adversary's view of the wire (rule S1), checked on every message sent; one round-1 package, one
 * certificate signature and one test commitment per honest validator and session, and test shares
 * only from the process that announced the commitment, checked on every message an honest validator
 * sends; and at the end agreement, proven exclusions of faulty validators only, and liveness within
 * the fault budget. It also keeps who is impaired (an honest validator that crashed holding a test
 * commitment), which the budget counts as faulty.
 */
final class DkgInvariants {
  private record SentKey(Identifier from, DkgSessionId session, String kind) {}

  private final DkgScenario scenario;
  private final Map<Identifier, SecretScalar> idKeys;
  private final Map<Identifier, Bip340PublicKey> pubs;
  private final Map<Identifier, DkgNode> nodes;
  private final Violations violations;

  // Secrecy: the honest dealers' commitments, the sealed shares already opened, and the values no
  // message may carry (keyed by their first 8 bytes).
  private final Map<String, VssCommitment> honestCommitments = new HashMap<>();
  private final Set<String> sealedSeen = new HashSet<>();
  private final Map<Long, List<Forbidden>> forbidden = new HashMap<>();

  // What each honest validator sent first per session, and which process announced a commitment.
  private final Map<SentKey, Object> firstSent = new HashMap<>();
  private final Map<SentKey, Integer> commitIncarnation = new HashMap<>();
  private final Map<Identifier, Set<DkgSessionId>> impaired = new TreeMap<>();

  DkgInvariants(
      DkgScenario scenario,
      SimClock clock,
      Map<Identifier, SecretScalar> idKeys,
      Map<Identifier, Bip340PublicKey> pubs,
      Map<Identifier, DkgNode> nodes) {
    this.scenario = scenario;
    this.idKeys = idKeys;
    this.pubs = pubs;
    this.nodes = nodes;
    this.violations = Violations.distinct(clock);
  }

  /**
   * Secrecy against the adversary's view (rule S1): every message on the wire, whoever sends it, is
   * what the Byzantine validators and a network adversary see. It must never contain, anywhere in
   * its wire encoding, a clear evaluation f_i(j) of an honest dealer i's polynomial at an honest
   * validator j, nor the Diffie–Hellman point that opens one (its x coordinate). The values come
   * from the honest dealers' sealed shares, opened here with the receiver's key (the simulation
   * sees everything), as they go out.
   */
  void onWire(Identifier from, DkgMessage m) {
    if (m instanceof DkgMessage.Round1 r && !scenario.isByzantine(r.author())) {
      honestCommitments.put(r.session() + "/" + r.author(), r.pkg().commitment());
    }
    if (m instanceof DkgMessage.Round2 r
        && !scenario.isByzantine(r.dealer())
        && !scenario.isByzantine(r.receiver())
        && sealedSeen.add(r.session() + "/" + r.dealer() + "/" + r.receiver())) {
      VssCommitment c = honestCommitments.get(r.session() + "/" + r.dealer());
      if (c == null) {
        violation(
            r.dealer() + " sent a round-2 share before its round-1 package in " + r.session());
        return;
      }
      Bip340KeyPair receiver = Bip340KeyPair.of(idKeys.get(r.receiver()));
      SecretScalar share = DkgShares.open(Ciphersuite.TAPROOT, r, c, receiver);
      forbid(share.toBytes(), "share f_" + r.dealer() + "(" + r.receiver() + ")");
      share.destroy();
      forbid(
          receiver.agree(r.sealed().ephemeral()).xOnly(),
          "key of the sealed share " + r.dealer() + "->" + r.receiver());
      receiver.destroy();
    }
    if (forbidden.isEmpty()) {
      return;
    }
    byte[] wire;
    try {
      wire = DkgMessages.envelope(m, (int) from.smallValue(), 0, 0).toByteArray();
    } catch (IllegalArgumentException e) {
      if (!scenario.isByzantine(from)) {
        violation(from + " sent a message that has no wire form: " + e.getMessage());
      }
      return; // a Byzantine message no real wire would carry
    }
    for (int i = 0; i + 32 <= wire.length; i++) {
      List<Forbidden> hits = forbidden.get(prefix(wire, i));
      if (hits != null) {
        for (Forbidden f : hits) {
          if (Arrays.equals(wire, i, i + 32, f.value(), 0, 32)) {
            violation(
                "secrecy: "
                    + from
                    + " put the "
                    + f.what()
                    + " on the wire in "
                    + m.getClass().getSimpleName());
          }
        }
      }
    }
  }

  private record Forbidden(byte[] value, String what) {}

  private void forbid(byte[] value, String what) {
    forbidden
        .computeIfAbsent(prefix(value, 0), k -> new ArrayList<>())
        .add(new Forbidden(value, what));
  }

  private static long prefix(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xFF);
    }
    return v;
  }

  /** Records a violation; each distinct one once (a resent message would repeat it). */
  void violation(String s) {
    violations.add(s);
  }

  List<String> violations() {
    return violations.list();
  }

  /**
   * {@code id} crashed while its disk held the test nonce commitment of these sessions: it cannot
   * finish them, counts as faulty, and may be excluded from them by timeout.
   */
  void impair(Identifier id, DkgSessionId session) {
    impaired.computeIfAbsent(id, k -> new HashSet<>()).add(session);
  }

  Set<Identifier> impaired() {
    return impaired.keySet();
  }

  /** Safety across restarts, on every message an honest validator sends. */
  void onHonestSend(DkgNode node, DkgMessage m) {
    switch (m) {
      case DkgMessage.Round1 r -> {
        Object prev = firstSent.putIfAbsent(new SentKey(node.id, r.session(), "r1"), r.pkg());
        if (prev != null && !DkgSignatures.samePackage((Round1Package) prev, r.pkg())) {
          violation(node.id + " sent two different round-1 packages in " + r.session());
        }
      }
      case DkgMessage.CertificateSignature c -> {
        Object prev =
            firstSent.putIfAbsent(new SentKey(node.id, c.session(), "cert"), c.signature());
        if (prev != null && !prev.equals(c.signature())) {
          violation(node.id + " sent two certificate signatures in " + c.session());
        }
      }
      case DkgMessage.TestCommit c -> {
        SentKey key = new SentKey(node.id, c.session(), "commit");
        Object prev = firstSent.putIfAbsent(key, c.commitments());
        commitIncarnation.putIfAbsent(key, node.incarnation);
        if (prev != null && !prev.equals(c.commitments())) {
          violation(node.id + " announced two test commitments in " + c.session());
        }
      }
      case DkgMessage.TestShare s -> {
        Integer inc = commitIncarnation.get(new SentKey(node.id, s.session(), "commit"));
        if (inc == null || inc != node.incarnation) {
          violation(
              node.id
                  + "#"
                  + node.incarnation
                  + " sent a test share for a commitment of process #"
                  + inc
                  + " in "
                  + s.session());
        }
      }
      default -> {}
    }
  }

  private boolean faulty(Identifier id) {
    return scenario.isByzantine(id) || impaired.containsKey(id);
  }

  /** The checks at the end of the run: agreement, proven exclusions, liveness. */
  void finish() {
    DkgResult first = null;
    Identifier firstId = null;
    for (DkgNode node : nodes.values()) {
      if (!node.honest() || node.broken || node.session == null) {
        continue;
      }
      Optional<DkgResult> r = node.session.result();
      if (r.isEmpty()) {
        continue;
      }
      DkgResult res = r.get();
      String who = node.id + ": ";
      Map<Identifier, Bip340PublicKey> keys = new TreeMap<>();
      for (Identifier p : res.session().participants()) {
        keys.put(p, pubs.get(p));
      }
      try {
        res.certificate().verify(keys);
      } catch (FrostException e) {
        violation(who + "certificate does not verify: " + e.getMessage());
      }
      try {
        DkgOutput o =
            new DkgOutput(res.rawKeyPackage(), res.rawPublicKeyPackage(), res.transcriptHash());
        DkgAcceptance.verify(o.publicKeyPackage(), res.transcriptHash(), res.testSignature());
      } catch (FrostException e) {
        violation(who + "test signature does not verify: " + e.getMessage());
      }
      if (!res.rawKeyPackage().identifier().equals(node.id)
          || !res.rawKeyPackage()
              .verifyingShare()
              .equals(res.rawPublicKeyPackage().verifyingShares().get(node.id))
          || !res.rawKeyPackage()
              .signingShare()
              .publicPoint()
              .equals(res.rawKeyPackage().verifyingShare())) {
        violation(who + "key package does not match the public key package");
      }
      Optional<DkgProgress.Completion> stored = node.store.inner.load().completion();
      if (stored.isEmpty() || !stored.get().certificate().equals(res.certificate())) {
        violation(who + "the result is not on its disk");
      }
      if (first == null) {
        first = res;
        firstId = node.id;
      } else {
        String vs = who + "differs from " + firstId + ": ";
        if (!first.rawKeyPackage().verifyingKey().equals(res.rawKeyPackage().verifyingKey())) {
          violation(vs + "group key");
        }
        if (!first.transcriptHash().equals(res.transcriptHash())) {
          violation(vs + "transcript");
        }
        if (!first.xpub().serialize().equals(res.xpub().serialize())) {
          violation(vs + "xpub");
        }
        if (!first.session().equals(res.session())) {
          violation(vs + "session");
        }
      }
    }
    // Exclusions: proven, and only of faulty validators. A complaint proves guilt by itself; a
    // timeout quorum holds an honest vote only while at most n − t are faulty.
    long faulty = nodes.keySet().stream().filter(this::faulty).count();
    boolean withinBudget = faulty <= scenario.n() - scenario.t();
    for (DkgNode node : nodes.values()) {
      if (!node.honest()) {
        continue;
      }
      for (DkgEvent e : node.events) {
        if (e instanceof DkgEvent.Excluded x) {
          DkgProofs.problem(x, pubs, scenario.t(), Ciphersuite.TAPROOT)
              .ifPresent(p -> violation(node.id + " excluded " + x.accused() + ": " + p));
          boolean allowed =
              scenario.isByzantine(x.accused())
                  || (x.reason() == DkgEvent.Reason.TIMEOUT
                      && (!withinBudget
                          || impaired.getOrDefault(x.accused(), Set.of()).contains(x.session())));
          if (!allowed) {
            violation(
                node.id
                    + " excluded honest "
                    + x.accused()
                    + " ("
                    + x.reason()
                    + ") from "
                    + x.session());
          }
        }
      }
    }
    // Liveness within the fault budget.
    if (withinBudget) {
      for (DkgNode node : nodes.values()) {
        if (!node.honest() || node.broken) {
          continue;
        }
        boolean done = node.session != null && node.session.result().isPresent();
        boolean failed = node.session != null && node.session.isFailed();
        if (!done && !(impaired.containsKey(node.id) && failed)) {
          violation(
              "liveness: "
                  + node.id
                  + (failed ? " failed" : " did not complete")
                  + " with "
                  + faulty
                  + " faulty of "
                  + scenario.n()
                  + " (t="
                  + scenario.t()
                  + ")");
        }
      }
      if (first != null) {
        for (DkgNode node : nodes.values()) {
          if (node.honest()
              && !impaired.containsKey(node.id)
              && !first.session().participants().contains(node.id)) {
            violation("liveness: honest " + node.id + " is not in the final session");
          }
        }
      }
    }
  }
}
