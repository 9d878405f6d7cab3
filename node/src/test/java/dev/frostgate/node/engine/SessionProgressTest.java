package dev.frostgate.node.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.Message;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.signing.SessionProgress;
import dev.frostgate.engine.signing.SigningEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SigningEngine#progress}: what the API's signing/session route shows, step by step. */
class SessionProgressTest {
  @Test
  void followsARequestFromProposalToSignature() {
    try (EngineFixture f = new EngineFixture(5, 3)) {
      SpendRequest r = f.request("watched", List.of(f.coin("w1", 50_000, 1, 3)), 30_000, 1);
      SigningEngine any = f.nodes.get(Identifier.of(1));
      Identifier leader = any.schedule().leader(r.id(), 0);
      Identifier other = leader.equals(Identifier.of(1)) ? Identifier.of(2) : Identifier.of(1);
      assertThat(any.progress(new RequestId("unknown"), f.now)).isEmpty();

      f.tickAll(); // the leader proposes
      f.deliverUntil(m -> m instanceof Message.Share); // commitments in, sign requests out
      SessionProgress led = f.nodes.get(leader).progress(r.id(), f.now).orElseThrow();
      assertThat(led.leader()).isEqualTo(leader);
      assertThat(led.attempt()).isZero();
      assertThat(led.signed()).isFalse();
      SessionProgress.Coordinator c = led.coordinator().orElseThrow();
      assertThat(c.idleReason()).isEmpty();
      assertThat(c.commitmentsReceived()).isGreaterThanOrEqualTo(3);
      assertThat(c.sessionsOpened()).isGreaterThanOrEqualTo(1);

      SessionProgress seen = f.nodes.get(other).progress(r.id(), f.now).orElseThrow();
      assertThat(seen.leader()).isEqualTo(leader);
      assertThat(seen.coordinator()).isEmpty();
      assertThat(seen.progressPercent()).isZero();

      f.runUntil(200);
      assertThat(f.signedBySomeone(r.id())).isTrue();
      SessionProgress done = f.nodes.get(leader).progress(r.id(), f.now).orElseThrow();
      assertThat(done.signed()).isTrue();
      assertThat(done.progressPercent()).isEqualTo(100);
    }
  }
}
