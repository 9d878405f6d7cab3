package dev.frostgate.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.dkg.DkgSessionId;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.node.api.ApiView;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the event loop feeds the API: bounded exclusions, last seen, last signature. */
class ApiFeedTest {
  private static final DkgSessionId SESSION =
      new DkgSessionId("frostgate-test", List.of(Identifier.of(1), Identifier.of(2)));

  @Test
  void keepsTheNewestExclusionsOnly() {
    ApiFeed feed = new ApiFeed();
    int total = ApiFeed.MAX_EXCLUSIONS + 44;
    for (int i = 0; i < total; i++) {
      feed.onDkgEvent(
          new DkgEvent.Excluded(SESSION, Identifier.of(2), DkgEvent.Reason.TIMEOUT, List.of()),
          Instant.ofEpochSecond(i));
    }
    List<ApiView.Exclusion> kept = feed.exclusions();
    assertThat(kept).hasSize(ApiFeed.MAX_EXCLUSIONS);
    assertThat(kept.get(0).at()).isEqualTo(Instant.ofEpochSecond(44));
    assertThat(kept.get(kept.size() - 1).at()).isEqualTo(Instant.ofEpochSecond(total - 1));
    assertThat(kept.get(0).dkgEvidence())
        .hasValueSatisfying(e -> assertThat(e.ceremony()).isEqualTo("frostgate-test"));
    assertThat(kept.get(0).reason()).isEqualTo("TIMEOUT");
  }

  @Test
  void recordsLastSeenAndTheLastSignature() {
    ApiFeed feed = new ApiFeed();
    assertThat(feed.lastSeen(3)).isEmpty();
    assertThat(feed.lastSignature()).isEmpty();
    feed.peerSeen(Identifier.of(3), Instant.ofEpochSecond(7));
    feed.onEngineEvent(
        new EngineEvent.RequestSigned(new RequestId("r"), null, new byte[0], List.of()),
        Instant.ofEpochSecond(9));
    assertThat(feed.lastSeen(3)).contains(Instant.ofEpochSecond(7));
    assertThat(feed.lastSignature()).contains(Instant.ofEpochSecond(9));
    assertThat(feed.exclusions()).isEmpty();
  }
}
