package dev.frostgate.node.keystore;

/**
 * Argon2id cost parameters (RFC 9106). The defaults are RFC 9106's second recommended option: 64
 * MiB, 3 passes, 4 lanes. Files carry their own parameters; reading refuses values outside the
 * bounds below so that a damaged header cannot make the node allocate gigabytes.
 *
 * @param memoryKiB memory in KiB, {@code 8 × parallelism} .. {@link #MAX_MEMORY_KIB}
 * @param iterations passes over memory, 1 .. {@link #MAX_ITERATIONS}
 * @param parallelism lanes, 1 .. {@link #MAX_PARALLELISM}
 */
public record KdfParameters(int memoryKiB, int iterations, int parallelism) {
  /** 1 GiB. */
  public static final int MAX_MEMORY_KIB = 1 << 20;

  public static final int MAX_ITERATIONS = 32;
  public static final int MAX_PARALLELISM = 16;

  /** 64 MiB, 3 passes, 4 lanes. */
  public static final KdfParameters DEFAULT = new KdfParameters(64 * 1024, 3, 4);

  public KdfParameters {
    String problem = problem(memoryKiB, iterations, parallelism);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Null when the values are acceptable, else what is wrong with them. */
  static String problem(long memoryKiB, long iterations, long parallelism) {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      return "Argon2id parallelism must be 1.." + MAX_PARALLELISM + ", got " + parallelism;
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      return "Argon2id iterations must be 1.." + MAX_ITERATIONS + ", got " + iterations;
    }
    if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
      return "Argon2id memory must be "
          + 8 * parallelism
          + ".."
          + MAX_MEMORY_KIB
          + " KiB, got "
          + memoryKiB;
    }
    return null;
  }
}
