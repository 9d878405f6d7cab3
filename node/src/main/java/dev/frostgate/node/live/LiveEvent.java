package dev.frostgate.node.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event pushed to WebSocket subscribers of {@code topic}: {@code {"type": ..., "timestamp":
 * ISO-8601, ...fields}}. Fields are strings or numbers only; none carries a secret (ids, txids,
 * reason names).
 */
public record LiveEvent(Topic topic, String type, Instant at, Map<String, Object> fields) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public LiveEvent {
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The message sent on the socket. */
  public String toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", type);
    o.put("topic", topic.wireName());
    o.put("timestamp", at.toString());
    fields.forEach(
        (k, v) -> {
          if (v instanceof Number n) {
            o.put(k, n.longValue());
          } else {
            o.put(k, String.valueOf(v));
          }
        });
    return o.toString();
  }
}
