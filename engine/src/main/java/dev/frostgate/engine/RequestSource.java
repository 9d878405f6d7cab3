package dev.frostgate.engine;

import dev.frostgate.engine.request.RequestId;
import java.util.List;
import java.util.Optional;

/** Requests as this validator sees them on the protocol chain (in memory now, Stacks later). */
public interface RequestSource {
  Optional<SpendRequest> find(RequestId id);

  /** Every request visible at {@code now} (created at or before it), in id order. */
  List<SpendRequest> visible(long now);
}
