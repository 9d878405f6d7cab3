package dev.frostgate.stacks.tx;

/** Where a transaction may be mined (SIP-005). */
public enum AnchorMode {
  ON_CHAIN_ONLY(0x01),
  OFF_CHAIN_ONLY(0x02),
  ANY(0x03);

  private final int code;

  AnchorMode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
