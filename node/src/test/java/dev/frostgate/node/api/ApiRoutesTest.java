package dev.frostgate.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frostgate.engine.SpendRequest;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every route of a real {@link ApiServer} on a real socket: the read routes' bodies, the action
 * route's token and field checks, the one error shape for bad input, unknown routes and wrong
 * methods (the server keeps answering), and {@code read_loopback_only} both ways over a
 * non-loopback address of this machine.
 */
class ApiRoutesTest {
  private static final String TOKEN = TestApiView.TOKEN;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<SpendRequest> accepted = Collections.synchronizedList(new ArrayList<>());
  private ApiServer server;

  private ApiServer start(String host, boolean readLoopbackOnly) throws Exception {
    server = TestApiView.start(host, readLoopbackOnly, r -> accepted.add(r));
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> get(String host, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://" + host + ":" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return get("127.0.0.1", path);
  }

  private HttpResponse<String> send(String method, String path, String body, String token)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String action() {
    return """
        {"request_id": "a1", "action_type": "release",
         "bitcoin_tx_params": {
           "inputs": [{"txid": "%s", "vout": 1, "amount_sat": 100000, "branch": "deposit", "index": 4}],
           "recipients": [{"address": "%s", "amount_sat": 40000}],
           "fee_rate_sat_vb": 2, "fee_cap_sat": 50000, "change_index": 3,
           "created_at_ms": 1000, "expires_at_ms": 2000}}
        """
        .formatted("ab".repeat(32), SpendRequestJsonTest.ADDRESS);
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return JSON.readTree(r.body());
  }

  /** The one error shape: code, message and (where one applies) field; nothing else. */
  private static void assertError(HttpResponse<String> r, int status, String code, String field)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode e = json(r);
    assertThat(e.path("code").asText()).isEqualTo(code);
    assertThat(e.path("message").asText()).isNotEmpty();
    if (field == null) {
      assertThat(e.has("field")).isFalse();
    } else {
      assertThat(e.path("field").asText()).isEqualTo(field);
    }
    List<String> names = new ArrayList<>();
    e.fieldNames().forEachRemaining(names::add);
    assertThat(names).isSubsetOf("code", "message", "field");
  }

  @Test
  void initiatesAnActionWithTheTokenAndReportsTheLeader() throws Exception {
    start("127.0.0.1", true);
    HttpResponse<String> r = send("POST", "/api/v1/action/initiate", action(), TOKEN);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode body = json(r);
    assertThat(body.path("session_id").asText()).isEqualTo("a1");
    assertThat(body.path("status").asText()).isEqualTo("initiated");
    assertThat(body.path("leader").asInt()).isEqualTo(1);
    assertThat(accepted).singleElement().satisfies(q -> assertThat(q.createdAt()).isEqualTo(1000));
  }

  @Test
  void actionInitiateNeedsTheBearerToken() throws Exception {
    start("127.0.0.1", true);
    for (String token : new String[] {null, "wrong-token-0123456789", TOKEN + "x"}) {
      HttpResponse<String> r = send("POST", "/api/v1/action/initiate", action(), token);
      assertError(r, 401, "unauthorized", "Authorization");
      assertThat(r.body()).doesNotContain(TOKEN);
    }
    assertThat(accepted).isEmpty();
  }

  @Test
  void actionInitiateRejectsAnUnknownFieldNamingIt() throws Exception {
    start("127.0.0.1", true);
    assertError(
        send(
            "POST",
            "/api/v1/action/initiate",
            action().replace("\"action_type\"", "\"priority\": 1, \"action_type\""),
            TOKEN),
        400,
        "bad_request",
        "priority");
    assertError(
        send(
            "POST",
            "/api/v1/action/initiate",
            action().replace("\"vout\": 1", "\"vout\": 1, \"sequence\": 0"),
            TOKEN),
        400,
        "bad_request",
        "bitcoin_tx_params.inputs[0].sequence");
    assertThat(accepted).isEmpty();
  }

  @Test
  void actionInitiateNamesAMissingOrMistypedFieldAndAMalformedBody() throws Exception {
    start("127.0.0.1", true);
    assertError(
        send("POST", "/api/v1/action/initiate", action().replace("\"release\"", "7"), TOKEN),
        400,
        "bad_request",
        "action_type");
    assertError(
        send(
            "POST",
            "/api/v1/action/initiate",
            action().replace("\"fee_cap_sat\": 50000,", ""),
            TOKEN),
        400,
        "bad_request",
        "bitcoin_tx_params.fee_cap_sat");
    assertError(
        send(
            "POST",
            "/api/v1/action/initiate",
            action().replace("\"vout\": 1", "\"vout\": \"1\""),
            TOKEN),
        400,
        "bad_request",
        "bitcoin_tx_params.inputs[0].vout");
    assertError(
        send("POST", "/api/v1/action/initiate", "{\"request_id\": ", TOKEN),
        400,
        "bad_request",
        "body");
    assertError(
        send(
            "POST",
            "/api/v1/action/initiate",
            "{\"request_id\": \"" + "x".repeat(ApiServer.MAX_BODY) + "\"}",
            TOKEN),
        413,
        "payload_too_large",
        "body");
    assertThat(accepted).isEmpty();
    assertThat(get("/api/v1/status").statusCode()).isEqualTo(200);
  }

  @Test
  void unknownRoutesAndWrongMethodsGetJsonErrorsAndTheServerKeepsAnswering() throws Exception {
    start("127.0.0.1", true);
    assertError(get("/api/v1/nothing-here"), 404, "not_found", null);
    assertError(send("DELETE", "/api/v1/status", "", TOKEN), 405, "method_not_allowed", null);
    assertError(send("POST", "/api/v1/validators", "{}", TOKEN), 405, "method_not_allowed", null);
    assertError(get("/api/v1/action/initiate"), 405, "method_not_allowed", null);
    assertThat(get("/api/v1/status").statusCode()).isEqualTo(200);
  }

  @Test
  void readRoutesAnswerWithTheirBodies() throws Exception {
    start("127.0.0.1", true);
    JsonNode status = json(get("/api/v1/status"));
    assertThat(status.path("validator_id").asInt()).isEqualTo(2);
    assertThat(status.path("peer_count").asInt()).isEqualTo(2);
    assertThat(status.path("last_signature").asText()).isEqualTo("2026-01-12T10:30:00Z");
    assertThat(status.path("uptime_seconds").isIntegralNumber()).isTrue();
    assertThat(status.path("state").asText()).isEqualTo("ready");

    HttpResponse<String> h = get("/health");
    assertThat(h.statusCode()).isEqualTo(200);
    JsonNode health = json(h);
    assertThat(health.path("status").asText()).isEqualTo("healthy");
    assertThat(health.path("bitcoin_synced").asBoolean()).isTrue();
    assertThat(health.get("stacks_synced").isNull()).isTrue();
    assertThat(health.path("stacks_detail").asText()).contains("no Stacks");

    assertThat(json(get("/api/v1/key_share/public")).path("public_key_share").asText())
        .startsWith("02");
    JsonNode session = json(get("/api/v1/signing/session/r-open"));
    assertThat(session.path("status").asText()).isEqualTo("collecting_signatures");
    assertThat(session.path("coordinator").path("nonce_commitments").asInt()).isEqualTo(2);
    assertThat(session.path("progress_percent").asInt()).isEqualTo(50);
    assertError(get("/api/v1/signing/session/unknown"), 404, "not_found", "id");
    assertError(get("/api/v1/signing/session/%7F"), 400, "bad_request", "id");

    JsonNode validators = json(get("/api/v1/validators"));
    assertThat(validators.path("online").asInt()).isEqualTo(2);
    assertThat(validators.path("threshold").asInt()).isEqualTo(2);
    assertThat(validators.path("validators").get(2).path("status").asText()).isEqualTo("offline");
    assertThat(validators.path("validators").get(2).get("last_seen").isNull()).isTrue();

    JsonNode exclusion = json(get("/api/v1/exclusions")).path("exclusions").get(0);
    assertThat(exclusion.path("evidence").path("proof_messages").asInt()).isEqualTo(2);
    assertThat(json(get("/api/v1/spend_locks")).path("live").asInt()).isEqualTo(1);
    assertThat(json(get("/api/v1/journal/summary")).path("journal_rows_voided").asInt())
        .isEqualTo(2);
    assertThat(json(get("/api/v1/dkg/certificate")).path("signatures").size()).isEqualTo(3);
    assertThat(json(get(ApiServer.OPENAPI)).path("openapi").asText()).isEqualTo("3.1.0");
  }

  @Test
  void readLoopbackOnlyRefusesAnotherAddressButAnswersLoopbackAndTheTokenRoutes() throws Exception {
    String external = nonLoopbackAddress();
    start("0.0.0.0", true);
    assertError(get(external, "/api/v1/status"), 403, "forbidden", null);
    assertError(get(external, "/health"), 403, "forbidden", null);
    assertThat(get("127.0.0.1", "/api/v1/status").statusCode()).isEqualTo(200);
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://" + external + ":" + server.port() + "/api/v1/action/initiate"))
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(action()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).as(post.body()).isEqualTo(202);
  }

  @Test
  void readsAreOpenToEveryAddressWhenNotLoopbackOnly() throws Exception {
    String external = nonLoopbackAddress();
    start("0.0.0.0", false);
    assertThat(get(external, "/api/v1/status").statusCode()).isEqualTo(200);
    assertThat(get(external, "/api/v1/validators").statusCode()).isEqualTo(200);
  }

  @Test
  void recognisesLoopbackLiteralsOnly() {
    assertThat(ApiServer.isLoopback("127.0.0.1")).isTrue();
    assertThat(ApiServer.isLoopback("127.8.9.10")).isTrue();
    assertThat(ApiServer.isLoopback("[0:0:0:0:0:0:0:1]")).isTrue();
    assertThat(ApiServer.isLoopback("::1")).isTrue();
    assertThat(ApiServer.isLoopback("192.0.2.2")).isFalse();
    assertThat(ApiServer.isLoopback("localhost")).isFalse(); // a name is never resolved
    assertThat(ApiServer.isLoopback(null)).isFalse();
  }

  /** An IPv4 address of this machine that is not loopback (the tests need one; CI hosts have). */
  static String nonLoopbackAddress() throws Exception {
    for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!i.isUp() || i.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(i.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
          return a.getHostAddress();
        }
      }
    }
    throw new IllegalStateException("this machine has no non-loopback IPv4 address to test with");
  }
}
