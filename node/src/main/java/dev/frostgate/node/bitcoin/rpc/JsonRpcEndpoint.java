package dev.frostgate.node.bitcoin.rpc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import dev.frostgate.node.bitcoin.rpc.RpcTransport.Reply;
import dev.frostgate.node.bitcoin.rpc.RpcTransport.TransportFailure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-RPC mechanics shared by a client and its wallet/timeout views: request framing, auth
 * (with cookie re-read), answer classification and retries. Thread-safe.
 */
final class JsonRpcEndpoint implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BitcoinRpcClient.class);

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  /** Waits between attempts; replaceable in tests. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final RpcClientConfig config;
  private final RpcTransport transport;
  private final Sleeper sleeper;
  private final AtomicReference<String> cookieHeader = new AtomicReference<>();
  private final AtomicLong ids = new AtomicLong();

  JsonRpcEndpoint(RpcClientConfig config, RpcTransport transport, Sleeper sleeper) {
    this.config = config;
    this.transport = transport;
    this.sleeper = sleeper;
  }

  RpcClientConfig config() {
    return config;
  }

  URI uri(Optional<String> wallet) {
    String base = config.url().toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (wallet.isEmpty()) {
      return URI.create(base + "/");
    }
    String encoded = URLEncoder.encode(wallet.get(), StandardCharsets.UTF_8).replace("+", "%20");
    return URI.create(base + "/wallet/" + encoded);
  }

  /**
   * Calls {@code method} and returns its {@code result} (possibly JSON null).
   *
   * @param idempotent whether repeating the call is harmless, which allows a retry after the
   *     connection was closed mid-answer
   */
  JsonNode call(
      Optional<String> wallet,
      Duration timeout,
      String method,
      ArrayNode params,
      boolean idempotent) {
    URI uri = uri(wallet);
    RetryPolicy retry = config.retry();
    for (int attempt = 1; ; attempt++) {
      try {
        return once(uri, timeout, method, params);
      } catch (RpcFailure f) {
        if (attempt >= retry.maxAttempts() || !isTransient(f, idempotent)) {
          throw f;
        }
        Duration wait = retry.backoffAfter(attempt);
        LOG.debug(
            "{} attempt {}/{} failed ({}); retrying in {} ms",
            method,
            attempt,
            retry.maxAttempts(),
            f.getMessage(),
            wait.toMillis());
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw f;
        }
      }
    }
  }

  static boolean isTransient(RpcFailure f, boolean idempotent) {
    return switch (f) {
      case RpcException e -> e.is(RpcErrorCode.RPC_IN_WARMUP);
      case RpcHttpStatusException e -> e.status() == 502 || e.status() == 503;
      case RpcConnectionException e ->
          e.kind() == RpcConnectionException.Kind.REFUSED || idempotent;
      case RpcTimeoutException e -> false;
      case RpcAuthException e -> false;
      case RpcMalformedResponseException e -> false;
    };
  }

  private JsonNode once(URI uri, Duration timeout, String method, ArrayNode params) {
    long id = ids.incrementAndGet();
    ObjectNode request = MAPPER.createObjectNode();
    request.put("jsonrpc", "1.0");
    request.put("id", id);
    request.put("method", method);
    request.set("params", params);
    byte[] body;
    try {
      body = MAPPER.writeValueAsBytes(request);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize request for " + method, e);
    }

    String auth = authorization(method, false);
    Reply reply = post(uri, auth, body, timeout, method);
    if (reply.status() == 401 && config.auth() instanceof RpcAuth.CookieFile) {
      // bitcoind writes a new cookie on every start: re-read it once and try again.
      String fresh = authorization(method, true);
      if (!fresh.equals(auth)) {
        LOG.info("{}: node refused the cached cookie; re-read the cookie file", method);
        reply = post(uri, fresh, body, timeout, method);
      }
    }
    return interpret(method, id, reply);
  }

  private Reply post(URI uri, String auth, byte[] body, Duration timeout, String method) {
    try {
      return transport.post(uri, auth, body, timeout);
    } catch (TransportFailure e) {
      throw switch (e.kind()) {
        case REFUSED ->
            new RpcConnectionException(
                method, RpcConnectionException.Kind.REFUSED, uri.getAuthority(), e);
        case CLOSED ->
            new RpcConnectionException(
                method, RpcConnectionException.Kind.CLOSED, String.valueOf(e.getMessage()), e);
        case CONNECT_TIMEOUT ->
            new RpcTimeoutException(
                method, "connecting to " + uri.getAuthority(), config.connectTimeout(), e);
        case TIMEOUT -> new RpcTimeoutException(method, "waiting for the answer", timeout, e);
      };
    }
  }

  private String authorization(String method, boolean reread) {
    String userPass =
        switch (config.auth()) {
          case RpcAuth.UserPassword up -> up.user() + ":" + up.password();
          case RpcAuth.CookieFile cf -> {
            String cached = cookieHeader.get();
            if (cached == null || reread) {
              cached = readCookie(method, cf);
              cookieHeader.set(cached);
            }
            yield cached;
          }
        };
    return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }

  private static String readCookie(String method, RpcAuth.CookieFile cf) {
    String content;
    try {
      content = Files.readString(cf.path(), StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new RpcAuthException(
          method, "cookie file " + cf.path() + " does not exist (is bitcoind running?)", e);
    } catch (IOException | RuntimeException e) {
      throw new RpcAuthException(method, "cannot read cookie file " + cf.path() + ": " + e, e);
    }
    int colon = content.indexOf(':');
    if (colon <= 0 || colon == content.length() - 1 || content.contains("\n")) {
      throw new RpcAuthException(
          method, "cookie file " + cf.path() + " is not of the form user:password", null);
    }
    return content;
  }

  private JsonNode interpret(String method, long id, Reply reply) {
    int status = reply.status();
    String body = reply.body() == null ? "" : reply.body();
    if (status == 401) {
      throw new RpcAuthException(
          method,
          switch (config.auth()) {
            case RpcAuth.UserPassword up ->
                "node refused user \"" + up.user() + "\" and its password (HTTP 401)";
            case RpcAuth.CookieFile cf ->
                "node refused the cookie from "
                    + cf.path()
                    + " (HTTP 401), also after re-reading it";
          },
          null);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (IOException | NumberFormatException e) {
      // Jackson throws NumberFormatException, not a parse error, for a number it cannot make a
      // BigDecimal of (an exponent of more than 10 digits, e.g. 1e47685035762).
      if (status != 200) {
        throw new RpcHttpStatusException(method, status, JsonView.abbreviate(body));
      }
      throw new RpcMalformedResponseException(
          method, "not JSON (" + JsonView.abbreviate(body) + ")", e);
    }
    if (root == null || !root.isObject()) {
      if (status != 200) {
        throw new RpcHttpStatusException(method, status, JsonView.abbreviate(body));
      }
      throw new RpcMalformedResponseException(
          method, "expected a JSON-RPC reply object, got " + JsonView.abbreviate(body));
    }
    JsonNode error = root.get("error");
    if (error != null && !error.isNull()) {
      JsonNode code = error.get("code");
      JsonNode message = error.get("message");
      if (!error.isObject()
          || code == null
          || !code.isIntegralNumber()
          || !code.canConvertToInt()
          || message == null
          || !message.isTextual()) {
        throw new RpcMalformedResponseException(
            method, "error object without an integer code and a string message: " + error);
      }
      throw new RpcException(method, code.intValue(), message.textValue());
    }
    if (status != 200) {
      throw new RpcHttpStatusException(method, status, JsonView.abbreviate(body));
    }
    JsonNode replyId = root.get("id");
    if (replyId != null
        && !replyId.isNull()
        && !(replyId.canConvertToLong()
            && replyId.isIntegralNumber()
            && replyId.longValue() == id)) {
      throw new RpcMalformedResponseException(
          method, "reply id " + replyId + " does not match request id " + id);
    }
    if (!root.has("result")) {
      throw new RpcMalformedResponseException(method, "reply has neither result nor error");
    }
    return root.get("result");
  }

  @Override
  public void close() {
    transport.close();
  }
}
