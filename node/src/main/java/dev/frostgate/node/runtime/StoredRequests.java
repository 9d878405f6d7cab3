package dev.frostgate.node.runtime;

import com.google.protobuf.ByteString;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.engine.RequestSource;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.node.api.BadRequestException;
import dev.frostgate.node.api.SpendRequestJson;
import dev.frostgate.node.storage.Bytes;
import dev.frostgate.node.storage.StateStore;
import dev.frostgate.node.storage.StorageException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The requests this validator accepted, as the engine's {@link RequestSource}: each one written to
 * the SQLite state (table {@code requests}, durable) before the API acknowledges it, and read back
 * at start, so a restart or a kill loses none. Stands in for the protocol chain until the Stacks
 * source is wired: in a devnet the client posts every request to every validator. Thread-safe: the
 * API adds, the event loop reads.
 */
public final class StoredRequests implements RequestSource {
  /**
   * The rows of this class in table {@code requests}: keyed by the request hash, kind {@value},
   * status {@code accepted} then {@code done} (the journal's completion rows there are kind
   * "spend", keyed by the id, status "signed").
   */
  static final String KIND = "api-spend";

  private final StateStore store;
  private final ConcurrentSkipListMap<RequestId, SpendRequest> requests =
      new ConcurrentSkipListMap<>();
  private final Map<ByteString, RequestId> byHash = new ConcurrentHashMap<>();
  private final Map<RequestId, String> signed = new ConcurrentHashMap<>();
  private final RequestIndex index = new RequestIndex();

  private StoredRequests(StateStore store) {
    this.store = store;
  }

  /**
   * The stored requests of {@code store}; each payload is checked again as the API checks it.
   *
   * @throws StorageException naming the row whose payload no longer parses
   */
  public static StoredRequests load(StateStore store, Network network) {
    StoredRequests s = new StoredRequests(store);
    for (String status : List.of("accepted", "done")) {
      for (StateStore.StoredRequest row : store.requestsWithStatus(status)) {
        if (!KIND.equals(row.kind())) {
          continue;
        }
        SpendRequest r;
        try {
          r = SpendRequestJson.parse(row.payload().toArray(), network, 0);
        } catch (BadRequestException e) {
          throw new StorageException(
              "requests row " + row.requestId() + ": payload: " + e.getMessage());
        }
        s.remember(r);
        store
            .signedTxid(row.requestId())
            .ifPresent(
                txid -> {
                  s.signed.put(r.id(), txid);
                  s.index.signed(r.id(), txid);
                });
      }
    }
    return s;
  }

  /**
   * Stores a request durably and makes it visible to the engine.
   *
   * @return false if a request with this id is already stored (the first one stands)
   * @throws BadRequestException if a different request already has this id
   */
  public synchronized boolean add(SpendRequest r) {
    SpendRequest known = requests.get(r.id());
    if (known != null) {
      if (!java.util.Arrays.equals(SpendRequestJson.toJson(known), SpendRequestJson.toJson(r))) {
        throw new BadRequestException(
            "request_id", "already used by a different request on this validator");
      }
      return false;
    }
    store.saveRequest(
        Bytes.of(r.id().hash()), KIND, Bytes.of(SpendRequestJson.toJson(r)), "accepted");
    remember(r);
    return true;
  }

  /** Records that a request was signed into the transaction {@code txid} (display hex). */
  public void markSigned(RequestId id, String txid) {
    if (signed.putIfAbsent(id, txid) == null) {
      store.markRequestDone(Bytes.of(id.hash()), txid);
      index.signed(id, txid);
    }
  }

  /** The request whose hash (the envelope session id) is {@code hash}. */
  public Optional<RequestId> byHash(ByteString hash) {
    return Optional.ofNullable(byHash.get(hash));
  }

  /** Signed requests and their txids. */
  public Map<RequestId, String> signed() {
    return Map.copyOf(signed);
  }

  /** Every stored request id, in id order. */
  public List<RequestId> ids() {
    return List.copyOf(requests.keySet());
  }

  /** Every stored request's state, by id. */
  RequestIndex index() {
    return index;
  }

  private void remember(SpendRequest r) {
    requests.put(r.id(), r);
    index.opened(r.id(), r.expiresAt());
    byHash.put(ByteString.copyFrom(r.id().hash()), r.id());
  }

  @Override
  public Optional<SpendRequest> find(RequestId id) {
    return Optional.ofNullable(requests.get(id));
  }

  @Override
  public List<SpendRequest> visible(long now) {
    return requests.values().stream().filter(r -> r.createdAt() <= now).toList();
  }
}
