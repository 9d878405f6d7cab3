package dev.frostgate.bitcoin.spv;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The proof-of-work rules of a network, as in Bitcoin Core's chain parameters.
 *
 * @param name network name, for messages
 * @param powLimit the easiest target allowed
 * @param allowMinDifficultyBlocks testnet rule: a block more than 20 minutes after its parent may
 *     use the minimum difficulty
 * @param noRetargeting regtest rule: difficulty never changes
 * @param enforceBip94 testnet4 rule: retarget from the first block of the period, and the first
 *     block of a period may not be more than 600 s older than its parent
 */
public record PowParams(
    String name,
    BigInteger powLimit,
    boolean allowMinDifficultyBlocks,
    boolean noRetargeting,
    boolean enforceBip94) {

  /** Blocks per difficulty period. */
  public static final int RETARGET_INTERVAL = 2016;

  /** Target seconds per period (two weeks). */
  public static final long TARGET_TIMESPAN = 14L * 24 * 60 * 60;

  /** Target seconds per block. */
  public static final long TARGET_SPACING = 600;

  private static final BigInteger MAIN_LIMIT =
      new BigInteger("00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 16);

  public static final PowParams MAINNET = new PowParams("main", MAIN_LIMIT, false, false, false);
  public static final PowParams TESTNET3 = new PowParams("test", MAIN_LIMIT, true, false, false);
  public static final PowParams TESTNET4 = new PowParams("testnet4", MAIN_LIMIT, true, false, true);

  /** The default signet (custom signets share its proof-of-work limit). */
  public static final PowParams SIGNET =
      new PowParams(
          "signet",
          new BigInteger("00000377ae000000000000000000000000000000000000000000000000000000", 16),
          false,
          false,
          false);

  public static final PowParams REGTEST =
      new PowParams(
          "regtest",
          new BigInteger("7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 16),
          true,
          true,
          false);

  public PowParams {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(powLimit, "powLimit");
    if (powLimit.signum() <= 0 || powLimit.bitLength() > 256) {
      throw new IllegalArgumentException("powLimit must be in 1..2^256-1");
    }
  }

  /** The compact (nBits) form of {@link #powLimit()}. */
  public long powLimitBits() {
    return Pow.compact(powLimit);
  }
}
