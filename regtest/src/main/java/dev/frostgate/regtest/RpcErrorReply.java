package dev.frostgate.regtest;

import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import java.util.Objects;

/**
 * The error reply to one RPC call, server side: Bitcoin Core's code and message, which the
 * dispatcher writes into the JSON-RPC answer. Checked, so every handler says it may refuse. (The
 * client side's failures are {@code node.bitcoin.rpc.RpcErrorReply}; both speak {@link
 * RpcErrorCode}.)
 */
final class RpcErrorReply extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient RpcErrorCode code;

  RpcErrorReply(RpcErrorCode code, String message) {
    super(message, null, false, false);
    this.code = Objects.requireNonNull(code, "code");
  }

  RpcErrorCode code() {
    return code;
  }
}
