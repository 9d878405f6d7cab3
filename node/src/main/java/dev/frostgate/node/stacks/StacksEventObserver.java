package dev.frostgate.node.stacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.frostgate.stacks.clarity.ClarityCodec;
import dev.frostgate.stacks.clarity.ClarityDecodeException;
import dev.frostgate.stacks.node.ContractEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving end of a Stacks node's event observer ({@code [[events_observer]]} in its config):
 * the node POSTs every block to {@code /new_block}; this keeps the print events of one contract, in
 * chain order, for {@link ObserverEventSource}. Other paths the node posts to are acknowledged and
 * ignored. A block that cannot be read is answered 400 and logged (the node retries).
 */
public final class StacksEventObserver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StacksEventObserver.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int MAX_BODY = 64 * 1024 * 1024;

  private final String contractId;
  private final HttpServer server;
  private final BlockingQueue<ContractEvent> events = new LinkedBlockingQueue<>();
  private volatile long lastBlockNanos = System.nanoTime();

  private StacksEventObserver(String contractId, HttpServer server) {
    this.contractId = contractId;
    this.server = server;
  }

  /** Listens on {@code address} (port 0: a free one) for the node's posts. */
  public static StacksEventObserver start(InetSocketAddress address, String contractId)
      throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    StacksEventObserver observer = new StacksEventObserver(contractId, server);
    server.createContext("/", observer::handle);
    server.setExecutor(Executors.newSingleThreadExecutor(r -> new Thread(r, "stacks-observer")));
    server.start();
    return observer;
  }

  /** host:port to give the node as its observer endpoint. */
  public String endpoint() {
    InetSocketAddress a = server.getAddress();
    return a.getHostString() + ":" + a.getPort();
  }

  BlockingQueue<ContractEvent> queue() {
    return events;
  }

  /** When the last block arrived (System.nanoTime). */
  long lastBlockNanos() {
    return lastBlockNanos;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        exchange.sendResponseHeaders(413, -1);
        return;
      }
      if (exchange.getRequestURI().getPath().equals("/new_block")) {
        try {
          List<ContractEvent> parsed = parseBlock(JSON.readTree(body), contractId);
          events.addAll(parsed);
          lastBlockNanos = System.nanoTime();
        } catch (IOException | IllegalArgumentException e) {
          LOG.warn("event observer: unreadable /new_block: {}", e.getMessage());
          exchange.sendResponseHeaders(400, -1);
          return;
        }
      }
      exchange.sendResponseHeaders(200, -1);
    }
  }

  /**
   * The contract's print events of one /new_block payload, each numbered within its transaction
   * (the payload numbers events within the block).
   */
  static List<ContractEvent> parseBlock(JsonNode block, String contractId) {
    JsonNode height = block.get("block_height");
    if (height == null || !height.canConvertToLong()) {
      throw new IllegalArgumentException("block without block_height");
    }
    Map<String, Integer> perTx = new HashMap<>();
    List<ContractEvent> out = new ArrayList<>();
    for (JsonNode e : block.path("events")) {
      String txid = ContractEvent.normalizeTxid(e.path("txid").asText());
      int index = perTx.merge(txid, 1, Integer::sum) - 1;
      JsonNode ce = e.path("contract_event");
      if (!"contract_event".equals(e.path("type").asText())
          || !contractId.equals(ce.path("contract_identifier").asText())
          || !"print".equals(ce.path("topic").asText())
          || !e.path("committed").asBoolean(true)) {
        continue;
      }
      try {
        out.add(
            new ContractEvent(
                txid,
                index,
                height.asLong(),
                contractId,
                ClarityCodec.deserializeHex(ce.path("raw_value").asText())));
      } catch (ClarityDecodeException ex) {
        throw new IllegalArgumentException(
            "event " + index + " of tx " + txid + ": " + ex.getMessage(), ex);
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
