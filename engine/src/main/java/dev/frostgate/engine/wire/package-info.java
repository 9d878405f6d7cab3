/**
 * Wire messages and signed envelopes (schema {@code frostgate.v1}, {@code src/main/proto}).
 *
 * <p>Outbound: build an {@link dev.frostgate.engine.wire.proto.Envelope} with {@link
 * dev.frostgate.engine.wire.EnvelopeCodec#header} and a body (helpers in {@link
 * dev.frostgate.engine.wire.WireBodies}; engine messages through {@link
 * dev.frostgate.engine.wire.EngineMessages}, DKG messages through {@link
 * dev.frostgate.engine.wire.DkgMessages}), then {@link
 * dev.frostgate.engine.wire.EnvelopeCodec#sign} it with the identity key and send {@code
 * toByteArray()}.
 *
 * <p>Inbound: {@link dev.frostgate.engine.wire.InboundPipeline#receive} runs {@link
 * dev.frostgate.engine.wire.EnvelopeVerifier} (size cap, strict parsing, the {@link
 * dev.frostgate.engine.wire.WireVersion}, structure, pinned sender, transport peer, BIP340
 * signature), then the body's decoder ({@link dev.frostgate.engine.wire.EngineMessages#decode}; DKG
 * bodies are decoded by the caller with {@link dev.frostgate.engine.wire.DkgMessages#decode}), then
 * {@link dev.frostgate.engine.wire.ReplayGuard} (replays, staleness, per-sender round order,
 * session and round; signing and DKG sessions, state per sender that expires and is capped), and
 * counts every outcome per transport peer ({@link dev.frostgate.engine.wire.PeerStats}). Every
 * stage answers a {@link dev.frostgate.engine.wire.Decoded}. Everything here is pure logic: no I/O,
 * time injected.
 */
package dev.frostgate.engine.wire;
