package dev.frostgate.node.bitcoin.rpc;

import java.net.URI;
import java.time.Duration;

/**
 * Sends one HTTP POST and returns the status and body. The default is {@link HttpClientTransport};
 * tests or other stacks may inject their own. Implementations must be thread-safe and must bound
 * the whole exchange (connect, send, full body) by {@code timeout}.
 */
public interface RpcTransport extends AutoCloseable {

  /**
   * Posts {@code body} (JSON) to {@code uri} with the given {@code Authorization} header value.
   *
   * @throws TransportFailure when no complete HTTP answer was received
   */
  Reply post(URI uri, String authorization, byte[] body, Duration timeout) throws TransportFailure;

  @Override
  void close();

  /** A complete HTTP answer. */
  record Reply(int status, String body) {}

  /** No complete HTTP answer. */
  final class TransportFailure extends Exception {
    /** What went wrong; decides whether a retry is safe. */
    public enum Kind {
      /** Could not connect: the request was not sent. */
      REFUSED,
      /** Connecting took longer than the connect timeout: the request was not sent. */
      CONNECT_TIMEOUT,
      /** No complete answer within the request timeout: the request may have been executed. */
      TIMEOUT,
      /** Closed or reset after sending: the request may have been executed. */
      CLOSED
    }

    private final Kind kind;

    public TransportFailure(Kind kind, String message, Throwable cause) {
      super(message, cause);
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }
  }
}
