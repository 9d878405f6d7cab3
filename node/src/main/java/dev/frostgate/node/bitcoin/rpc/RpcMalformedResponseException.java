package dev.frostgate.node.bitcoin.rpc;

/**
 * The node's answer could not be understood: not JSON, not a JSON-RPC reply, or a result with a
 * missing field, a field of the wrong type or a value out of range. The message names the field.
 */
public final class RpcMalformedResponseException extends RpcFailure {
  public RpcMalformedResponseException(String method, String message, Throwable cause) {
    super(method, "unexpected answer: " + message, cause);
  }

  public RpcMalformedResponseException(String method, String message) {
    this(method, message, null);
  }
}
