package dev.frostgate.node.transport;

/**
 * What a peer did wrong. The transport detects {@link #OVERSIZED} and {@link #RATE_LIMITED} itself;
 * the runtime reports the others, as {@link InboundGate} maps them from the engine's envelope
 * verifier and replay guard ({@link PeerTransport#reportOffense}), and the signing engine's proven
 * misbehaviour: {@link #INVALID_SHARE}, {@link #EQUIVOCATION}, {@link #NOT_LEADER}. Silence and
 * timeouts are never offenses: a slow honest peer looks the same.
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
  INCOMPATIBLE_VERSION,
  /**
   * A signature share that fails verification against the signer's own signed commitment and
   * verifying share (the engine's {@code Blamed}, with the share and signing package as evidence).
   */
  INVALID_SHARE,
  /** Two different signed proposals for one request and attempt from its leader. */
  EQUIVOCATION,
  /**
   * A signed proposal or sign request from a validator that does not lead that attempt. The leader
   * is fixed by the request, but whether an attempt is current depends on the clocks (one attempt
   * of slack), so a badly skewed honest clock can cause it: scored lightly.
   */
  NOT_LEADER
}
