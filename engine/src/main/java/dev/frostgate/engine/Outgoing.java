package dev.frostgate.engine;

import dev.frostgate.crypto.frost.Identifier;

/**
 * One message for one peer, as a state machine's step emits it: {@code M} is {@link Message} for
 * the signing engine ({@link Output}) and {@code DkgMessage} for a DKG session ({@code DkgStep}).
 */
public record Outgoing<M>(Identifier to, M message) {}
