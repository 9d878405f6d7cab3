package dev.frostgate.bitcoin.fee;

/** {@code estimatesmartfee}'s {@code estimate_mode}. */
public enum EstimateMode {
  ECONOMICAL,
  CONSERVATIVE
}
