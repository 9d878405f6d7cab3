package dev.frostgate.node.bitcoin.rpc;

/**
 * The connection failed: refused (nothing listening, the request was never sent) or closed or reset
 * by the node before a complete answer arrived (the request may have been executed).
 */
public final class RpcConnectionException extends RpcFailure {
  /** What happened to the connection. */
  public enum Kind {
    /** Could not connect; the request was not sent. */
    REFUSED,
    /** Closed or reset after the request was sent; the node may have executed it. */
    CLOSED
  }

  private final Kind kind;

  public RpcConnectionException(String method, Kind kind, String detail, Throwable cause) {
    super(
        method,
        (kind == Kind.REFUSED ? "connection refused" : "connection closed before a full answer")
            + (detail.isEmpty() ? "" : " (" + detail + ")"),
        cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
