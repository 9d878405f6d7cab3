package dev.frostgate.node.runtime;

import dev.frostgate.engine.request.RequestId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Every request this validator stored, by id, with its state: what the per-request status route
 * reads, what the status snapshot is built from, and (through the open requests ordered by expiry)
 * what finds expired requests without scanning all of them. The API thread adds requests, the event
 * loop marks them signed or expired; reads come from any thread. Memory is one small entry per
 * stored request, as {@link StoredRequests} already keeps the requests themselves.
 */
final class RequestIndex {
  /** A request's state here. */
  enum State {
    OPEN,
    SIGNED,
    FAILED
  }

  /** One request: its session id (the request hash), expiry, state and, once signed, txid. */
  record Entry(RequestId id, String sessionId, long expiresAt, State state, Optional<String> txid) {
    Entry with(State s, Optional<String> tx) {
      return new Entry(id, sessionId, expiresAt, s, tx);
    }
  }

  /** An open request's place in the expiry order. */
  private record Expiry(long at, String id) implements Comparable<Expiry> {
    @Override
    public int compareTo(Expiry o) {
      int c = Long.compare(at, o.at);
      return c != 0 ? c : id.compareTo(o.id);
    }
  }

  private final ConcurrentSkipListMap<String, Entry> byId = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListSet<Expiry> openByExpiry = new ConcurrentSkipListSet<>();

  /** A stored request, open unless it is already known (a second add changes nothing). */
  synchronized void opened(RequestId id, long expiresAt) {
    Entry e =
        new Entry(id, HexFormat.of().formatHex(id.hash()), expiresAt, State.OPEN, Optional.empty());
    if (byId.putIfAbsent(id.value(), e) == null) {
      openByExpiry.add(new Expiry(expiresAt, id.value()));
    }
  }

  /** A request signed into {@code txid}: signed wins over open and over expired. */
  synchronized void signed(RequestId id, String txid) {
    Entry e = byId.get(id.value());
    if (e != null) {
      openByExpiry.remove(new Expiry(e.expiresAt(), id.value()));
      byId.put(id.value(), e.with(State.SIGNED, Optional.of(txid)));
    }
  }

  /**
   * Marks every open request that expired before {@code now} as failed and returns them, earliest
   * first; costs one look at the earliest open expiry when none is due.
   */
  synchronized List<RequestId> expire(long now) {
    List<RequestId> failed = new ArrayList<>();
    for (Expiry x = openByExpiry.pollFirst(); x != null; x = openByExpiry.pollFirst()) {
      if (x.at() >= now) {
        openByExpiry.add(x);
        break;
      }
      Entry e = byId.get(x.id());
      byId.put(x.id(), e.with(State.FAILED, Optional.empty()));
      failed.add(e.id());
    }
    return failed;
  }

  /** The request with this id, if stored. */
  Optional<Entry> find(String requestId) {
    return Optional.ofNullable(byId.get(requestId));
  }

  /** Ids of requests not signed (open or expired), in id order: what /status lists as open. */
  List<String> unsigned() {
    return byId.values().stream()
        .filter(e -> e.state() != State.SIGNED)
        .map(e -> e.id().value())
        .toList();
  }

  /** Signed request ids and their txids, in id order. */
  Map<String, String> signed() {
    Map<String, String> out = new TreeMap<>();
    byId.values().stream()
        .filter(e -> e.state() == State.SIGNED)
        .forEach(e -> out.put(e.id().value(), e.txid().orElseThrow()));
    return out;
  }
}
