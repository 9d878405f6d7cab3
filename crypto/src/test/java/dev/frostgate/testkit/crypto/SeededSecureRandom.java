package dev.frostgate.testkit.crypto;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * A SecureRandom whose bytes come from a seeded SplittableRandom: FOR THE SIMULATION ONLY, so a
 * seed replays exactly (nonces included). Never use it with real keys.
 */
public final class SeededSecureRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;
  private final transient SplittableRandom random;

  public SeededSecureRandom(long seed) {
    this.random = new SplittableRandom(seed);
  }

  @Override
  public synchronized void nextBytes(byte[] bytes) {
    random.nextBytes(bytes);
  }

  @Override
  public byte[] generateSeed(int numBytes) {
    byte[] b = new byte[numBytes];
    nextBytes(b);
    return b;
  }

  @Override
  public synchronized void setSeed(long seed) {
    // ignored: the constructor's seed fixes the stream (SecureRandom calls this while constructing)
  }
}
