package dev.frostgate.bitcoin.spv;

import dev.frostgate.bitcoin.spv.SpvException.Reason;
import fr.acinq.bitcoin.BlockHeader;
import java.math.BigInteger;
import java.util.HexFormat;

/** Compact targets (nBits), proof of work and block work, as in Bitcoin Core's arith_uint256. */
public final class Pow {
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

  private Pow() {}

  /**
   * The target encoded by {@code bits}.
   *
   * @throws SpvException INVALID_TARGET if the encoding is negative, zero or overflows 256 bits
   */
  public static BigInteger target(long bits) {
    if (bits < 0 || bits > 0xffffffffL) {
      throw new SpvException(Reason.INVALID_TARGET, "nBits out of uint32 range: " + bits);
    }
    int size = (int) (bits >>> 24);
    long word = bits & 0x007fffffL;
    if (word != 0 && (bits & 0x00800000L) != 0) {
      throw new SpvException(Reason.INVALID_TARGET, "nBits " + hex(bits) + " is negative");
    }
    if (word != 0 && (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32))) {
      throw new SpvException(Reason.INVALID_TARGET, "nBits " + hex(bits) + " overflows 256 bits");
    }
    BigInteger t =
        size <= 3
            ? BigInteger.valueOf(word >>> (8 * (3 - size)))
            : BigInteger.valueOf(word).shiftLeft(8 * (size - 3));
    if (t.signum() == 0) {
      throw new SpvException(Reason.INVALID_TARGET, "nBits " + hex(bits) + " encodes zero");
    }
    return t;
  }

  /** The target of {@code bits}, also rejecting one easier than the network's limit. */
  public static BigInteger target(long bits, PowParams params) {
    BigInteger t = target(bits);
    if (t.compareTo(params.powLimit()) > 0) {
      throw new SpvException(
          Reason.INVALID_TARGET,
          "nBits " + hex(bits) + " is above the " + params.name() + " proof-of-work limit");
    }
    return t;
  }

  /** The compact encoding of a non-negative target (Bitcoin Core's GetCompact). */
  public static long compact(BigInteger target) {
    if (target.signum() < 0 || target.bitLength() > 256) {
      throw new IllegalArgumentException("target must be in 0..2^256-1");
    }
    int size = (target.bitLength() + 7) / 8;
    long word =
        size <= 3
            ? target.longValue() << (8 * (3 - size))
            : target.shiftRight(8 * (size - 3)).longValue();
    if ((word & 0x00800000L) != 0) {
      word >>>= 8;
      size++;
    }
    return word | ((long) size << 24);
  }

  /** The header's hash read as a 256-bit number (the byte-reversed hash, as Core compares it). */
  public static BigInteger hashValue(BlockHeader header) {
    return new BigInteger(1, header.blockId.value.toByteArray());
  }

  /**
   * Checks the header's hash against the target its nBits encode and against the network limit.
   *
   * @throws SpvException INVALID_TARGET or INSUFFICIENT_POW
   */
  public static void check(BlockHeader header, PowParams params) {
    BigInteger t = target(header.bits, params);
    if (hashValue(header).compareTo(t) > 0) {
      throw new SpvException(
          Reason.INSUFFICIENT_POW,
          "block " + header.blockId + " hash is above its target (nBits " + hex(header.bits) + ")");
    }
  }

  /** Expected number of hashes for a block at {@code bits}: 2^256 / (target + 1). */
  public static BigInteger work(long bits) {
    return TWO_256.divide(target(bits).add(BigInteger.ONE));
  }

  static String hex(long bits) {
    return HexFormat.of().toHexDigits((int) bits);
  }
}
