package dev.frostgate.engine;

import dev.frostgate.crypto.frost.Identifier;
import java.util.Optional;

/**
 * Envelope check port: the sender an envelope is authenticated for (BIP340 signature by the
 * sender's identity key in production), or empty if the envelope is forged or malformed. Only
 * authenticated (sender, message) pairs reach the engine.
 */
@FunctionalInterface
public interface EnvelopeVerifier<E> {
  Optional<Identifier> authenticatedSender(E envelope);
}
