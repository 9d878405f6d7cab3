package dev.frostgate.node.transport;

import static dev.frostgate.node.transport.LoopbackNodes.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.node.storage.StateDatabase;
import dev.frostgate.node.storage.StorageException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bans in the validator's real SQLite state file: a restart does not let a banned peer back. */
class PersistedBansTest {
  @TempDir Path dir;

  private PeerGuard guard(ManualClock clock, PeerBans bans) {
    return new PeerGuard(TokenBucket.Rate.DEFAULT, ScorePolicy.DEFAULT, clock, bans);
  }

  /** Runs one SQL statement on the state file (what an old or foreign writer left there). */
  private static long sql(Path file, String statement) {
    try (StateDatabase db = StateDatabase.open(file)) {
      return db.inTransaction(
          c -> {
            try (Statement s = c.createStatement()) {
              if (s.execute(statement)) {
                try (ResultSet rs = s.getResultSet()) {
                  rs.next();
                  return rs.getLong(1);
                }
              }
              return (long) s.getUpdateCount();
            }
          });
    }
  }

  @Test
  void aBanSurvivesARestartAndEndsWithItsPeriod() {
    Path file = dir.resolve("state.db");
    ManualClock clock = new ManualClock();
    try (StateDatabase db = StateDatabase.open(file)) {
      PeerGuard before = guard(clock, db.peerBans());
      assertThat(before.report(3, Offense.FORGED)).isFalse();
      assertThat(before.report(3, Offense.WRONG_SENDER)).isTrue();
    }
    clock.advance(Duration.ofMinutes(9));
    try (StateDatabase db = StateDatabase.open(file)) { // the restart
      PeerGuard after = guard(clock, db.peerBans());
      assertThat(after.isBanned(3)).isTrue();
      assertThat(after.admit(3)).isEqualTo(PeerGuard.Verdict.DROP_BANNED);
      assertThat(after.isBanned(4)).isFalse();
      assertThat(db.peerBans().load(clock.instant()))
          .containsOnlyKeys(3)
          .extractingByKey(3)
          .isEqualTo(
              new PeerBans.Ban(
                  new ManualClock().instant().plus(ScorePolicy.DEFAULT.banPeriod()),
                  Offense.WRONG_SENDER));
      clock.advance(Duration.ofMinutes(1));
      assertThat(after.isBanned(3)).isFalse();
    }
    assertThat(sql(file, "SELECT count(*) FROM peer_bans")).isEqualTo(1);
    try (StateDatabase db = StateDatabase.open(file)) { // after the ban ended: dropped on load
      assertThat(guard(clock, db.peerBans()).isBanned(3)).isFalse();
    }
    assertThat(sql(file, "SELECT count(*) FROM peer_bans")).isZero();
  }

  @Test
  void aRowThisVersionCannotReadIsAClearError() {
    Path file = dir.resolve("state.db");
    sql(file, "INSERT INTO peer_bans VALUES (5, 4102444800000, 'SHOUTED')");
    try (StateDatabase db = StateDatabase.open(file)) {
      assertThatThrownBy(() -> db.peerBans().load(Instant.parse("2026-01-01T00:00:00Z")))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(file.getFileName().toString())
          .hasMessageContaining("peer_bans row of peer 5: offense");
    }
  }

  @Test
  void aRestartedTransportRefusesThePeerItBannedBefore() {
    Path file = dir.resolve("node2.db");
    try (LoopbackNodes net = new LoopbackNodes(dir, 2);
        StateDatabase db = StateDatabase.open(file)) {
      net.start(1);
      PeerTransport two = net.start(2, c -> c, db.peerBans());
      await("connected", () -> two.connectedPeers().contains(1));
      two.reportOffense(1, Offense.FORGED);
      two.reportOffense(1, Offense.FORGED);
      assertThat(two.isBanned(1)).isTrue();
      two.close();

      PeerTransport restarted = net.start(2, c -> c, db.peerBans());
      assertThat(restarted.isBanned(1)).isTrue();
      // Validator 1 (the lower id) dials again with backoff; every stream is refused.
      await("a stream of banned peer 1 refused", () -> restarted.stats().streamsRefused() > 0);
      assertThat(restarted.connectedPeers()).doesNotContain(1);
    }
  }
}
