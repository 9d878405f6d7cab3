package dev.frostgate.node.bitcoin.rpc;

import dev.frostgate.bitcoin.fee.FeeRate;
import java.util.List;
import java.util.OptionalLong;

/** The parts of {@code getnetworkinfo} a validator uses: versions and relay fees. */
public record NetworkInfo(
    long version,
    String subversion,
    long protocolversion,
    OptionalLong connections,
    FeeRate relayfee,
    FeeRate incrementalfee,
    List<String> warnings) {

  static NetworkInfo from(JsonView v) {
    v.object();
    return new NetworkInfo(
        v.nonNegative("version"),
        v.str("subversion"),
        v.nonNegative("protocolversion"),
        v.optInt64("connections"),
        v.get("relayfee").feeRate(),
        v.get("incrementalfee").feeRate(),
        v.warnings("warnings"));
  }
}
