package dev.frostgate.node.stacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.stacks.address.StacksAddress;
import dev.frostgate.stacks.clarity.ClarityCodec;
import dev.frostgate.stacks.clarity.ClarityValue;
import dev.frostgate.stacks.node.ContractEvent;
import dev.frostgate.stacks.node.StacksNode;
import dev.frostgate.stacks.node.StacksNodeException;
import dev.frostgate.stacks.tx.SignedTransaction;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the client makes of answers a node should not give, and what the observer accepts. */
class HttpStacksNodeResponsesTest {
  private static final String CONTRACT =
      "ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM.loan-protocol-v2";
  private HttpServer server;

  /** A stub node answering every request with this status and body. */
  private HttpStacksNode stub(int status, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          byte[] b = body.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(status, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    server.start();
    return new HttpStacksNode(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static StacksNodeException.Kind kindOf(Runnable call) {
    try {
      call.run();
    } catch (StacksNodeException e) {
      return e.kind();
    }
    throw new AssertionError("no StacksNodeException");
  }

  @Test
  void malformedAnswersAreTypedErrorsNamingTheEndpoint() throws IOException {
    HttpStacksNode node = stub(200, "<html>not json</html>");
    assertThat(kindOf(node::info)).isEqualTo(StacksNodeException.Kind.MALFORMED_RESPONSE);
    assertThatThrownBy(node::info)
        .hasMessageContaining("/v2/info")
        .hasMessageContaining("not JSON");
  }

  @Test
  void missingFieldsAndBadClarityValuesAreMalformed() throws IOException {
    HttpStacksNode node =
        stub(200, "{\"okay\":true,\"result\":\"0x0c0000\",\"stacks_tip_height\":\"x\"}");
    assertThatThrownBy(node::info).hasMessageContaining("'stacks_tip_height'");
    StacksAddress sender = StacksAddress.parse("ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM");
    assertThatThrownBy(() -> node.callReadOnly(CONTRACT, "get-config", sender, List.of()))
        .hasMessageContaining("TRUNCATED");
  }

  @Test
  void anAcceptedBroadcastMustNameATxid() throws IOException {
    // Found by StacksNodeAnswersFuzzTest: any 200 answer that parsed as JSON (an empty body, a
    // number, an object) was an accepted broadcast, with that text as its txid.
    SignedTransaction tx = new SignedTransaction(new byte[] {0, 1, 2}, Hash32.of(new byte[32]));
    for (String answer : new String[] {"", "17", "{}", "\"0xabc\""}) {
      HttpStacksNode node = stub(200, answer);
      assertThat(kindOf(() -> node.broadcast(tx)))
          .as(answer)
          .isEqualTo(StacksNodeException.Kind.MALFORMED_RESPONSE);
      server.stop(0);
    }
    HttpStacksNode node = stub(200, "\"0x" + "AB".repeat(32) + "\"");
    assertThat(node.broadcast(tx))
        .isEqualTo(new StacksNode.BroadcastResult.Accepted("ab".repeat(32)));
  }

  @Test
  void aMapEntryMustBeAnOptional() throws IOException {
    String uint = "0x" + ClarityCodec.serializeHex(ClarityValue.UInt.of(1));
    HttpStacksNode node = stub(200, "{\"data\":\"" + uint + "\"}");
    assertThatThrownBy(() -> node.mapEntry(CONTRACT, "loans", ClarityValue.UInt.of(1)))
        .hasMessageContaining("not an optional");
  }

  @Test
  void unexpectedStatusesAreReportedWithABoundedBody() throws IOException {
    HttpStacksNode node = stub(503, "x".repeat(5000));
    assertThat(kindOf(node::info)).isEqualTo(StacksNodeException.Kind.HTTP_STATUS);
    assertThatThrownBy(node::info).hasMessageContaining("503").message().hasSizeLessThan(700);
  }

  @Test
  void theObserverKeepsTheContractsPrintEventsNumberedWithinTheirTransaction() throws Exception {
    String print =
        "0x"
            + ClarityCodec.serializeHex(
                ClarityValue.Tuple.of(Map.of("event", new ClarityValue.StringAscii("paused"))));
    String block =
        """
        {"block_height": 7, "events": [
          {"txid": "0xAA", "event_index": 0, "type": "stx_transfer_event", "stx_transfer_event": {}},
          {"txid": "0xaa", "event_index": 1, "type": "contract_event",
           "contract_event": {"contract_identifier": "%s", "topic": "print", "raw_value": "%s"}},
          {"txid": "0xbb", "event_index": 2, "type": "contract_event",
           "contract_event": {"contract_identifier": "ST000000000000000000002AMW42H.other", "topic": "print", "raw_value": "%s"}},
          {"txid": "0xbb", "event_index": 3, "type": "contract_event",
           "contract_event": {"contract_identifier": "%s", "topic": "print", "raw_value": "%s"}}
        ]}
        """
            .formatted(CONTRACT, print, print, CONTRACT, print);
    List<ContractEvent> events =
        StacksEventObserver.parseBlock(new ObjectMapper().readTree(block), CONTRACT);
    assertThat(events).extracting(ContractEvent::txid).containsExactly("aa", "bb");
    assertThat(events).extracting(ContractEvent::eventIndex).containsExactly(1, 1);
    assertThat(events).extracting(ContractEvent::blockHeight).containsOnly(7L);

    try (StacksEventObserver observer =
        StacksEventObserver.start(new InetSocketAddress("127.0.0.1", 0), CONTRACT)) {
      HttpClient http = HttpClient.newHttpClient();
      URI uri = URI.create("http://" + observer.endpoint() + "/new_block");
      var ok =
          http.send(
              HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(block)).build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(observer.queue()).hasSize(2);
      String garbled = block.replace(print.substring(0, 12), "0x0cffffff");
      var bad =
          http.send(
              HttpRequest.newBuilder(uri)
                  .POST(HttpRequest.BodyPublishers.ofString(garbled))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(bad.statusCode()).isEqualTo(400);
      var other =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://" + observer.endpoint() + "/new_burn_block"))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(other.statusCode()).isEqualTo(200);
      assertThat(observer.queue()).hasSize(2);
    }
  }
}
