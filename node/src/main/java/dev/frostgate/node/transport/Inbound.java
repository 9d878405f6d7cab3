package dev.frostgate.node.transport;

/**
 * What the runtime receives from the transport. Called on the transport's network threads, one call
 * at a time per peer: hand the frame to the event loop (a queue) and return.
 */
public interface Inbound {
  /**
   * A frame from {@code peerId} (identified by its pinned TLS certificate), within the size cap and
   * the peer's rate limit. Its bytes are opaque to the transport: the envelope verifier decides
   * what they are, and the runtime reports what it finds through {@link
   * PeerTransport#reportOffense}.
   */
  void onFrame(int peerId, byte[] frame);

  /** A stream to {@code peerId} is up (after mutual TLS and the peer's pin checked). */
  default void onConnected(int peerId) {}

  /** The stream to {@code peerId} is gone; the dialing side reconnects with backoff. */
  default void onDisconnected(int peerId) {}
}
