package dev.frostgate.testkit.engine;

import dev.frostgate.engine.RequestSource;
import dev.frostgate.engine.SpendRequest;
import dev.frostgate.engine.request.RequestId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** A request source backed by a map (tests, simulation). */
public final class InMemoryRequestSource implements RequestSource {
  private final TreeMap<RequestId, SpendRequest> requests = new TreeMap<>();

  public InMemoryRequestSource add(SpendRequest r) {
    requests.put(r.id(), r);
    return this;
  }

  @Override
  public Optional<SpendRequest> find(RequestId id) {
    return Optional.ofNullable(requests.get(id));
  }

  @Override
  public List<SpendRequest> visible(long now) {
    List<SpendRequest> out = new ArrayList<>();
    for (SpendRequest r : requests.values()) {
      if (r.createdAt() <= now) {
        out.add(r);
      }
    }
    return out;
  }
}
