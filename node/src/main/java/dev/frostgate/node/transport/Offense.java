package dev.frostgate.node.transport;

/**
 * What a peer did wrong. The transport detects {@link #OVERSIZED} and {@link #RATE_LIMITED} itself;
 * the runtime reports the others after the engine's envelope verifier and replay guard looked at a
 * frame ({@link PeerTransport#reportOffense}).
 */
public enum Offense {
  /** A frame that does not decode, or a message the protocol does not accept. */
  INVALID,
  /** An envelope whose BIP340 signature does not verify for its claimed sender. */
  FORGED,
  /** A frame larger than the configured cap. */
  OVERSIZED,
  /** A message the replay guard has seen before. */
  REPLAYED,
  /** A frame that arrived with the peer's token bucket empty. */
  RATE_LIMITED
}
