package dev.frostgate.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frostgate.node.config.HostPort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/action/status/{request_id}} on a real loopback socket. */
class ActionStatusRouteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TX = "cd".repeat(32);
  private final HttpClient http = HttpClient.newHttpClient();
  private ApiServer server;

  private static final Map<String, ActionStatus> KNOWN =
      Map.of(
          "r-open",
          new ActionStatus(
              "r-open",
              "11".repeat(32),
              ActionStatus.State.OPEN,
              Optional.empty(),
              Optional.empty()),
          "r-signed",
          new ActionStatus(
              "r-signed",
              "22".repeat(32),
              ActionStatus.State.SIGNED,
              Optional.of(TX),
              Optional.of(0)),
          "r-failed",
          new ActionStatus(
              "r-failed",
              "33".repeat(32),
              ActionStatus.State.FAILED,
              Optional.empty(),
              Optional.empty()));

  @BeforeEach
  void start() {
    server =
        TestApiView.start(
            new HostPort("127.0.0.1", LoopbackPorts.free()),
            () ->
                new NodeStatus(
                    1,
                    "ready",
                    Optional.empty(),
                    Optional.empty(),
                    Set.of(),
                    List.of(),
                    Map.of(),
                    Optional.empty()),
            id -> {
              if (id.equals("r-chain-down")) {
                throw new ActionStatus.Unavailable("confirmations of " + TX + ": node down");
              }
              return Optional.ofNullable(KNOWN.get(id));
            },
            List.of());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String id) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/v1/action/status/" + id))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anOpenRequestHasNoTxidNorConfirmations() throws Exception {
    HttpResponse<String> r = get("r-open");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode b = JSON.readTree(r.body());
    assertThat(b.get("request_id").asText()).isEqualTo("r-open");
    assertThat(b.get("session_id").asText()).isEqualTo("11".repeat(32));
    assertThat(b.get("status").asText()).isEqualTo("open");
    assertThat(b.has("bitcoin_txid")).isFalse();
    assertThat(b.has("confirmations")).isFalse();
  }

  @Test
  void aSignedRequestHasItsTxidAndConfirmations() throws Exception {
    JsonNode b = JSON.readTree(get("r-signed").body());
    assertThat(b.get("status").asText()).isEqualTo("signed");
    assertThat(b.get("bitcoin_txid").asText()).isEqualTo(TX);
    assertThat(b.get("confirmations").isInt()).isTrue();
    assertThat(b.get("confirmations").asInt()).isZero();
  }

  @Test
  void aFailedRequestSaysFailed() throws Exception {
    JsonNode b = JSON.readTree(get("r-failed").body());
    assertThat(b.get("status").asText()).isEqualTo("failed");
    assertThat(b.has("bitcoin_txid")).isFalse();
  }

  @Test
  void anUnknownRequestIs404WithTheErrorBody() throws Exception {
    HttpResponse<String> r = get("r-unknown");
    assertThat(r.statusCode()).isEqualTo(404);
    JsonNode b = JSON.readTree(r.body());
    assertThat(b.get("field").asText()).isEqualTo("request_id");
    assertThat(b.get("code").asText()).isEqualTo("not_found");
    assertThat(b.get("message").asText()).contains("no request with this id");
  }

  @Test
  void anUnreadableChainIs503NamingConfirmations() throws Exception {
    HttpResponse<String> r = get("r-chain-down");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(JSON.readTree(r.body()).get("field").asText()).isEqualTo("confirmations");
  }

  @Test
  void aSignedStatusWithoutTxidCannotBeBuilt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new ActionStatus(
                    "r", "00", ActionStatus.State.SIGNED, Optional.empty(), Optional.of(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
