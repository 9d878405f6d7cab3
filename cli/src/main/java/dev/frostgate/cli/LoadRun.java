package dev.frostgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives signing requests through a running devnet: request k starts at k/rate seconds (never more
 * than {@code concurrency} unsigned at once) and is posted to every validator at once; a poller
 * asks for each open request's own status ({@code GET /api/v1/action/status/{id}}, one validator
 * per round, in turn) until it is reported signed or the deadline passes, so the cost of a poll
 * does not grow with the requests a validator signed before. A request's latency runs from the
 * first validator's 202 (the network has it) to the first status that reports its signed
 * transaction (broadcastable). A validator that cannot be reached (killed in a chaos round) is
 * noted, not fatal: the others may still sign.
 */
public final class LoadRun {
  /** What to send: {@code bodies} in order, paced and bounded. */
  public record Settings(int concurrency, double rate, Duration timeout, Duration poll) {}

  /** The outcome of one request: latency in ns (-1 if not signed), txid, failure reason. */
  public record Outcome(String id, long latencyNanos, String txid, String failure) {
    public boolean signed() {
      return failure == null;
    }
  }

  /** What the run measured. */
  public record Result(List<Outcome> outcomes, long elapsedNanos) {
    public List<Outcome> failures() {
      return outcomes.stream().filter(o -> !o.signed()).toList();
    }

    public long[] sortedLatencies() {
      return outcomes.stream()
          .filter(Outcome::signed)
          .mapToLong(Outcome::latencyNanos)
          .sorted()
          .toArray();
    }
  }

  private final Devnet net;
  private final Settings settings;
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger signed = new AtomicInteger();
  private final Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
  private final Map<String, Outcome> done = new ConcurrentHashMap<>();

  public LoadRun(Devnet net, Settings settings) {
    this.net = net;
    this.settings = settings;
  }

  /** Requests accepted by at least one validator so far (for a chaos driver). */
  public int accepted() {
    return accepted.get();
  }

  /** Requests reported signed so far. */
  public int signed() {
    return signed.get();
  }

  /** Sends the requests (id → JSON body, in order) and waits (bounded) for their signatures. */
  public Result run(Map<String, String> bodies) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + settings.timeout().toNanos();
    Semaphore inFlight = new Semaphore(settings.concurrency());
    ExecutorService posters = Executors.newFixedThreadPool(settings.concurrency());
    Thread poller = new Thread(() -> poll(bodies.keySet(), inFlight, deadline), "load-poller");
    poller.setDaemon(true);
    poller.start();
    try {
      int k = 0;
      for (var e : bodies.entrySet()) {
        long due = start + (long) (k++ * 1e9 / settings.rate());
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        if (!inFlight.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          break; // out of time: the rest is reported as not sent
        }
        posters.execute(() -> post(e.getKey(), e.getValue(), inFlight));
      }
      poller.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1));
    } finally {
      poller.interrupt();
      posters.shutdownNow();
      posters.awaitTermination(60, TimeUnit.SECONDS);
    }
    long elapsed = System.nanoTime() - start;
    List<Outcome> out = new ArrayList<>();
    for (String id : bodies.keySet()) {
      Outcome o = done.get(id);
      if (o == null) {
        String why = acceptedAt.containsKey(id) ? "not signed within --timeout" : "not sent";
        o = new Outcome(id, -1, null, why);
      }
      out.add(o);
    }
    return new Result(checkAgreement(out), elapsed);
  }

  private void post(String id, String body, Semaphore inFlight) {
    List<String> refused = new ArrayList<>();
    for (int i = 1; i <= net.n; i++) {
      try {
        HttpResponse<String> r = net.post(i, body);
        if (r.statusCode() == 202) {
          if (acceptedAt.putIfAbsent(id, System.nanoTime()) == null) {
            accepted.incrementAndGet();
          }
        } else {
          refused.add("validator " + i + " answered " + r.statusCode() + ": " + r.body());
        }
      } catch (IOException e) {
        refused.add("validator " + i + " unreachable: " + e.getClass().getSimpleName());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (!acceptedAt.containsKey(id)) {
      finish(new Outcome(id, -1, null, "no validator accepted it: " + refused), inFlight);
    }
  }

  private void finish(Outcome o, Semaphore inFlight) {
    if (done.putIfAbsent(o.id(), o) == null) {
      if (o.signed()) {
        signed.incrementAndGet();
      }
      inFlight.release();
    }
  }

  private void poll(java.util.Set<String> ids, Semaphore inFlight, long deadline) {
    try {
      for (int round = 0; done.size() < ids.size() && System.nanoTime() < deadline; round++) {
        int v = round % net.n + 1;
        for (var e : acceptedAt.entrySet()) {
          if (done.containsKey(e.getKey())) {
            continue;
          }
          JsonNode s = net.actionStatus(v, e.getKey());
          if (s != null && "signed".equals(s.path("status").asText())) {
            long latency = System.nanoTime() - e.getValue();
            String txid = s.path("bitcoin_txid").asText();
            finish(new Outcome(e.getKey(), latency, txid, null), inFlight);
          }
        }
        Thread.sleep(settings.poll().toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A request whose validators report different transactions is a failure. */
  private List<Outcome> checkAgreement(List<Outcome> outcomes) {
    Map<String, List<String>> reported = new TreeMap<>();
    for (int i = 1; i <= net.n; i++) {
      JsonNode s = net.status(i);
      if (s != null) {
        int v = i;
        s.path("requests_signed")
            .fields()
            .forEachRemaining(
                f ->
                    reported
                        .computeIfAbsent(f.getKey(), k -> new ArrayList<>())
                        .add(v + "=" + f.getValue().asText()));
      }
    }
    List<Outcome> out = new ArrayList<>();
    for (Outcome o : outcomes) {
      List<String> by = reported.getOrDefault(o.id(), List.of());
      boolean disagree = o.signed() && by.stream().anyMatch(r -> !r.endsWith("=" + o.txid()));
      out.add(
          disagree
              ? new Outcome(o.id(), o.latencyNanos(), o.txid(), "validators disagree: " + by)
              : o);
    }
    return out;
  }

  /** The q-quantile (0..1) of sorted values by the nearest-rank method; 0 if there are none. */
  public static long percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
  }
}
