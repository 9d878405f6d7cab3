package dev.frostgate.node.live;

import static dev.frostgate.node.live.LiveServer.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.request.RequestId;
import fr.acinq.bitcoin.TxId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /ws} on a real server with Java's WebSocket client: events, bad input, slow clients. */
class LiveWebSocketTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TXID = "ab".repeat(32);
  private LiveServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private LiveServer.Client subscribed(String... topics) throws Exception {
    LiveServer.Client c = server.connect();
    c.send(
        JSON.createObjectNode()
            .put("type", "subscribe")
            .set("topics", JSON.valueToTree(List.of(topics)))
            .toString());
    JsonNode ack = json(c.next());
    assertThat(ack.get("type").asText()).isEqualTo("subscribed");
    return c;
  }

  @Test
  void signatureEventsCarryTheRequestTheTxidAndATimestamp() throws Exception {
    server = new LiveServer(3, 2, WsHub.QUEUE);
    LiveServer.Client c = subscribed("signatures");
    RequestId id = new RequestId("loan-157-release");

    server.live.listener().onEngineEvent(new EngineEvent.CommitmentIssued(id, 1, List.of()));
    server.live.listener().onEngineEvent(new EngineEvent.CommitmentIssued(id, 2, List.of()));
    server
        .live
        .listener()
        .onEngineEvent(new EngineEvent.RequestSigned(id, new TxId(TXID), new byte[0], List.of()));
    server.live.listener().requestFailed(new RequestId("loan-158"), "expired");

    JsonNode started = json(c.next());
    assertThat(started.get("type").asText()).isEqualTo("signature_started");
    assertThat(started.get("topic").asText()).isEqualTo("signatures");
    assertThat(started.get("request_id").asText()).isEqualTo("loan-157-release");
    assertThat(started.get("session_id").asText()).isEqualTo("loan-157-release#1");
    assertThat(Instant.parse(started.get("timestamp").asText())).isNotNull();
    // The second attempt's commitment is the same signing, not a second start.
    JsonNode completed = json(c.next());
    assertThat(completed.get("type").asText()).isEqualTo("signature_completed");
    assertThat(completed.get("request_id").asText()).isEqualTo("loan-157-release");
    assertThat(completed.get("txid").asText()).isEqualTo(new TxId(TXID).toString());
    assertThat(completed.get("duration_ms").isIntegralNumber()).isTrue();
    JsonNode failed = json(c.next());
    assertThat(failed.get("type").asText()).isEqualTo("signature_failed");
    assertThat(failed.get("request_id").asText()).isEqualTo("loan-158");
    assertThat(failed.get("reason").asText()).isEqualTo("expired");
  }

  @Test
  void networkEventsFollowPeersConnectingDisconnectingAndExclusions() throws Exception {
    server = new LiveServer(3, 2, WsHub.QUEUE);
    LiveServer.Client c = subscribed("network");

    server.peers = Set.of(2, 3);
    JsonNode a = json(c.next());
    JsonNode b = json(c.next());
    assertThat(List.of(a.get("peer_id").asInt(), b.get("peer_id").asInt()))
        .containsExactlyInAnyOrder(2, 3);
    assertThat(a.get("type").asText()).isEqualTo("network_event");
    assertThat(a.get("status").asText()).isEqualTo("connected");

    server.peers = Set.of(2);
    JsonNode gone = json(c.next());
    assertThat(gone.get("peer_id").asInt()).isEqualTo(3);
    assertThat(gone.get("status").asText()).isEqualTo("disconnected");
    assertThat(Instant.parse(gone.get("timestamp").asText())).isNotNull();

    server
        .live
        .listener()
        .onEngineEvent(new EngineEvent.Blamed(dev.frostgate.crypto.frost.Identifier.of(2), null));
    JsonNode excluded = json(c.next());
    assertThat(excluded.get("peer_id").asInt()).isEqualTo(2);
    assertThat(excluded.get("status").asText()).isEqualTo("excluded");
    assertThat(excluded.get("reason").asText()).isEqualTo("invalid_share");
  }

  @Test
  void aClientGetsOnlyItsTopicsAndTheDepositsTopicIsAccepted() throws Exception {
    server = new LiveServer(3, 2, WsHub.QUEUE);
    LiveServer.Client deposits = subscribed("deposits");
    LiveServer.Client signatures = subscribed("signatures");

    server.live.listener().requestFailed(new RequestId("r1"), "expired");

    assertThat(json(signatures.next()).get("type").asText()).isEqualTo("signature_failed");
    // No deposit source runs in the validator: the topic is accepted and stays quiet.
    assertThat(deposits.received.poll(1, TimeUnit.SECONDS)).isNull();
  }

  @Test
  void badInputIsAnsweredWithAnErrorNamingItAndTheConnectionStays() throws Exception {
    server = new LiveServer(3, 2, WsHub.QUEUE);
    LiveServer.Client c = server.connect();

    c.send("this is not json");
    JsonNode notJson = json(c.next());
    assertThat(notJson.get("type").asText()).isEqualTo("error");
    assertThat(notJson.get("where").asText()).isEqualTo("message");
    assertThat(notJson.get("error").asText()).contains("not JSON");

    c.send("{\"type\":\"unsubscribe\",\"topics\":[\"network\"]}");
    JsonNode unknownType = json(c.next());
    assertThat(unknownType.get("where").asText()).isEqualTo("type");
    assertThat(unknownType.get("error").asText()).contains("\"unsubscribe\"");

    c.send("{\"type\":\"subscribe\",\"topics\":[\"network\",\"loans\"]}");
    JsonNode unknownTopic = json(c.next());
    assertThat(unknownTopic.get("where").asText()).isEqualTo("topics");
    assertThat(unknownTopic.get("error").asText()).contains("\"loans\"");

    c.send("{\"type\":\"subscribe\",\"topics\":[42]}");
    assertThat(json(c.next()).get("where").asText()).isEqualTo("topics[0]");

    // Still connected, and a good subscription works.
    c.send("{\"type\":\"subscribe\",\"topics\":[\"signatures\"]}");
    JsonNode ack = json(c.next());
    assertThat(ack.get("type").asText()).isEqualTo("subscribed");
    assertThat(ack.get("topics").get(0).asText()).isEqualTo("signatures");
    server.live.listener().requestFailed(new RequestId("r2"), "expired");
    assertThat(json(c.next()).get("request_id").asText()).isEqualTo("r2");
    assertThat(c.closedWith).isNull();
  }

  @Test
  void aClientThatStopsReadingIsDroppedAndPublishingNeverWaitsForIt() throws Exception {
    server = new LiveServer(3, 2, 64);
    WsHub hub = server.live.hub();
    LiveServer.Client stalled = server.connectStalled();
    stalled.send("{\"type\":\"subscribe\",\"topics\":[\"signatures\"]}");
    assertThat(json(stalled.next()).get("type").asText()).isEqualTo("subscribed");
    LiveServer.Client reader = subscribed("network");
    await("both clients registered", () -> hub.clients() == 2);

    // Far more than the socket buffers and the queue hold, published from one thread as the event
    // loop would: it must run to the end although one subscriber reads nothing.
    String pad = "x".repeat(8_192);
    CompletableFuture<Void> publishing =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < 20_000; i++) {
                hub.publish(
                    new LiveEvent(
                        Topic.SIGNATURES,
                        "signature_started",
                        Instant.now(),
                        Map.of("request_id", "r" + i, "pad", pad)));
              }
            });
    publishing.get(10, TimeUnit.MINUTES);

    await("the stalled client dropped", () -> hub.clients() == 1);
    // The other client is still served.
    server.peers = Set.of(2);
    assertThat(json(reader.next()).get("peer_id").asInt()).isEqualTo(2);
  }
}
