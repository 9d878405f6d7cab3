package dev.frostgate.node.bitcoin.rpc;

import java.time.Duration;

/**
 * The node did not answer within the timeout (connecting or waiting for the answer). The request
 * may or may not have been executed by the node; the client never retries it on its own.
 */
public final class RpcTimeoutException extends RpcFailure {
  private final Duration timeout;

  public RpcTimeoutException(String method, String what, Duration timeout, Throwable cause) {
    super(method, what + " timed out after " + timeout.toMillis() + " ms", cause);
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }
}
