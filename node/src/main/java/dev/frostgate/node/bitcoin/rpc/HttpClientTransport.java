package dev.frostgate.node.bitcoin.rpc;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link RpcTransport} on {@link java.net.http.HttpClient} (HTTP/1.1, as bitcoind's libevent server
 * speaks it). The request timeout bounds the whole exchange including the body: the JDK's own
 * request timeout stops at the response headers, so a node that sends headers and then stalls is
 * cut off here as well.
 */
public final class HttpClientTransport implements RpcTransport {
  private final HttpClient http;

  public HttpClientTransport(Duration connectTimeout) {
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public Reply post(URI uri, String authorization, byte[] body, Duration timeout)
      throws TransportFailure {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    CompletableFuture<HttpResponse<String>> future =
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return new Reply(response.statusCode(), response.body());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new TransportFailure(TransportFailure.Kind.TIMEOUT, "no complete answer", e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new TransportFailure(TransportFailure.Kind.CLOSED, "interrupted", e);
    } catch (ExecutionException e) {
      throw classify(e.getCause() == null ? e : e.getCause());
    }
  }

  static TransportFailure classify(Throwable t) {
    // The JDK sometimes wraps the interesting exception once more.
    Throwable c = t;
    while (c.getCause() != null
        && !(c instanceof HttpTimeoutException)
        && !(c instanceof ConnectException)) {
      c = c.getCause();
    }
    if (c instanceof HttpConnectTimeoutException) {
      return new TransportFailure(TransportFailure.Kind.CONNECT_TIMEOUT, "connect", t);
    }
    if (c instanceof HttpTimeoutException) {
      return new TransportFailure(TransportFailure.Kind.TIMEOUT, "no complete answer", t);
    }
    if (c instanceof ConnectException) {
      return new TransportFailure(TransportFailure.Kind.REFUSED, String.valueOf(c.getMessage()), t);
    }
    if (t instanceof IOException || c instanceof IOException) {
      return new TransportFailure(TransportFailure.Kind.CLOSED, String.valueOf(c.getMessage()), t);
    }
    return new TransportFailure(TransportFailure.Kind.CLOSED, c.toString(), t);
  }

  @Override
  public void close() {
    http.close();
  }
}
