package dev.frostgate.node.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SigningWindowTest {
  private static final Instant T0 = Instant.parse("2026-01-12T10:00:00Z");

  private static SigningWindow.Outcome signed(String id, Instant at, long ms) {
    return new SigningWindow.Outcome(id, at, true, "tx-" + id, Duration.ofMillis(ms));
  }

  @Test
  void figuresCoverTheLast24HoursOnly() {
    SigningWindow w = new SigningWindow();
    w.record(signed("old", T0, 9_000));
    w.record(signed("a", T0.plus(Duration.ofHours(20)), 1_000));
    w.record(signed("b", T0.plus(Duration.ofHours(21)), 3_000));
    w.record(
        new SigningWindow.Outcome(
            "c", T0.plus(Duration.ofHours(22)), false, "expired", Duration.ZERO));

    SigningWindow.Summary s = w.summary(T0.plus(Duration.ofHours(25)));

    assertThat(s.count()).isEqualTo(3);
    assertThat(s.signed()).isEqualTo(2);
    assertThat(s.failed()).isEqualTo(1);
    assertThat(s.meanMs()).isEqualTo(2_000);
    assertThat(s.p95Ms()).isEqualTo(3_000);
    assertThat(w.recentSignatures())
        .extracting(SigningWindow.Outcome::requestId)
        .containsExactly("b", "a", "old");
  }

  @Test
  void memoryIsBounded() {
    SigningWindow w = new SigningWindow();
    for (int i = 0; i < SigningWindow.MAX_OUTCOMES + 10; i++) {
      w.record(signed("r" + i, T0, 1));
    }
    assertThat(w.summary(T0).count()).isEqualTo(SigningWindow.MAX_OUTCOMES);
    assertThat(w.recentSignatures()).hasSize(SigningWindow.RECENT);
  }

  @Property
  void percentilesAreOrderedAndWithinTheLatencies(
      @ForAll @Size(min = 1, max = 200) List<@LongRange(min = 0, max = 3_600_000) Long> ms) {
    List<SigningWindow.Outcome> outcomes = new ArrayList<>();
    for (long m : ms) {
      outcomes.add(signed("r", T0, m));
    }
    SigningWindow.Summary s = SigningWindow.summarize(outcomes);
    long min = ms.stream().mapToLong(Long::longValue).min().orElseThrow();
    long max = ms.stream().mapToLong(Long::longValue).max().orElseThrow();
    assertThat(s.p95Ms()).isBetween(min, max).isLessThanOrEqualTo(s.p99Ms());
    assertThat(s.p99Ms()).isLessThanOrEqualTo(max);
    assertThat(s.meanMs()).isBetween(min, max);
    assertThat(s.successRate()).isEqualTo(1.0);
  }
}
