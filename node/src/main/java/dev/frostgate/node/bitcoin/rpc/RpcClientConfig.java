package dev.frostgate.node.bitcoin.rpc;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach Bitcoin Core.
 *
 * @param url the node's RPC root, e.g. {@code http://127.0.0.1:18443/} (no wallet path)
 * @param auth cookie file or user/password
 * @param connectTimeout bound on opening the TCP connection
 * @param requestTimeout bound on one request, from sending to the complete answer
 * @param retry backoff for transient failures
 */
public record RpcClientConfig(
    URI url, RpcAuth auth, Duration connectTimeout, Duration requestTimeout, RetryPolicy retry) {

  public RpcClientConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(retry, "retry");
    if (!"http".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(url.getScheme())) {
      throw new IllegalArgumentException("RPC url must be http or https: " + url);
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException("RPC url has no host: " + url);
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException("RPC url must not have a query or fragment: " + url);
    }
    if (!connectTimeout.isPositive() || !requestTimeout.isPositive()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
  }

  /** Defaults: connect 5 s, request 60 s, {@link RetryPolicy#defaults()}. */
  public static RpcClientConfig of(URI url, RpcAuth auth) {
    return new RpcClientConfig(
        url, auth, Duration.ofSeconds(5), Duration.ofSeconds(60), RetryPolicy.defaults());
  }

  public RpcClientConfig withTimeouts(Duration connect, Duration request) {
    return new RpcClientConfig(url, auth, connect, request, retry);
  }

  public RpcClientConfig withRetry(RetryPolicy retry) {
    return new RpcClientConfig(url, auth, connectTimeout, requestTimeout, retry);
  }
}
