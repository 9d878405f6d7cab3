package dev.frostgate.node.stacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frostgate.stacks.clarity.ClarityCodec;
import dev.frostgate.stacks.clarity.ClarityDecodeException;
import dev.frostgate.stacks.node.ContractEvent;
import dev.frostgate.stacks.node.EventCursor;
import dev.frostgate.stacks.node.StacksNodeException;
import dev.frostgate.stacks.node.StacksNodeException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Polls a contract's print events from the stacks-blockchain-api endpoint {@code
 * /extended/v1/contract/{id}/events} (newest first, paged by offset), which the devnode serves too.
 * The Stacks node itself has no such query: this is the fallback for blocks the webhook missed.
 */
public final class ContractEventPoller {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int PAGE = 50;

  private final URI api;
  private final String contractId;
  private final HttpClient http;
  private final Duration timeout;
  private final int maxEvents;

  /**
   * @param maxEvents how far back one catch-up may walk when the cursor is not found (a fresh
   *     start, or the cursor's transaction was reorganized away)
   */
  public ContractEventPoller(URI api, String contractId, Duration timeout, int maxEvents) {
    String b = api.toString();
    this.api = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.contractId = contractId;
    this.timeout = timeout;
    this.maxEvents = maxEvents;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** The events after {@code cursor}, oldest first. */
  public List<ContractEvent> eventsAfter(EventCursor cursor) {
    List<ContractEvent> newestFirst = new ArrayList<>();
    for (int offset = 0; offset < maxEvents; offset += PAGE) {
      List<ContractEvent> page = page(offset);
      for (ContractEvent e : page) {
        if (!cursor.isStart() && e.position().equals(cursor)) {
          Collections.reverse(newestFirst);
          return newestFirst;
        }
        newestFirst.add(e);
      }
      if (page.size() < PAGE) {
        break;
      }
    }
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  private List<ContractEvent> page(int offset) {
    String path =
        "/extended/v1/contract/" + contractId + "/events?limit=" + PAGE + "&offset=" + offset;
    HttpResponse<String> r;
    try {
      r =
          http.send(
              HttpRequest.newBuilder(URI.create(api + path)).timeout(timeout).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new StacksNodeException(Kind.UNREACHABLE, "event API " + api + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StacksNodeException(Kind.UNREACHABLE, "interrupted polling " + api + path, e);
    }
    if (r.statusCode() != 200) {
      throw new StacksNodeException(
          Kind.HTTP_STATUS,
          "event API "
              + path
              + " answered "
              + r.statusCode()
              + ": "
              + HttpStacksNode.snippet(r.body()));
    }
    try {
      List<ContractEvent> out = new ArrayList<>();
      for (JsonNode e : JSON.readTree(r.body()).path("results")) {
        if (!"smart_contract_log".equals(e.path("event_type").asText())) {
          continue;
        }
        JsonNode log = e.path("contract_log");
        out.add(
            new ContractEvent(
                e.path("tx_id").asText(),
                e.path("event_index").asInt(),
                e.path("block_height").asLong(-1),
                log.path("contract_id").asText(),
                ClarityCodec.deserializeHex(log.path("value").path("hex").asText())));
      }
      return out;
    } catch (IOException | ClarityDecodeException e) {
      throw new StacksNodeException(
          Kind.MALFORMED_RESPONSE, "event API " + path + ": " + e.getMessage(), e);
    }
  }
}
