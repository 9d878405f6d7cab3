package dev.frostgate.node.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/dashboard}: everything the dashboard page shows (spec 12.1), computed server
 * side from one snapshot. Pure: the inputs are values.
 */
public final class DashboardView {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DashboardView() {}

  /** One snapshot of what the dashboard shows. */
  public record Snapshot(
      int self,
      int threshold,
      Instant now,
      List<PeerPresence.Row> validators,
      SigningWindow.Summary signing,
      List<SigningWindow.Outcome> recent,
      int pending,
      Optional<Instant> oldestOpen,
      Optional<BitcoinTip> bitcoin) {}

  /** The JSON body. */
  public static ObjectNode json(Snapshot s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("validator", s.self());
    o.put("generated_at", s.now().toString());
    long online = s.validators().stream().filter(PeerPresence.Row::online).count();
    ObjectNode net = o.putObject("network");
    net.put("online", online);
    net.put("total", s.validators().size());
    net.put("threshold", s.threshold());
    net.put("capacity_percent", Math.round(100.0 * online / s.threshold()));
    ArrayNode vs = o.putArray("validators");
    for (PeerPresence.Row r : s.validators()) {
      ObjectNode v = vs.addObject();
      v.put("id", r.id());
      v.put("self", r.self());
      v.put("online", r.online());
      v.put("uptime_percent", Math.round(r.uptime() * 1000) / 10.0);
      r.lastSeen()
          .ifPresentOrElse(t -> v.put("last_seen", t.toString()), () -> v.putNull("last_seen"));
      r.excluded().ifPresent(x -> v.put("excluded", x));
    }
    SigningWindow.Summary g = s.signing();
    ObjectNode sg = o.putObject("signing");
    sg.put("window_hours", SigningWindow.WINDOW.toHours());
    sg.put("count", g.count());
    sg.put("signed", g.signed());
    sg.put("failed", g.failed());
    sg.put("success_rate", g.successRate());
    sg.put("mean_ms", g.meanMs());
    sg.put("p95_ms", g.p95Ms());
    sg.put("p99_ms", g.p99Ms());
    ArrayNode recent = o.putArray("recent_signatures");
    for (SigningWindow.Outcome r : s.recent()) {
      ObjectNode e = recent.addObject();
      e.put("request_id", r.requestId());
      e.put("txid", r.txidOrReason());
      e.put("at", r.at().toString());
      e.put("duration_ms", r.took().toMillis());
    }
    ObjectNode q = o.putObject("queue");
    q.put("pending", s.pending());
    s.oldestOpen()
        .ifPresentOrElse(
            t -> q.put("oldest_seconds", Duration.between(t, s.now()).toSeconds()),
            () -> q.putNull("oldest_seconds"));
    ObjectNode btc = o.putObject("bitcoin");
    btc.put("connected", s.bitcoin().isPresent());
    s.bitcoin()
        .ifPresent(
            b -> {
              btc.put("height", b.height());
              btc.put("headers", b.headers());
              btc.put("synced", b.synced());
            });
    ObjectNode stx = o.putObject("stacks");
    stx.put("connected", false);
    stx.put("reason", "no Stacks source runs in this validator yet");
    ObjectNode dep = o.putObject("deposits");
    dep.put("source", false);
    dep.putArray("pending");
    dep.put("reason", "no deposit source runs in this validator yet");
    return o;
  }
}
