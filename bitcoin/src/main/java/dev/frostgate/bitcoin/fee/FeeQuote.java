package dev.frostgate.bitcoin.fee;

/** The outcome of a fee decision: a rate to use, or a refusal with its reason. */
public sealed interface FeeQuote {

  /** Where the rate came from before the floor and cap were applied. */
  enum Source {
    /** Core's {@code estimatesmartfee}. */
    ESTIMATE,
    /** The configured fallback: Core had no estimate. */
    FALLBACK
  }

  /**
   * Use {@code rate}.
   *
   * @param rate the rate to build with (its {@link FeeRate#satPerVb()} is the sat/vB figure)
   * @param source estimate or fallback
   * @param raisedToFloor the base rate was below the node's minimum and was raised to it
   * @param capped the base rate was above the cap and was lowered to it
   * @param floor the node's minimum (max of {@code mempoolminfee} and {@code minrelaytxfee})
   */
  record Use(FeeRate rate, Source source, boolean raisedToFloor, boolean capped, FeeRate floor)
      implements FeeQuote {}

  /**
   * No rate satisfies both the node's minimum and the cap: the node would refuse anything we are
   * allowed to pay.
   */
  record CapBelowFloor(FeeRate floor, FeeRate cap) implements FeeQuote {}
}
