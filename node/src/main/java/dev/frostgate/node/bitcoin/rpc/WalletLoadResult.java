package dev.frostgate.node.bitcoin.rpc;

import java.util.ArrayList;
import java.util.List;

/** {@code createwallet} and {@code loadwallet}: the wallet's name and any warnings. */
public record WalletLoadResult(String name, List<String> warnings) {

  static WalletLoadResult from(JsonView v) {
    v.object();
    List<String> warnings = new ArrayList<>(v.warnings("warnings"));
    // Core before 26 sent a single "warning" string.
    v.optStr("warning").filter(s -> !s.isEmpty()).ifPresent(warnings::add);
    return new WalletLoadResult(v.str("name"), List.copyOf(warnings));
  }
}
