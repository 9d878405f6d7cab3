package dev.frostgate.node.bitcoin.rpc;

/**
 * Authentication failed: the node answered 401 (wrong user/password, or a cookie that is still
 * stale after re-reading the cookie file), or the cookie file could not be read or is malformed.
 * The message never contains the password.
 */
public final class RpcAuthException extends RpcFailure {
  public RpcAuthException(String method, String message, Throwable cause) {
    super(method, message, cause);
  }
}
