package dev.frostgate.stacks.tx;

/**
 * Whether asset transfers not covered by a post-condition abort the transaction. Validator calls
 * move no assets, so they use {@link #DENY} with no post-conditions: any transfer aborts.
 */
public enum PostConditionMode {
  ALLOW(0x01),
  DENY(0x02);

  private final int code;

  PostConditionMode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
