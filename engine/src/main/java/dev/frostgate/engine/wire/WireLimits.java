package dev.frostgate.engine.wire;

/**
 * Decoding limits.
 *
 * @param maxEnvelopeBytes largest signed envelope accepted, checked before parsing
 * @param decodeFrostPayloads whether validation also decodes the FrostCodec payloads (commitments,
 *     packages, shares) to prove them well formed; costs a point decompression (~4 µs) per point
 */
public record WireLimits(int maxEnvelopeBytes, boolean decodeFrostPayloads) {
  /** 1 MiB, and FROST payloads decoded. */
  public static final WireLimits DEFAULT = new WireLimits(1 << 20, true);

  public WireLimits {
    if (maxEnvelopeBytes < 128 || maxEnvelopeBytes > (64 << 20)) {
      throw new IllegalArgumentException(
          "maxEnvelopeBytes must be in [128, 64 MiB], got " + maxEnvelopeBytes);
    }
  }
}
