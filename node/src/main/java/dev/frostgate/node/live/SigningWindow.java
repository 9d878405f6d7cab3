package dev.frostgate.node.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The signing outcomes of the last {@link #WINDOW} (for the dashboard's 24 h performance) and the
 * most recent signatures. Bounded in memory: at most {@link #MAX_OUTCOMES} outcomes (the oldest
 * forgotten first) and {@link #RECENT} signatures. Written by the event loop, read by the API:
 * synchronized, every operation short.
 */
public final class SigningWindow {
  /** How far back the performance figures look. */
  public static final Duration WINDOW = Duration.ofHours(24);

  /** Outcomes kept at most; far above any real day's signing volume. */
  public static final int MAX_OUTCOMES = 100_000;

  /** Recent signatures listed. */
  public static final int RECENT = 20;

  /** One ended request: signed ({@code txid} present) or failed, and how long it took. */
  public record Outcome(
      String requestId, Instant at, boolean signed, String txidOrReason, Duration took) {}

  /** The window's figures at one instant; latencies in milliseconds over the signed outcomes. */
  public record Summary(
      int count, int signed, int failed, double successRate, long meanMs, long p95Ms, long p99Ms) {}

  private final Deque<Outcome> outcomes = new ArrayDeque<>();
  private final Deque<Outcome> recent = new ArrayDeque<>();

  /** Records one outcome. */
  public synchronized void record(Outcome o) {
    outcomes.addLast(o);
    if (outcomes.size() > MAX_OUTCOMES) {
      outcomes.removeFirst();
    }
    if (o.signed()) {
      recent.addFirst(o);
      if (recent.size() > RECENT) {
        recent.removeLast();
      }
    }
  }

  /** The most recent signatures, newest first. */
  public synchronized List<Outcome> recentSignatures() {
    return List.copyOf(recent);
  }

  /** The figures over the outcomes of the window ending at {@code now}. */
  public synchronized Summary summary(Instant now) {
    Instant from = now.minus(WINDOW);
    while (!outcomes.isEmpty() && outcomes.peekFirst().at().isBefore(from)) {
      outcomes.removeFirst();
    }
    return summarize(new ArrayList<>(outcomes));
  }

  /** The figures of {@code window} (pure). */
  static Summary summarize(List<Outcome> window) {
    long[] ms =
        window.stream()
            .filter(Outcome::signed)
            .mapToLong(o -> o.took().toMillis())
            .sorted()
            .toArray();
    int count = window.size();
    int signed = ms.length;
    double rate = count == 0 ? 0 : (double) signed / count;
    long mean = signed == 0 ? 0 : Math.round(Arrays.stream(ms).average().orElse(0));
    return new Summary(
        count, signed, count - signed, rate, mean, percentile(ms, 95), percentile(ms, 99));
  }

  /** The nearest-rank percentile {@code p} of sorted {@code values}; 0 when there are none. */
  static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
