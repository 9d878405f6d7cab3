package dev.frostgate.node.bitcoin.rpc;

import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import java.util.List;
import java.util.Optional;

/** One element of {@code importdescriptors}' answer, in the order of the requests. */
public record ImportDescriptorResult(
    boolean success, List<String> warnings, Optional<ImportDescriptorResult.Error> error) {

  /** Core's per-request error object. */
  public record Error(int code, String message) {
    public RpcErrorCode known() {
      return RpcErrorCode.of(code);
    }
  }

  static ImportDescriptorResult from(JsonView v) {
    v.object();
    Optional<Error> error = v.opt("error").map(e -> new Error(e.int32("code"), e.str("message")));
    return new ImportDescriptorResult(v.get("success").bool(), v.strings("warnings"), error);
  }
}
