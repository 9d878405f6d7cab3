package dev.frostgate.engine.wire;

/** Why an inbound message was rejected. Counted per peer in {@link PeerStats}. */
public enum RejectReason {
  /** Larger than the configured cap; rejected before any parsing. */
  OVERSIZED,
  /** Not a well-formed, canonical, fully known v1 message (sizes, unset body, unknown fields). */
  MALFORMED,
  /**
   * A wire version this node does not speak ({@link WireVersion}); the detail names the version
   * received and the versions supported. Not misbehaviour in itself: the peer runs other software.
   */
  UNSUPPORTED_VERSION,
  /** The signature does not verify under the claimed sender's pinned identity key. */
  BAD_SIGNATURE,
  /** The claimed sender has no pinned identity key. */
  UNKNOWN_SENDER,
  /** The claimed sender is not the authenticated transport peer that delivered the message. */
  FORGED_SENDER,
  /** The same (sender, session, sequence) was already accepted. */
  REPLAYED,
  /** Sent outside the accepted time window, or for a session that has finished. */
  STALE,
  /** A round older than one the same sender already sent in this session. */
  OUT_OF_ORDER,
  /** A session this node does not take part in (and the body cannot open one). */
  WRONG_SESSION,
  /** A round too far ahead of this node's round in the session. */
  WRONG_ROUND
}
