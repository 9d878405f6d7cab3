package dev.frostgate.bitcoin.fee;

import java.util.Objects;
import java.util.Optional;

/**
 * Configured fee rules.
 *
 * @param confTarget {@code estimatesmartfee}'s confirmation target, 1..1008 blocks
 * @param mode estimate mode, empty for Core's default
 * @param fallback the rate used when Core has no estimate (fresh node, regtest)
 * @param cap the highest rate ever used; a request may lower it, never raise it
 */
public record FeePolicy(
    int confTarget, Optional<EstimateMode> mode, FeeRate fallback, FeeRate cap) {

  public FeePolicy {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(fallback, "fallback");
    Objects.requireNonNull(cap, "cap");
    if (confTarget < 1 || confTarget > 1008) {
      throw new IllegalArgumentException("confirmation target must be 1..1008: " + confTarget);
    }
    if (fallback.compareTo(cap) > 0) {
      throw new IllegalArgumentException("fallback " + fallback + " is above the cap " + cap);
    }
  }
}
