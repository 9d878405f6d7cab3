package dev.frostgate.node.transport;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The validator's connections to its peers: gRPC bidirectional streams over mutual TLS, every
 * certificate pinned by fingerprint (no CA). The validator with the lower id dials, the other
 * accepts, so each pair has exactly one stream; the dialer reconnects with jittered exponential
 * backoff. Inbound frames are capped in size, rate-limited per peer (token bucket) and scored; a
 * peer past the ban threshold is disconnected and refused for the ban period.
 *
 * <p>Frames are opaque bytes (the engine's signed envelopes); the transport authenticates the link,
 * the envelope signature authenticates the message.
 */
public interface PeerTransport extends AutoCloseable {

  /**
   * Binds the listener and starts dialing; returns at once (peers connect in the background).
   *
   * @throws TransportException if the TLS files are unusable or the listen address cannot be bound
   */
  static PeerTransport start(TransportConfig config, Inbound inbound) {
    return start(config, inbound, InstantSource.system(), new SecureRandom());
  }

  /**
   * As {@link #start(TransportConfig, Inbound)}, with the clock that rate limits and bans read and
   * the randomness of the reconnect jitter given (tests pass a manual clock and a seed).
   */
  static PeerTransport start(
      TransportConfig config, Inbound inbound, InstantSource clock, RandomGenerator jitter) {
    return start(config, inbound, clock, jitter, PeerBans.inMemory());
  }

  /**
   * As {@link #start(TransportConfig, Inbound, InstantSource, RandomGenerator)}, with the bans that
   * survive a restart (a validator passes its state database's {@code peerBans()}): the bans still
   * running are in force from the first connection, and new ones are saved.
   */
  static PeerTransport start(
      TransportConfig config,
      Inbound inbound,
      InstantSource clock,
      RandomGenerator jitter,
      PeerBans bans) {
    return GrpcPeerTransport.start(config, inbound, clock, jitter, bans);
  }

  /** The port the listener is bound to (the configured one, or the one picked for port 0). */
  int port();

  /**
   * Sends a frame to one peer if a stream to it is up.
   *
   * @return false if it was dropped: no stream, peer banned, or its send queue full
   * @throws IllegalArgumentException if the frame is larger than the configured cap
   */
  boolean send(int peerId, byte[] frame);

  /**
   * Sends a frame to every connected peer.
   *
   * @return how many peers it was sent to
   */
  int broadcast(byte[] frame);

  /** The peers with a stream up now. */
  Set<Integer> connectedPeers();

  /**
   * Scores what the runtime found wrong with a peer's frame (an invalid, forged or replayed
   * envelope). Past the threshold the peer is banned: its stream is closed and it is refused until
   * the ban ends.
   */
  void reportOffense(int peerId, Offense offense);

  /**
   * As {@link #reportOffense(int, Offense)}, with what was wrong for the log ({@link
   * InboundGate.Rejected#detail()}; never a secret). An {@link Offense#INCOMPATIBLE_VERSION} is
   * logged once per connection of the peer, with this detail, not once per frame.
   */
  default void reportOffense(int peerId, Offense offense, String detail) {
    reportOffense(peerId, offense);
  }

  /** Whether the peer is banned now. */
  boolean isBanned(int peerId);

  TransportStats stats();

  /** Closes every stream and the listener; idempotent. */
  @Override
  void close();
}
