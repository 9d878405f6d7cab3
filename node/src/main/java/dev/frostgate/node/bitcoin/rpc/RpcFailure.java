package dev.frostgate.node.bitcoin.rpc;

/**
 * Every way a call to Bitcoin Core's JSON-RPC can fail. Each failure names the RPC method it
 * belongs to. The subtypes are distinct so that callers can tell an answer from the node ({@link
 * RpcException}) from a transport problem (timeout, closed connection, HTTP status, auth) and from
 * an answer that the client could not make sense of ({@link RpcMalformedResponseException}).
 */
public abstract sealed class RpcFailure extends RuntimeException
    permits RpcException,
        RpcTimeoutException,
        RpcConnectionException,
        RpcHttpStatusException,
        RpcAuthException,
        RpcMalformedResponseException {

  private final String method;

  RpcFailure(String method, String message, Throwable cause) {
    super(method + ": " + message, cause);
    this.method = method;
  }

  /** The RPC method whose call failed. */
  public String method() {
    return method;
  }
}
