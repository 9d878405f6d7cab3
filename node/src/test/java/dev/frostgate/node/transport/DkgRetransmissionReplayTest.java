package dev.frostgate.node.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.frost.Ciphersuite;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.engine.Outgoing;
import dev.frostgate.engine.dkg.DkgConfig;
import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.dkg.DkgSession;
import dev.frostgate.engine.dkg.DkgStep;
import dev.frostgate.engine.wire.RejectReason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The DKG's own retransmissions through the receivers' real gates (sealer, verifier, replay guard),
 * the way the event loop seals each step: an honest validator's retransmissions are never a replay.
 * Validator 4 of a 3-of-4 ceremony never starts (the slow validator of issue 12) and is voted out;
 * the others keep retransmitting, their timeout votes with the proofs, to every configured
 * validator, validator 4 included. Each voter's own vote is in its gossip twice (as its vote and
 * inside the quorum proof), so a step named it twice for every peer; sealed once, both copies had
 * one sequence, and every receiver scored the second as REPLAYED: 5 points per retransmission, a
 * ban of every honest peer within half a minute (issue 12's ChaosLoadTest run).
 */
class DkgRetransmissionReplayTest {
  private static final long ROUND_MS = 1_000;
  private static final long RETRANSMIT_MS = 100;
  private static final long TICK_MS = 10;

  private record Delivery(int from, int to, byte[] frame) {}

  @Test
  void retransmittedVotesAndProofsAfterAnExclusionAreNeverScoredAsReplays() {
    WireFrames w = new WireFrames(4);
    List<Identifier> ids = List.of(id(1), id(2), id(3), id(4));
    Map<Identifier, Bip340PublicKey> keys = new TreeMap<>();
    w.identity.forEach((v, k) -> keys.put(id(v), Bip340PublicKey.of(k.publicPoint().xOnly())));
    Map<Integer, DkgSession> sessions = new TreeMap<>();
    for (int v = 1; v <= 3; v++) {
      DkgConfig c =
          new DkgConfig(
              "replay-test",
              id(v),
              ids,
              3,
              keys,
              w.identity.get(v),
              Ciphersuite.TAPROOT,
              Network.REGTEST,
              ROUND_MS,
              RETRANSMIT_MS);
      sessions.put(v, new DkgSession(c, () -> w.now[0], () -> WireFrames.RND));
    }
    Map<Integer, InboundGate> gates = new TreeMap<>();
    for (int v = 1; v <= 4; v++) {
      gates.put(v, w.gate());
    }
    ArrayDeque<Delivery> wire = new ArrayDeque<>();
    List<String> replays = new ArrayList<>();
    List<DkgEvent.Excluded> exclusions = new ArrayList<>();

    sessions.forEach((v, s) -> send(w, v, s.start(), wire, exclusions));
    long completedAt = -1;
    // Until the three complete, then twenty more retransmissions.
    for (int tick = 0; tick < 2_000; tick++) {
      while (!wire.isEmpty()) {
        Delivery d = wire.poll();
        InboundGate.Verdict verdict = gates.get(d.to()).accept(d.from(), d.frame());
        if (verdict instanceof InboundGate.Rejected r && r.reason() == RejectReason.REPLAYED) {
          replays.add("validator " + d.to() + " saw a replay from " + d.from() + ": " + r.detail());
        }
        if (verdict instanceof InboundGate.Accepted a
            && a.message() instanceof InboundGate.ForDkg m
            && sessions.containsKey(d.to())) {
          send(
              w, d.to(), sessions.get(d.to()).onMessage(m.sender(), m.message()), wire, exclusions);
        }
      }
      w.now[0] += TICK_MS;
      sessions.forEach((v, s) -> send(w, v, s.onTick(), wire, exclusions));
      if (completedAt < 0 && sessions.values().stream().allMatch(s -> s.result().isPresent())) {
        completedAt = w.now[0];
      }
      if (completedAt >= 0 && w.now[0] - completedAt > 20 * RETRANSMIT_MS) {
        break;
      }
    }

    assertThat(completedAt).as("the three completed without validator 4").isPositive();
    assertThat(exclusions).extracting(DkgEvent.Excluded::accused).containsOnly(id(4));
    assertThat(replays).isEmpty();
  }

  /** Seals one step as the event loop does and puts each frame on the wire. */
  private static void send(
      WireFrames w,
      int from,
      DkgStep step,
      ArrayDeque<Delivery> wire,
      List<DkgEvent.Excluded> exclusions) {
    step.events().stream()
        .filter(DkgEvent.Excluded.class::isInstance)
        .map(DkgEvent.Excluded.class::cast)
        .forEach(exclusions::add);
    for (Outgoing<byte[]> f : w.sealers.get(from).sealDkgStep(step.messages(), w.now[0])) {
      wire.add(new Delivery(from, Math.toIntExact(f.to().smallValue()), f.message()));
    }
  }

  private static Identifier id(int v) {
    return Identifier.of(v);
  }
}
