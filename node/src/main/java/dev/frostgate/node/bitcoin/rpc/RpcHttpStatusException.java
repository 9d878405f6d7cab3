package dev.frostgate.node.bitcoin.rpc;

/**
 * The node answered with an HTTP status that carries no JSON-RPC answer (for example 503 "work
 * queue depth exceeded", 502 from a proxy, 403 for a client address not in {@code rpcallowip}).
 */
public final class RpcHttpStatusException extends RpcFailure {
  private final int status;

  public RpcHttpStatusException(String method, int status, String bodyExcerpt) {
    super(
        method,
        "HTTP status " + status + (bodyExcerpt.isBlank() ? "" : ": " + bodyExcerpt.strip()),
        null);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
