package dev.frostgate.node.bitcoin.rpc;

import dev.frostgate.bitcoin.fee.FeeRate;
import java.util.List;
import java.util.Optional;

/**
 * {@code estimatesmartfee}. {@code feerate} is empty when Core has no estimate (it then sends
 * {@code errors}; very old versions sent -1, which is read as empty too).
 */
public record SmartFeeEstimate(Optional<FeeRate> feerate, List<String> errors, long blocks) {

  static SmartFeeEstimate from(JsonView v) {
    v.object();
    Optional<FeeRate> rate =
        v.opt("feerate")
            .flatMap(
                f ->
                    f.decimal().signum() <= 0
                        ? Optional.<FeeRate>empty()
                        : Optional.of(f.feeRate()));
    return new SmartFeeEstimate(rate, v.strings("errors"), v.optInt64("blocks").orElse(0));
  }
}
