package dev.frostgate.engine;

import java.security.SecureRandom;

/**
 * Randomness port. Production: a {@link SecureRandom#getInstanceStrong()}; the simulation: a seeded
 * deterministic generator. FROST nonces additionally mix in the signing share (RFC 9591).
 */
@FunctionalInterface
public interface RandomSource {
  SecureRandom secureRandom();
}
