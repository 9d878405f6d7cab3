package dev.frostgate.node.runtime;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.dkg.DkgResult;
import dev.frostgate.node.api.ApiView;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the event loop tells the API as it happens: when each peer was last heard from, the last
 * signature, the exclusions with their evidence (the newest {@link #MAX_EXCLUSIONS}), the DKG
 * result. Written by the loop thread, read by HTTP threads; holds public values only.
 */
final class ApiFeed {
  /** Exclusions kept in memory: a flood of blames cannot grow the heap. */
  static final int MAX_EXCLUSIONS = 256;

  private final Map<Integer, Instant> lastSeen = new ConcurrentHashMap<>();
  private final ArrayDeque<ApiView.Exclusion> exclusions = new ArrayDeque<>();
  private volatile Optional<Instant> lastSignature = Optional.empty();
  private volatile Optional<DkgResult> dkg = Optional.empty();

  void peerSeen(Identifier peer, Instant at) {
    lastSeen.put(Math.toIntExact(peer.smallValue()), at);
  }

  void onEngineEvent(EngineEvent e, Instant at) {
    switch (e) {
      case EngineEvent.RequestSigned s -> lastSignature = Optional.of(at);
      case EngineEvent.Blamed b ->
          add(
              new ApiView.Exclusion(
                  id(b.accused()),
                  "signing",
                  "invalid signature share",
                  at,
                  Optional.of(b.evidence()),
                  Optional.empty()));
      default -> {}
    }
  }

  void onDkgEvent(DkgEvent e, Instant at) {
    if (e instanceof DkgEvent.Excluded x) {
      add(
          new ApiView.Exclusion(
              id(x.accused()),
              "dkg",
              x.reason().toString(),
              at,
              Optional.empty(),
              Optional.of(
                  new ApiView.DkgEvidence(
                      x.session().ceremony(),
                      HexFormat.of().formatHex(x.session().hash()),
                      x.proof().size()))));
    }
  }

  void ready(DkgResult result) {
    dkg = Optional.of(result);
  }

  Optional<Instant> lastSeen(int peer) {
    return Optional.ofNullable(lastSeen.get(peer));
  }

  Optional<Instant> lastSignature() {
    return lastSignature;
  }

  Optional<DkgResult> dkg() {
    return dkg;
  }

  synchronized List<ApiView.Exclusion> exclusions() {
    return List.copyOf(exclusions);
  }

  private synchronized void add(ApiView.Exclusion x) {
    if (exclusions.size() == MAX_EXCLUSIONS) {
      exclusions.removeFirst();
    }
    exclusions.addLast(x);
  }

  private static int id(Identifier i) {
    return Math.toIntExact(i.smallValue());
  }
}
