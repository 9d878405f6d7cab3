package dev.frostgate.sim.core;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.testkit.crypto.SeededSecureRandom;
import java.util.SplittableRandom;

/**
 * Every random stream a seed draws from, each derived from the seed by its own formula so that
 * adding draws to one stream leaves the others, and hence every other decision of the seed, as it
 * was. The formulas are part of what a seed means: changing one changes every golden seed line.
 */
public final class SeedStreams {
  private SeedStreams() {}

  /** The run's own stream: network faults, crashes, Byzantine choices, in the order they happen. */
  public static SplittableRandom run(long seed) {
    return new SplittableRandom(seed);
  }

  /**
   * The scenario's stream: the faults and Byzantine validators a seed draws before the run; {@code
   * salt} keeps the signing and the DKG scenarios of one seed apart.
   */
  public static SplittableRandom scenario(long seed, int salt) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + salt);
  }

  /**
   * The randomness of one process of a validator (its nonces, its polynomials): {@code incarnation}
   * counts its starts from 1, so a restarted validator draws anew, as a real one would.
   */
  public static SeededSecureRandom node(long seed, Identifier id, int incarnation) {
    return new SeededSecureRandom(seed * 1_000_003L + id.smallValue() * 7919L + incarnation);
  }

  /** Whether the signing simulation delivers in batches: its own stream, drawn once. */
  public static SplittableRandom signingDelivery(long seed) {
    return new SplittableRandom(seed ^ 0x5DEECE66DL);
  }

  /** The validators' identity keys in the DKG simulation, drawn in identifier order. */
  public static SeededSecureRandom dkgIdentityKeys(long seed) {
    return new SeededSecureRandom(seed * 31 + 7);
  }
}
