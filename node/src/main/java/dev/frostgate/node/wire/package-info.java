/**
 * Wire messages and signed envelopes (schema {@code frostgate.v1}, {@code src/main/proto}).
 *
 * <p>Outbound: build an {@link dev.frostgate.node.wire.proto.Envelope} with {@link
 * dev.frostgate.node.wire.EnvelopeCodec#header} and a body (helpers in {@link
 * dev.frostgate.node.wire.WireBodies}; engine messages through {@link
 * dev.frostgate.node.wire.EngineMessages}, DKG messages through {@link
 * dev.frostgate.node.wire.DkgMessages}), then {@link dev.frostgate.node.wire.EnvelopeCodec#sign} it
 * with the identity key and send {@code toByteArray()}.
 *
 * <p>Inbound: {@link dev.frostgate.node.wire.InboundFilter#receive} runs {@link
 * dev.frostgate.node.wire.EnvelopeVerifier} (size cap, strict parsing, version, structure, pinned
 * sender, transport peer, BIP340 signature) then {@link dev.frostgate.node.wire.ReplayGuard}
 * (replays, staleness, per-sender round order, session and round) and counts every outcome per
 * transport peer ({@link dev.frostgate.node.wire.PeerStats}). Everything here is pure logic: no
 * I/O, time injected.
 */
package dev.frostgate.node.wire;
