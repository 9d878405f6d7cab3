package dev.frostgate.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.engine.SpendRequest;
import dev.frostgate.node.config.HostPort;
import dev.frostgate.node.metrics.ValidatorMetrics;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API on a real loopback socket: token, size cap, field errors, status. */
class ApiServerTest {
  private static final String TOKEN = TestApiView.TOKEN;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<SpendRequest> accepted = new ArrayList<>();
  private ApiServer server;

  private final ValidatorMetrics metrics = new ValidatorMetrics();

  @BeforeEach
  void start() throws Exception {
    server = TestApiView.start("127.0.0.1", true, r -> accepted.add(r));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String body, String authorization) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/v1/signing/request"))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void acceptsAValidRequestWithTheToken() throws Exception {
    HttpResponse<String> r = post(SpendRequestJsonTest.valid(), "Bearer " + TOKEN);
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(accepted).singleElement().satisfies(q -> assertThat(q.id().value()).isEqualTo("r1"));
  }

  @Test
  void rejectsAMissingOrWrongToken() throws Exception {
    for (String auth : new String[] {null, "Bearer wrong", "Bearer " + TOKEN + "x", TOKEN}) {
      HttpResponse<String> r = post(SpendRequestJsonTest.valid(), auth);
      assertThat(r.statusCode()).as(String.valueOf(auth)).isEqualTo(401);
      assertThat(r.body()).contains("\"field\":\"Authorization\"").doesNotContain(TOKEN);
    }
    assertThat(accepted).isEmpty();
  }

  @Test
  void namesTheFieldOfABadRequest() throws Exception {
    HttpResponse<String> r =
        post(
            SpendRequestJsonTest.valid().replace("\"fee_cap_sat\": 50000", "\"fee_cap_sat\": -1"),
            "Bearer " + TOKEN);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"field\":\"fee_cap_sat\"");
    assertThat(accepted).isEmpty();
  }

  @Test
  void refusesAnOversizedBody() throws Exception {
    String big = "{\"request_id\": \"" + "x".repeat(ApiServer.MAX_BODY) + "\"}";
    HttpResponse<String> r = post(big, "Bearer " + TOKEN);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(accepted).isEmpty();
  }

  @Test
  void servesPrometheusMetrics() throws Exception {
    metrics.group(3, 2, 3);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    HttpResponse<String> m;
    try (ApiServer prometheus =
        ApiServer.metrics(new HostPort("127.0.0.1", port), metrics::scrape)) {
      m =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + prometheus.port() + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    }
    assertThat(m.statusCode()).isEqualTo(200);
    assertThat(m.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(m.body())
        .contains("frostgate_validators_online 3.0", "frostgate_validators_threshold 2.0");
  }

  @Test
  void reportsStatusAndHealth() throws Exception {
    HttpResponse<String> s =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/v1/status"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(s.statusCode()).isEqualTo(200);
    assertThat(s.body())
        .contains(
            "\"validator\":2",
            "\"state\":\"ready\"",
            "\"xpub\":\"tpubX\"",
            "\"peers_connected\":[1,3]",
            "\"requests_open\":[\"r-open\"]",
            "\"r-done\":\"" + "aa".repeat(32) + "\"");
    HttpResponse<String> h =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(h.statusCode()).isEqualTo(200);
  }
}
