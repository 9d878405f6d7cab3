package dev.frostgate.node.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.engine.wire.PeerStats;
import dev.frostgate.engine.wire.RejectReason;
import dev.frostgate.node.storage.PeerStatsCollector;
import dev.frostgate.node.storage.StateDatabase;
import dev.frostgate.node.storage.StateStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-peer statistics from a leader's engine events and its inbound wire counts, written to a real
 * SQLite state file: response times of the signers that answered, timeouts of the one that did not,
 * invalid messages of the one whose shares were invalid and of a peer whose envelopes were
 * rejected.
 */
class PeerStatisticsTest {
  @TempDir Path dir;

  private final List<EngineFixture> fixtures = new java.util.ArrayList<>();

  private EngineFixture closeLater(EngineFixture f) {
    fixtures.add(f);
    return f;
  }

  @org.junit.jupiter.api.AfterEach
  void closeFixtures() {
    fixtures.forEach(EngineFixture::close);
  }

  private static void collect(EngineFixture f, Identifier leader, PeerStatsCollector c) {
    for (int i = 0; i < f.events.size(); i++) {
      if (f.eventSource.get(i).equals(leader)) {
        c.onEvent(f.events.get(i));
      }
    }
  }

  @Test
  void responsesTimeoutsAndInvalidMessagesReachTheStateDatabase() {
    try (StateDatabase db = StateDatabase.open(dir.resolve("leader.db"))) {
      StateStore store = db.store();

      // 3-of-3 with one signer that commits but never sends its share: never signed, and the
      // leader's retransmissions count its timeouts while the others' answers count as responses.
      EngineFixture quiet = closeLater(new EngineFixture(3, 3));
      SpendRequest r = quiet.request("quiet", List.of(quiet.coin("q1", 50_000, 1, 3)), 30_000, 1);
      Identifier leader = quiet.nodes.get(Identifier.of(1)).schedule().leader(r.id(), 0);
      Identifier silent = leader.equals(Identifier.of(2)) ? Identifier.of(3) : Identifier.of(2);
      Identifier answering =
          quiet.group.group().validators().stream()
              .filter(id -> !id.equals(leader) && !id.equals(silent))
              .findFirst()
              .orElseThrow();
      quiet.tamper.put(silent, m -> m instanceof Message.Share ? null : m);
      quiet.runUntil(300);
      assertThat(quiet.signedBySomeone(r.id())).isFalse();
      PeerStatsCollector c1 = new PeerStatsCollector(store);
      collect(quiet, leader, c1);
      c1.flush();
      assertThat(store.peerStats((int) silent.smallValue()).timeouts()).isPositive();
      assertThat(store.peerStats((int) silent.smallValue()).responses()).isZero();
      assertThat(store.peerStats((int) answering.smallValue()).responses()).isPositive();
      assertThat(store.peerStats((int) answering.smallValue()).timeouts()).isZero();
      assertThat(store.peerStats((int) leader.smallValue()).responses()).isZero();

      // 3-of-5 with one signer sending invalid shares: blamed, counted as invalid.
      EngineFixture cheat = closeLater(new EngineFixture(5, 3));
      SpendRequest r2 = cheat.request("cheat", List.of(cheat.coin("c1", 50_000, 1, 3)), 30_000, 1);
      Identifier leader2 = cheat.nodes.get(Identifier.of(1)).schedule().leader(r2.id(), 0);
      Identifier cheater = leader2.equals(Identifier.of(2)) ? Identifier.of(3) : Identifier.of(2);
      cheat.sendInvalidShares(cheater);
      cheat.runUntil(300);
      assertThat(cheat.signedBySomeone(r2.id())).isTrue();
      assertThat(cheat.events(EngineEvent.Blamed.class)).isNotEmpty();
      PeerStatsCollector c2 = new PeerStatsCollector(store);
      collect(cheat, leader2, c2);
      // The inbound side rejected two envelopes of peer 9 (a replay and a forged sender).
      c2.onWire(
          new PeerStats(
              Map.of(
                  9,
                  new PeerStats.PeerCounts(
                      5, Map.of(RejectReason.REPLAYED, 1L, RejectReason.FORGED_SENDER, 1L)))));
      // The same snapshot again adds nothing.
      c2.onWire(
          new PeerStats(
              Map.of(
                  9,
                  new PeerStats.PeerCounts(
                      6, Map.of(RejectReason.REPLAYED, 1L, RejectReason.FORGED_SENDER, 1L)))));
      c2.flush();
      assertThat(store.peerStats((int) cheater.smallValue()).invalidMessages()).isPositive();
      assertThat(store.peerStats(9).invalidMessages()).isEqualTo(2);
    }
  }
}
