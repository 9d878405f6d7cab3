package dev.frostgate.node.transport;

/**
 * What a peer did wrong. The transport detects {@link #OVERSIZED} and {@link #RATE_LIMITED} itself;
 * the runtime reports the others, as {@link InboundGate} maps them from the engine's envelope
 * verifier and replay guard ({@link PeerTransport#reportOffense}).
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
  RATE_LIMITED,
  /**
   * An envelope whose claimed signer is not the peer on the link: a relayed (or impersonated)
   * envelope. Envelopes are never relayed; evidence travels inside a body.
   */
  WRONG_SENDER,
  /**
   * An envelope of a wire version this validator does not speak: the peer runs incompatible
   * software. Logged once per connection, not scored by default (an operator matter, not an attack;
   * the rate limit bounds the frames).
   */
  INCOMPATIBLE_VERSION
}
