package dev.frostgate.node.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket clients of {@code /ws} and what each subscribed to. A client sends {@code
 * {"type":"subscribe","topics":["signatures","deposits","network"]}} and gets {@code
 * {"type":"subscribed","topics":[...]}}; bad input (not JSON, an unknown type, an unknown topic)
 * gets {@code {"type":"error","where":...,"error":...}} and the connection stays.
 *
 * <p>{@link #publish} never blocks (the event loop calls it): each client has a queue of at most
 * {@code queueCapacity} messages drained by its own sender thread; a client whose queue is full is
 * too slow and is dropped (closed with 1008), so one stuck reader costs bounded memory and never
 * holds up the loop.
 */
public final class WsHub implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WsHub.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Messages queued per client before it counts as too slow. */
  public static final int QUEUE = 1024;

  /** Close code for a client dropped for reading too slowly (policy violation). */
  public static final int TOO_SLOW = 1008;

  /** Where messages to one client go: the socket, behind the hub's queue. */
  public interface Connection {
    /** Sends one text message; may block while the client reads slowly. */
    void send(String text) throws IOException;

    /** Closes the connection with a code and a reason. */
    void close(int code, String reason);
  }

  private final class Client {
    final String id;
    final Connection connection;
    final BlockingQueue<String> queue;
    final Thread sender;
    volatile Set<Topic> topics = EnumSet.noneOf(Topic.class);

    Client(String id, Connection connection) {
      this.id = id;
      this.connection = connection;
      this.queue = new ArrayBlockingQueue<>(queueCapacity);
      this.sender = Thread.ofVirtual().name("ws-send-" + id).unstarted(this::drain);
    }

    private void drain() {
      try {
        while (true) {
          connection.send(queue.take());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException | RuntimeException e) {
        log.debug("websocket client {}: send failed: {}", id, e.toString());
        drop(this, 1011, "send failed");
      }
    }

    /** Queues a message; false if the queue is full (the client is too slow). */
    boolean offer(String text) {
      return queue.offer(text);
    }
  }

  private final int queueCapacity;
  private final Map<String, Client> clients = new ConcurrentHashMap<>();

  public WsHub(int queueCapacity) {
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queue capacity must be positive: " + queueCapacity);
    }
    this.queueCapacity = queueCapacity;
  }

  /** A client connected; it receives nothing until it subscribes. */
  public void connected(String id, Connection connection) {
    Client c = new Client(id, connection);
    clients.put(id, c);
    c.sender.start();
  }

  /** A client's connection ended. */
  public void disconnected(String id) {
    Client c = clients.remove(id);
    if (c != null) {
      c.sender.interrupt();
    }
  }

  /** Clients connected now. */
  public int clients() {
    return clients.size();
  }

  /** A text message from client {@code id}: a subscription, or an error reply naming the fault. */
  public void received(String id, String text) {
    Client c = clients.get(id);
    if (c == null) {
      return;
    }
    String reply;
    try {
      Set<Topic> topics = parseSubscribe(text);
      Set<Topic> all = EnumSet.noneOf(Topic.class);
      all.addAll(c.topics);
      all.addAll(topics);
      c.topics = all;
      ObjectNode o = JSON.createObjectNode();
      o.put("type", "subscribed");
      all.forEach(t -> o.withArray("topics").add(t.wireName()));
      reply = o.toString();
    } catch (BadMessage e) {
      reply = error(e.where, e.getMessage());
    }
    if (!c.offer(reply)) {
      drop(c, TOO_SLOW, "too slow: more than " + queueCapacity + " messages queued");
    }
  }

  /** A binary message from client {@code id}: not accepted, answered with an error. */
  public void binaryReceived(String id) {
    Client c = clients.get(id);
    if (c != null
        && !c.offer(error("message", "binary messages are not accepted; send JSON text"))) {
      drop(c, TOO_SLOW, "too slow: more than " + queueCapacity + " messages queued");
    }
  }

  /** Hands {@code event} to every client subscribed to its topic; never blocks. */
  public void publish(LiveEvent event) {
    String text = null;
    for (Client c : clients.values()) {
      if (c.topics.contains(event.topic())) {
        if (text == null) {
          text = event.toJson();
        }
        if (!c.offer(text)) {
          drop(c, TOO_SLOW, "too slow: more than " + queueCapacity + " messages queued");
        }
      }
    }
  }

  /** Closes every client. */
  @Override
  public void close() {
    for (Client c : new ArrayList<>(clients.values())) {
      drop(c, 1001, "validator stopping");
    }
  }

  private void drop(Client c, int code, String reason) {
    if (clients.remove(c.id, c)) {
      c.sender.interrupt();
      if (code == TOO_SLOW) {
        log.warn("websocket client {} dropped: {}", c.id, reason);
      }
      try {
        c.connection.close(code, reason);
      } catch (RuntimeException e) {
        log.debug("websocket client {}: close failed: {}", c.id, e.toString());
      }
    }
  }

  /** The topics of a subscribe message; {@link BadMessage} naming what is wrong and where. */
  static Set<Topic> parseSubscribe(String text) throws BadMessage {
    JsonNode n;
    try {
      n = JSON.readTree(text);
    } catch (IOException e) {
      throw new BadMessage("message", "not JSON");
    }
    if (n == null || !n.isObject()) {
      throw new BadMessage("message", "not a JSON object");
    }
    JsonNode type = n.get("type");
    if (type == null || !type.isTextual()) {
      throw new BadMessage("type", "missing or not a string");
    }
    if (!type.asText().equals("subscribe")) {
      throw new BadMessage("type", "unknown message type " + quoted(type.asText()));
    }
    JsonNode topics = n.get("topics");
    if (topics == null || !topics.isArray() || topics.isEmpty()) {
      throw new BadMessage("topics", "must be a non-empty array of topic names");
    }
    Set<Topic> out = EnumSet.noneOf(Topic.class);
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < topics.size(); i++) {
      JsonNode t = topics.get(i);
      if (!t.isTextual()) {
        throw new BadMessage("topics[" + i + "]", "not a string");
      }
      Topic.ofWireName(t.asText()).ifPresentOrElse(out::add, () -> unknown.add(quoted(t.asText())));
    }
    if (!unknown.isEmpty()) {
      throw new BadMessage(
          "topics",
          "unknown topic "
              + String.join(", ", unknown)
              + " (known: signatures, deposits, network)");
    }
    return out;
  }

  /** Echoes client text in an error safely: bounded, as a JSON string value. */
  private static String quoted(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return "\"" + cut + "\"";
  }

  private static String error(String where, String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("type", "error");
    o.put("where", where);
    o.put("error", message);
    return o.toString();
  }

  /** A client message that is not a valid subscription; {@code where} names the faulty part. */
  static final class BadMessage extends Exception {
    final String where;

    BadMessage(String where, String message) {
      super(message);
      this.where = where;
    }
  }
}
