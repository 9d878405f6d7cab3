package dev.frostgate.node.bitcoin.rpc;

import java.util.Optional;

/** The {@code scriptPubKey} object of {@code gettxout} and verbose transactions. */
public record ScriptPubKey(
    Optional<String> asm,
    Optional<String> desc,
    String hex,
    Optional<String> address,
    String type) {

  static ScriptPubKey from(JsonView v) {
    v.object();
    v.get("hex").hex(); // validate
    return new ScriptPubKey(
        v.optStr("asm"), v.optStr("desc"), v.str("hex"), v.optStr("address"), v.str("type"));
  }
}
