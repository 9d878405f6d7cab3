package dev.frostgate.node.stacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.stacks.address.StacksAddress;
import dev.frostgate.stacks.clarity.ClarityCodec;
import dev.frostgate.stacks.clarity.ClarityDecodeException;
import dev.frostgate.stacks.clarity.ClarityValue;
import dev.frostgate.stacks.node.ContractEvent;
import dev.frostgate.stacks.node.StacksNode;
import dev.frostgate.stacks.node.StacksNodeException;
import dev.frostgate.stacks.node.StacksNodeException.Kind;
import dev.frostgate.stacks.tx.ContractCall;
import dev.frostgate.stacks.tx.SignedTransaction;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** {@link StacksNode} over a Stacks node's /v2 HTTP RPC (or the devnode, which serves the same). */
public final class HttpStacksNode implements StacksNode {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_BODY = 500;

  private final URI base;
  private final HttpClient http;
  private final Duration timeout;

  public HttpStacksNode(URI base, Duration timeout) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public URI base() {
    return base;
  }

  @Override
  public NodeInfo info() {
    JsonNode j = getJson("/v2/info");
    return new NodeInfo(
        requireLong(j, "stacks_tip_height", "/v2/info"),
        requireLong(j, "burn_block_height", "/v2/info"),
        requireLong(j, "network_id", "/v2/info"),
        j.path("server_version").asText(""));
  }

  @Override
  public AccountInfo account(StacksAddress address) {
    String path = "/v2/accounts/" + address + "?proof=0";
    JsonNode j = getJson(path);
    String balance = requireText(j, "balance", path);
    try {
      return new AccountInfo(
          new BigInteger(balance.startsWith("0x") ? balance.substring(2) : balance, 16),
          requireLong(j, "nonce", path));
    } catch (NumberFormatException e) {
      throw malformed(path, "balance '" + balance + "' is not hex");
    }
  }

  @Override
  public ClarityValue callReadOnly(
      String contractId, String function, StacksAddress sender, List<ClarityValue> arguments) {
    String path = "/v2/contracts/call-read/" + contractPath(contractId) + "/" + function;
    ObjectNode body = JSON.createObjectNode();
    body.put("sender", sender.toString());
    var args = body.putArray("arguments");
    arguments.forEach(a -> args.add("0x" + ClarityCodec.serializeHex(a)));
    JsonNode j = postJson(path, body.toString());
    if (!j.path("okay").asBoolean(false)) {
      throw new StacksNodeException(
          Kind.CALL_FAILED,
          "read-only call "
              + contractId
              + "::"
              + function
              + " failed: "
              + j.path("cause").asText());
    }
    return clarity(requireText(j, "result", path), path);
  }

  @Override
  public Optional<ClarityValue> mapEntry(String contractId, String map, ClarityValue key) {
    String path = "/v2/map_entry/" + contractPath(contractId) + "/" + map + "?proof=0";
    JsonNode j = postJson(path, JSON.valueToTree("0x" + ClarityCodec.serializeHex(key)).toString());
    ClarityValue v = clarity(requireText(j, "data", path), path);
    return switch (v) {
      case ClarityValue.None n -> Optional.empty();
      case ClarityValue.Some s -> Optional.of(s.value());
      default -> throw malformed(path, "map entry is a " + v.type() + ", not an optional");
    };
  }

  @Override
  public FeeEstimate estimateFee(ContractCall payload, int estimatedLength) {
    String path = "/v2/fees/transaction";
    ObjectNode body = JSON.createObjectNode();
    body.put("transaction_payload", "0x" + HexFormat.of().formatHex(payload.serialize()));
    body.put("estimated_len", estimatedLength);
    JsonNode j = postJson(path, body.toString());
    List<Long> fees = new ArrayList<>();
    for (JsonNode e : j.path("estimations")) {
      fees.add(requireLong(e, "fee", path));
    }
    if (fees.isEmpty()) {
      throw malformed(path, "no estimations");
    }
    return new FeeEstimate(fees.stream().sorted().toList());
  }

  @Override
  public BroadcastResult broadcast(SignedTransaction transaction) {
    String path = "/v2/transactions";
    HttpRequest request =
        request(path)
            .header("content-type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(transaction.bytes()))
            .build();
    HttpResponse<String> r = send(request, path);
    if (r.statusCode() == 200) {
      try {
        String txid = JSON.readTree(r.body()).asText();
        return new BroadcastResult.Accepted(ContractEvent.normalizeTxid(txid));
      } catch (IOException e) {
        throw malformed(path, "accepted, but the txid is not JSON: " + snippet(r.body()));
      }
    }
    if (r.statusCode() == 400) {
      JsonNode j = parse(r.body(), path);
      if (j.hasNonNull("reason")) {
        return new BroadcastResult.Rejected(
            j.get("reason").asText(),
            j.path("reason_data").toString(),
            j.path("txid").asText(transaction.txidHex()));
      }
    }
    throw status(path, r);
  }

  // ---- HTTP and JSON ----

  private static String contractPath(String contractId) {
    int dot = contractId.indexOf('.');
    if (dot < 0) {
      throw new IllegalArgumentException("contract id must be ADDRESS.name: '" + contractId + "'");
    }
    return contractId.substring(0, dot) + "/" + contractId.substring(dot + 1);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
  }

  private JsonNode getJson(String path) {
    HttpResponse<String> r = send(request(path).GET().build(), path);
    if (r.statusCode() != 200) {
      throw status(path, r);
    }
    return parse(r.body(), path);
  }

  private JsonNode postJson(String path, String body) {
    HttpRequest req =
        request(path)
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> r = send(req, path);
    if (r.statusCode() != 200) {
      throw status(path, r);
    }
    return parse(r.body(), path);
  }

  private HttpResponse<String> send(HttpRequest request, String path) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new StacksNodeException(
          Kind.UNREACHABLE, "Stacks node " + base + path + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StacksNodeException(Kind.UNREACHABLE, "interrupted calling " + base + path, e);
    }
  }

  private static JsonNode parse(String body, String path) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw malformed(path, "not JSON: " + snippet(body));
    }
  }

  private static ClarityValue clarity(String hex, String path) {
    try {
      return ClarityCodec.deserializeHex(hex);
    } catch (ClarityDecodeException e) {
      throw malformed(path, e.getMessage());
    }
  }

  private static long requireLong(JsonNode j, String field, String path) {
    JsonNode v = j.get(field);
    if (v == null || !v.canConvertToLong()) {
      throw malformed(path, "field '" + field + "' missing or not an integer");
    }
    return v.asLong();
  }

  private static String requireText(JsonNode j, String field, String path) {
    JsonNode v = j.get(field);
    if (v == null || !v.isTextual()) {
      throw malformed(path, "field '" + field + "' missing or not a string");
    }
    return v.asText();
  }

  private StacksNodeException status(String path, HttpResponse<String> r) {
    return new StacksNodeException(
        Kind.HTTP_STATUS,
        "Stacks node " + base + path + " answered " + r.statusCode() + ": " + snippet(r.body()));
  }

  private static StacksNodeException malformed(String path, String what) {
    return new StacksNodeException(Kind.MALFORMED_RESPONSE, "Stacks node " + path + ": " + what);
  }

  static String snippet(String body) {
    return body.length() <= MAX_ERROR_BODY ? body : body.substring(0, MAX_ERROR_BODY) + "…";
  }
}
