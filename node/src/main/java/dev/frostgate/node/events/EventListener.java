package dev.frostgate.node.events;

import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.request.RequestId;

/**
 * What the event loop hands each engine and DKG event to after acting on it (metrics, the live
 * WebSocket feed). Called on the event loop thread: an implementation must return quickly and never
 * block (no I/O that can wait on a peer or a client).
 */
public interface EventListener {
  /** One signing event. */
  void onEngineEvent(EngineEvent event);

  /** One DKG event. */
  void onDkgEvent(DkgEvent event);

  /**
   * A request ended without a signature; {@code reason} names why (for example {@code expired}).
   */
  void requestFailed(RequestId request, String reason);
}
