package dev.frostgate.node.stacks;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.net.httpserver.HttpServer;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.stacks.address.StacksAddress;
import dev.frostgate.stacks.clarity.ClarityValue;
import dev.frostgate.stacks.node.StacksNode;
import dev.frostgate.stacks.node.StacksNodeException;
import dev.frostgate.stacks.tx.ContractCall;
import dev.frostgate.stacks.tx.SignedTransaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Coverage-guided fuzzing of how {@link HttpStacksNode} reads a Stacks node's /v2 answers. The
 * first input byte picks the method (and, in its top bit, HTTP 400 instead of 200); the rest is the
 * answer's body, served by a stub on loopback. A malformed answer must fail with a {@link
 * StacksNodeException}, never with another exception, and an accepted broadcast names a txid.
 * Seeds: a well-formed answer to each method.
 */
class StacksNodeAnswersFuzzTest {
  private static final String CONTRACT = StacksEventObserverFuzzTest.CONTRACT;
  private static final StacksAddress SENDER =
      StacksAddress.parse("ST1PQHQKV0RJXZFY1DGX8MNSNYVE3VGZJSRTPGZGM");
  private static volatile int status = 200;
  private static volatile byte[] body = new byte[0];
  private static final HttpStacksNode NODE = stub();

  /** The node's methods, in the order the first input byte selects them. */
  static final List<Function<HttpStacksNode, Object>> METHODS =
      List.of(
          HttpStacksNode::info,
          n -> n.account(SENDER),
          n -> n.callReadOnly(CONTRACT, "get-config", SENDER, List.of(ClarityValue.UInt.of(1))),
          n -> n.mapEntry(CONTRACT, "loans", ClarityValue.UInt.of(1)),
          n -> n.estimateFee(ContractCall.of(CONTRACT, "vote", List.of()), 180),
          n -> n.broadcast(new SignedTransaction(new byte[] {0, 1, 2}, Hash32.of(new byte[32]))));

  @FuzzTest
  void answer(byte[] data) {
    if (data.length == 0) {
      return;
    }
    status = (data[0] & 0x80) == 0 ? 200 : 400;
    body = Arrays.copyOfRange(data, 1, data.length);
    try {
      Object answer = METHODS.get((data[0] & 0x7f) % METHODS.size()).apply(NODE);
      if (answer instanceof StacksNode.BroadcastResult.Accepted a) {
        assertThat(a.txid()).as("an accepted broadcast's txid").matches("[0-9a-f]{64}");
      }
    } catch (StacksNodeException e) {
      assertThat(e.kind()).isNotNull();
    }
  }

  private static HttpStacksNode stub() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/",
          ex -> {
            byte[] b = body;
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
            ex.getResponseBody().write(b);
            ex.close();
          });
      server.start();
      return new HttpStacksNode(
          URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
