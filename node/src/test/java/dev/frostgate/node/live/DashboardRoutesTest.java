package dev.frostgate.node.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.request.RequestId;
import fr.acinq.bitcoin.TxId;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dashboard page and its summary route on a real server. */
class DashboardRoutesTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private LiveServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.http(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void thePageAndItsFilesAreServedByTheValidator() throws Exception {
    server = new LiveServer(15, 10, WsHub.QUEUE);
    for (String path : List.of("/", "/dashboard")) {
      HttpResponse<String> page = get(path);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
      assertThat(page.body()).contains("id=\"validators\"", "/dashboard/app.js");
      // Nothing from elsewhere: no CDN, no external script or style.
      assertThat(page.body()).doesNotContain("http://", "https://");
    }
    assertThat(get("/dashboard/app.js").body()).contains("new WebSocket(");
    assertThat(get("/dashboard/style.css").statusCode()).isEqualTo(200);
  }

  @Test
  void theSummaryShowsEveryValidatorTheSigningFiguresAndWhatIsNotConnected() throws Exception {
    server = new LiveServer(15, 10, WsHub.QUEUE);
    server.peers = Set.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
    server.open = List.of("loan-9");
    RequestId id = new RequestId("loan-8");
    server.live.listener().onEngineEvent(new EngineEvent.CommitmentIssued(id, 1, List.of()));
    server
        .live
        .listener()
        .onEngineEvent(
            new EngineEvent.RequestSigned(id, new TxId("cd".repeat(32)), new byte[0], List.of()));
    server.live.listener().requestFailed(new RequestId("loan-7"), "expired");
    LiveServer.await(
        "13 validators online",
        () -> {
          try {
            return summary().get("network").get("online").asInt() == 13;
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });

    JsonNode d = summary();
    assertThat(d.get("network").get("total").asInt()).isEqualTo(15);
    assertThat(d.get("network").get("threshold").asInt()).isEqualTo(10);
    assertThat(d.get("network").get("capacity_percent").asInt()).isEqualTo(130);
    assertThat(d.get("validators")).hasSize(15);
    JsonNode v15 = d.get("validators").get(14);
    assertThat(v15.get("id").asInt()).isEqualTo(15);
    assertThat(v15.get("online").asBoolean()).isFalse();
    assertThat(d.get("validators").get(0).get("self").asBoolean()).isTrue();
    JsonNode s = d.get("signing");
    assertThat(s.get("count").asInt()).isEqualTo(2);
    assertThat(s.get("signed").asInt()).isEqualTo(1);
    assertThat(s.get("success_rate").asDouble()).isEqualTo(0.5);
    assertThat(d.get("recent_signatures").get(0).get("txid").asText())
        .isEqualTo(new TxId("cd".repeat(32)).toString());
    assertThat(d.get("queue").get("pending").asInt()).isEqualTo(1);
    assertThat(d.get("stacks").get("connected").asBoolean()).isFalse();
    assertThat(d.get("deposits").get("source").asBoolean()).isFalse();
  }

  private JsonNode summary() throws Exception {
    HttpResponse<String> r = get("/api/v1/dashboard");
    assertThat(r.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body());
  }
}
