package dev.frostgate.bitcoin.spend;

import dev.frostgate.bitcoin.money.Amounts;
import fr.acinq.bitcoin.Satoshi;
import java.util.Objects;

/**
 * Where change goes and when it is dropped: change pays to the group's change key {@code
 * <xpub>/1/changeIndex}; change below {@code dustLimit} is not created and its value goes to the
 * fee instead.
 *
 * @param changeIndex the change branch index k (0..2^31-1)
 * @param dustLimit the smallest change output created; at least the P2TR dust threshold (330)
 */
public record ChangePolicy(long changeIndex, Satoshi dustLimit) {
  /** Bitcoin Core's dust threshold for a P2TR output at the default 3 sat/vB dust relay fee. */
  public static final long P2TR_DUST = 330;

  public ChangePolicy {
    if (changeIndex < 0 || changeIndex > (1L << 31) - 1) {
      throw new SpendException(
          SpendException.Reason.INVALID_INPUT,
          "change index must be 0..2^31-1 (non-hardened), got " + changeIndex);
    }
    Objects.requireNonNull(dustLimit, "dustLimit");
    if (dustLimit.getSat() < P2TR_DUST || dustLimit.getSat() > Amounts.MAX_MONEY) {
      throw new SpendException(
          SpendException.Reason.DUST_OUTPUT,
          "change dust limit must be at least " + P2TR_DUST + " sat, got " + dustLimit.getSat());
    }
  }

  /** Change to {@code <xpub>/1/changeIndex} with the P2TR dust limit. */
  public static ChangePolicy toIndex(long changeIndex) {
    return new ChangePolicy(changeIndex, new Satoshi(P2TR_DUST));
  }
}
