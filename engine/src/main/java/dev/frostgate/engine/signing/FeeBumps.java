package dev.frostgate.engine.signing;

import dev.frostgate.bitcoin.fee.FeeRate;
import dev.frostgate.bitcoin.spend.FeeBump;
import dev.frostgate.bitcoin.spend.SpendBuilder;
import dev.frostgate.bitcoin.spend.SpendException;
import dev.frostgate.bitcoin.spend.UnsignedSpend;
import dev.frostgate.crypto.hd.ThresholdXpub;
import dev.frostgate.engine.PolicyConfig;
import dev.frostgate.engine.SpendRequest;
import fr.acinq.bitcoin.Satoshi;

/**
 * The fee bumps of a request, deterministic so that every signer rebuilds the leader's replacement
 * from the request and the bump generation alone (the wire carries no fee rate): generation 0 is
 * the request's own transaction; generation g replaces generation g − 1 (BIP125, {@link
 * FeeBump#bump}: same inputs, same recipients, never below the previous rate) at the larger of 1.25
 * × its rate and the smallest rate Core's replacement rules accept, never above the operator's
 * maximum fee rate nor the lower of the request's and the operator's fee caps.
 *
 * <p>Generation g runs as its own signing attempt, {@link #attempt}: outside the range the leader
 * schedule's clock reaches, so it never mixes with the request's first signing, and its leader
 * rotates with g (a silent bump leader is replaced at the next bump).
 */
public final class FeeBumps {
  /** The first attempt number of a bump (generation 1 is {@code BASE + 1}). */
  public static final int BASE = 1 << 30;

  private FeeBumps() {}

  /** The signing attempt of bump generation {@code g} (at least 1). */
  public static int attempt(int g) {
    if (g < 1 || g > Integer.MAX_VALUE - BASE) {
      throw new IllegalArgumentException("bump generation must be 1.., got " + g);
    }
    return BASE + g;
  }

  /** Whether {@code attempt} is a bump's. */
  public static boolean isBump(int attempt) {
    return attempt > BASE;
  }

  /** The bump generation of a bump's attempt. */
  public static int generation(int attempt) {
    if (!isBump(attempt)) {
      throw new IllegalArgumentException("attempt " + attempt + " is not a bump");
    }
    return attempt - BASE;
  }

  /**
   * The request as bump generation {@code g} signs it: the same request with its recipe at the
   * bump's fee rate and the lower of the two fee caps, so that {@link SpendBuilder#build} makes
   * exactly the replacement and the policy checks it as any spend.
   *
   * @throws SpendException if some generation up to g cannot be built: above the fee cap
   *     (FEE_CAP_EXCEEDED), above the operator's maximum rate (FEE_CAP_EXCEEDED), or the change
   *     cannot absorb the fee (INSUFFICIENT_FUNDS)
   */
  public static SpendRequest request(
      SpendRequest r, int g, ThresholdXpub xpub, PolicyConfig policy) {
    if (g < 1) {
      throw new IllegalArgumentException("bump generation must be 1.., got " + g);
    }
    Satoshi cap = new Satoshi(Math.min(r.recipe().feeCap().getSat(), policy.feeCap().getSat()));
    UnsignedSpend previous = SpendBuilder.build(r.recipe(), xpub);
    for (int k = 1; k <= g; k++) {
      FeeRate old = previous.recipe().feeRate();
      FeeRate rate =
          FeeRate.max(
              FeeBump.minimumRate(previous),
              FeeRate.satPerKvb(Math.ceilDiv(Math.multiplyExact(old.satPerKvb(), 5), 4)));
      if (rate.compareTo(policy.maxFeeRate()) > 0) {
        throw new SpendException(
            SpendException.Reason.FEE_CAP_EXCEEDED,
            "bump " + k + " needs " + rate + ", above the maximum of " + policy.maxFeeRate());
      }
      previous = FeeBump.bump(previous, rate, cap);
    }
    return new SpendRequest(r.id(), previous.recipe(), r.createdAt(), r.expiresAt());
  }
}
