package dev.frostgate.bitcoin.spend;

import dev.frostgate.crypto.hd.TaprootOutput;
import dev.frostgate.crypto.hd.ThresholdXpub;

/** The two non-hardened branches under the group's threshold xpub. */
public enum Branch {
  /** {@code <xpub>/0/n}: deposit addresses (one per loan of the protocol above). */
  DEPOSIT(0),
  /** {@code <xpub>/1/k}: change addresses, reserved for the group's own change. */
  CHANGE(1);

  private final int number;

  Branch(int number) {
    this.number = number;
  }

  /** The BIP32 child number of this branch under the root (0 or 1). */
  public int number() {
    return number;
  }

  /** The Taproot output of {@code <xpub>/branch/index}. */
  public TaprootOutput output(ThresholdXpub xpub, long index) {
    return this == DEPOSIT ? xpub.depositOutput(index) : xpub.changeOutput(index);
  }
}
