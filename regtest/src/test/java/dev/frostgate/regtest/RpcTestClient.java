package dev.frostgate.regtest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** A minimal JSON-RPC client over java.net.http, independent of the production client. */
final class RpcTestClient {
  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI url;
  private final String auth;

  RpcTestClient(URI url, Path cookie) throws Exception {
    this.url = url;
    this.auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    Files.readString(cookie).trim().getBytes(StandardCharsets.US_ASCII));
  }

  /** The raw response: HTTP status and JSON body. */
  record Response(int status, JsonNode body) {
    JsonNode result() {
      if (!body.path("error").isNull()) {
        throw new AssertionError("RPC error: " + body.get("error"));
      }
      return body.get("result");
    }

    int errorCode() {
      return body.path("error").path("code").asInt();
    }

    String errorMessage() {
      return body.path("error").path("message").asText();
    }
  }

  Response raw(String path, String method, Object... params) throws Exception {
    ObjectNode req = JSON.createObjectNode();
    req.put("jsonrpc", "1.0");
    req.put("id", "t");
    req.put("method", method);
    ArrayNode p = req.putArray("params");
    for (Object o : params) {
      p.add(JSON.valueToTree(o));
    }
    HttpRequest r =
        HttpRequest.newBuilder(url.resolve(path))
            .header("Authorization", auth)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(req)))
            .build();
    HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
    return new Response(resp.statusCode(), JSON.readTree(resp.body()));
  }

  JsonNode call(String method, Object... params) throws Exception {
    return raw("/", method, params).result();
  }

  JsonNode wallet(String wallet, String method, Object... params) throws Exception {
    return raw("/wallet/" + wallet, method, params).result();
  }
}
