package dev.frostgate.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.node.storage.StateStore.KeyRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
  @TempDir Path dir;

  @Test
  void resumableStateSurvivesReopen() {
    Path file = dir.resolve("state.db");
    Bytes req = Bytes.fromHex("01".repeat(32));
    Bytes session = Bytes.fromHex("02".repeat(32));
    KeyRecord key =
        new KeyRecord(
            0,
            Bytes.fromHex("03".repeat(33)),
            "tpubD6Nz...",
            "FROST-secp256k1-SHA256-TR-v1",
            10,
            15,
            Instant.ofEpochMilli(1_700_000_000_000L));
    try (StateDatabase db = StateDatabase.open(file)) {
      StateStore s = db.store();
      s.saveKeyRecord(key);
      s.saveRequest(req, "withdrawal", Bytes.fromHex("beef"), "PENDING");
      s.saveRequest(req, "withdrawal", Bytes.fromHex("beef"), "SIGNING");
      s.saveSession(session, req, new TreeSet<>(java.util.List.of(3, 1, 2)), "OPEN");
      s.recordResponse(7, 120);
      s.recordResponse(7, 80);
      s.recordTimeout(7);
      s.recordInvalidMessage(7);
    }
    try (StateDatabase db = StateDatabase.open(file)) {
      StateStore s = db.store();
      assertThat(s.latestKey()).contains(key);
      assertThat(s.request(req).orElseThrow().status()).isEqualTo("SIGNING");
      assertThat(s.requestsWithStatus("SIGNING")).hasSize(1);
      assertThat(s.sessionsOf(req).get(0).signers()).containsExactly(1, 2, 3);
      StateStore.PeerStatsRow p = s.peerStats(7);
      assertThat(p.responses()).isEqualTo(2);
      assertThat(p.meanResponseMs()).isEqualTo(100.0);
      assertThat(p.responseMsMax()).isEqualTo(120);
      assertThat(p.timeouts()).isEqualTo(1);
      assertThat(p.invalidMessages()).isEqualTo(1);
      assertThat(s.peerStats(8).responses()).isZero();
    }
  }
}
