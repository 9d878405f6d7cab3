package dev.frostgate.node.transport;

/**
 * Counters since the transport started (for metrics and tests).
 *
 * @param framesDelivered inbound frames handed to {@link Inbound#onFrame}
 * @param framesRateLimited inbound frames dropped because the peer's token bucket was empty
 * @param framesFromBanned inbound frames dropped because their peer is banned
 * @param framesOversized inbound frames refused by the size cap (each closes its stream)
 * @param certificatesRefused TLS handshakes refused because the certificate is not pinned
 * @param streamsRefused streams refused after the handshake (banned peer, or a peer that should not
 *     dial this validator)
 * @param bans peers banned
 * @param dials outbound dial attempts
 * @param sendsDropped outbound frames dropped (no stream to the peer, or its queue is full)
 */
public record TransportStats(
    long framesDelivered,
    long framesRateLimited,
    long framesFromBanned,
    long framesOversized,
    long certificatesRefused,
    long streamsRefused,
    long bans,
    long dials,
    long sendsDropped) {}
