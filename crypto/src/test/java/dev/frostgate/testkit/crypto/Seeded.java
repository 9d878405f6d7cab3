package dev.frostgate.testkit.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Seeded randomness, so that every randomized test replays exactly (never for real keys). */
public final class Seeded {
  private Seeded() {}

  /** A deterministic SecureRandom (SHA1PRNG seeded before first use); tests only. */
  public static SecureRandom sha1prng(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("SHA1PRNG is part of every JDK", e);
    }
  }
}
