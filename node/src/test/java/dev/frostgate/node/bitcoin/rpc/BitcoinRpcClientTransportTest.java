package dev.frostgate.node.bitcoin.rpc;

import static dev.frostgate.node.bitcoin.rpc.FakeCore.error;
import static dev.frostgate.node.bitcoin.rpc.FakeCore.hang;
import static dev.frostgate.node.bitcoin.rpc.FakeCore.raw;
import static dev.frostgate.node.bitcoin.rpc.FakeCore.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.frostgate.bitcoin.rpcapi.RpcErrorCode;
import fr.acinq.bitcoin.Satoshi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(20)
class BitcoinRpcClientTransportTest {
  static final RetryPolicy FAST_RETRY =
      new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(25), 2.0);

  FakeCore core;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final List<BitcoinRpcClient> clients = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    core = new FakeCore();
  }

  @AfterEach
  void stop() {
    clients.forEach(BitcoinRpcClient::close);
    core.close();
  }

  BitcoinRpcClient client(URI url, RpcAuth auth, Duration requestTimeout) {
    RpcClientConfig config =
        RpcClientConfig.of(url, auth)
            .withTimeouts(Duration.ofSeconds(2), requestTimeout)
            .withRetry(FAST_RETRY);
    BitcoinRpcClient c =
        new BitcoinRpcClient(config, new HttpClientTransport(config.connectTimeout()), sleeps::add);
    clients.add(c);
    return c;
  }

  BitcoinRpcClient client() {
    return client(core.url(), RpcAuth.userPassword("alice", "s3cret"), Duration.ofSeconds(5));
  }

  static String basic(String userPass) {
    return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }

  // ---------------------------------------------------------------- framing and auth

  @Test
  void sendsJsonRpcWithUserPasswordAuth() {
    core.then(result("42"));
    assertThat(client().getBlockCount()).isEqualTo(42);
    FakeCore.Request r = core.requests.get(0);
    assertThat(r.path()).isEqualTo("/");
    assertThat(r.authorization()).isEqualTo(basic("alice:s3cret"));
    assertThat(r.contentType()).isEqualTo("application/json");
    assertThat(r.method()).isEqualTo("getblockcount");
    assertThat(r.body().path("jsonrpc").asText()).isEqualTo("1.0");
    assertThat(r.params().isArray()).isTrue();
    assertThat(r.params()).isEmpty();
  }

  @Test
  void cookieAuthReadsTheFile(@TempDir Path dir) throws IOException {
    Path cookie = dir.resolve(".cookie");
    Files.writeString(cookie, "__cookie__:abc123");
    core.then(result("7"));
    assertThat(
            client(core.url(), RpcAuth.cookieFile(cookie), Duration.ofSeconds(5)).getBlockCount())
        .isEqualTo(7);
    assertThat(core.requests.get(0).authorization()).isEqualTo(basic("__cookie__:abc123"));
  }

  @Test
  void cookieIsReReadOn401AfterNodeRestart(@TempDir Path dir) throws IOException {
    Path cookie = dir.resolve(".cookie");
    Files.writeString(cookie, "__cookie__:old");
    AtomicReference<String> accepted = new AtomicReference<>(basic("__cookie__:old"));
    core.then(
        r ->
            r.authorization().equals(accepted.get())
                ? result("5").apply(r)
                : raw(401, "").apply(r));
    BitcoinRpcClient c = client(core.url(), RpcAuth.cookieFile(cookie), Duration.ofSeconds(5));
    assertThat(c.getBlockCount()).isEqualTo(5);

    // bitcoind restarts and writes a new cookie; the cached one is now refused.
    Files.writeString(cookie, "__cookie__:new");
    accepted.set(basic("__cookie__:new"));
    core.requests.clear();

    assertThat(c.getBlockCount()).isEqualTo(5);
    assertThat(core.requests).hasSize(2);
    assertThat(core.requests.get(0).authorization()).isEqualTo(basic("__cookie__:old"));
    assertThat(core.requests.get(1).authorization()).isEqualTo(basic("__cookie__:new"));
    assertThat(sleeps).isEmpty();
  }

  @Test
  void unchangedCookieOn401IsAnAuthError(@TempDir Path dir) throws IOException {
    Path cookie = dir.resolve(".cookie");
    Files.writeString(cookie, "__cookie__:stale");
    core.then(raw(401, ""));
    BitcoinRpcClient c = client(core.url(), RpcAuth.cookieFile(cookie), Duration.ofSeconds(5));
    assertThatThrownBy(c::getBlockCount)
        .isInstanceOf(RpcAuthException.class)
        .hasMessageContaining("getblockcount")
        .hasMessageContaining("cookie")
        .hasMessageNotContaining("stale");
    assertThat(core.requests).hasSize(1);
  }

  @Test
  void wrongPasswordIsAnAuthErrorWithoutThePassword() {
    core.then(raw(401, ""));
    assertThatThrownBy(() -> client().getBlockCount())
        .isInstanceOf(RpcAuthException.class)
        .hasMessageContaining("alice")
        .hasMessageNotContaining("s3cret");
    assertThat(core.requests).hasSize(1);
    assertThat(RpcAuth.userPassword("alice", "s3cret").toString()).doesNotContain("s3cret");
  }

  @Test
  void missingOrMalformedCookieFile(@TempDir Path dir) throws IOException {
    Path cookie = dir.resolve(".cookie");
    BitcoinRpcClient c = client(core.url(), RpcAuth.cookieFile(cookie), Duration.ofSeconds(5));
    assertThatThrownBy(c::getBlockCount)
        .isInstanceOf(RpcAuthException.class)
        .hasMessageContaining("does not exist");
    Files.writeString(cookie, "no-colon-here");
    assertThatThrownBy(c::getBlockCount)
        .isInstanceOf(RpcAuthException.class)
        .hasMessageContaining("user:password")
        .hasMessageNotContaining("no-colon-here");
    assertThat(core.requests).isEmpty();
  }

  @Test
  void walletMethodsGoToTheWalletEndpoint() {
    core.then(result("[]"), result("3"));
    BitcoinRpcClient w = client().forWallet("watch only/1");
    assertThat(w.listUnspent(0, 9999999, List.of())).isEmpty();
    assertThat(w.getBlockCount()).isEqualTo(3);
    assertThat(core.requests.get(0).path()).isEqualTo("/wallet/watch%20only%2F1");
    assertThat(core.requests.get(1).path()).isEqualTo("/");
    assertThat(w.wallet()).contains("watch only/1");
  }

  // ---------------------------------------------------------------- typed errors

  @ParameterizedTest
  @EnumSource(
      value = RpcErrorCode.class,
      names = {"UNKNOWN", "RPC_IN_WARMUP"},
      mode = EnumSource.Mode.EXCLUDE)
  void everyKnownCodeIsTypedAndNotRetried(RpcErrorCode code) {
    core.then(error(code.code(), "message for " + code));
    RpcException e = catchThrowableOfType(RpcException.class, () -> client().getBlockHash(1));
    assertThat(e.code()).isEqualTo(code.code());
    assertThat(e.error()).isEqualTo(code);
    assertThat(e.is(code)).isTrue();
    assertThat(e.method()).isEqualTo("getblockhash");
    assertThat(e.coreMessage()).isEqualTo("message for " + code);
    assertThat(e.getMessage()).contains("getblockhash", String.valueOf(code.code()), code.name());
    assertThat(core.requests).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void unknownCodeKeepsTheNumber() {
    core.then(error(-99, "new in Core 35"));
    RpcException e = catchThrowableOfType(RpcException.class, () -> client().getBlockCount());
    assertThat(e.code()).isEqualTo(-99);
    assertThat(e.error()).isEqualTo(RpcErrorCode.UNKNOWN);
    assertThat(e.knownError()).isEmpty();
  }

  @Test
  void jsonRpc2StyleErrorWithStatus200() {
    core.then(
        raw(
            200,
            "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-8,\"message\":\"Block height out of range\"},\"id\":1}"));
    RpcException e = catchThrowableOfType(RpcException.class, () -> client().getBlockHash(999));
    assertThat(e.error()).isEqualTo(RpcErrorCode.RPC_INVALID_PARAMETER);
  }

  @Test
  void methodNotFoundIs404WithErrorBody() {
    core.then(error(-32601, "Method not found"));
    RpcException e = catchThrowableOfType(RpcException.class, () -> client().getMempoolInfo());
    assertThat(e.error()).isEqualTo(RpcErrorCode.RPC_METHOD_NOT_FOUND);
  }

  // ---------------------------------------------------------------- retries

  @Test
  void retriesWarmupThenSucceeds() {
    core.then(error(-28, "Loading block index…"), error(-28, "Verifying blocks…"), result("101"));
    assertThat(client().getBlockCount()).isEqualTo(101);
    assertThat(core.requests).hasSize(3);
    assertThat(sleeps).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
  }

  @Test
  void retries503And502ThenSucceeds() {
    core.then(raw(503, "Work queue depth exceeded"), raw(502, ""), result("5"));
    assertThat(client().getBlockCount()).isEqualTo(5);
    assertThat(core.requests).hasSize(3);
  }

  @Test
  void retriesAreBoundedAndBackoffIsCapped() {
    core.then(raw(503, "Work queue depth exceeded"));
    RpcHttpStatusException e =
        catchThrowableOfType(RpcHttpStatusException.class, () -> client().getBlockCount());
    assertThat(e.status()).isEqualTo(503);
    assertThat(e.getMessage()).contains("getblockcount", "Work queue depth exceeded");
    assertThat(core.requests).hasSize(4);
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(25));
  }

  @Test
  void rejectedTransactionIsNotRetried() {
    core.then(error(-26, "min relay fee not met, 100 < 141"), result("\"unreachable\""));
    fr.acinq.bitcoin.Transaction tx = Fixtures.coinbase();
    RpcException e =
        catchThrowableOfType(
            RpcException.class, () -> client().sendRawTransaction(tx, java.util.Optional.empty()));
    assertThat(e.error()).isEqualTo(RpcErrorCode.RPC_VERIFY_REJECTED);
    assertThat(e.coreMessage()).isEqualTo("min relay fee not met, 100 < 141");
    assertThat(core.requests).hasSize(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void otherHttpStatusesAreTypedAndNotRetried() {
    core.then(raw(403, ""));
    RpcHttpStatusException e =
        catchThrowableOfType(RpcHttpStatusException.class, () -> client().getBlockCount());
    assertThat(e.status()).isEqualTo(403);
    assertThat(core.requests).hasSize(1);
  }

  @Test
  void connectionRefusedIsRetriedThenTyped() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    BitcoinRpcClient c =
        client(
            URI.create("http://127.0.0.1:" + port + "/"),
            RpcAuth.userPassword("u", "p"),
            Duration.ofSeconds(2));
    RpcConnectionException e =
        catchThrowableOfType(
            RpcConnectionException.class, () -> c.sendToAddress("bcrt1q", new Satoshi(1000)));
    // Refused means never sent: safe to retry even a payment.
    assertThat(e.kind()).isEqualTo(RpcConnectionException.Kind.REFUSED);
    assertThat(e.getMessage()).contains("sendtoaddress", "refused");
    assertThat(sleeps).hasSize(3);
  }

  // ---------------------------------------------------------------- hangs and broken connections

  @Test
  void serverThatHangsTimesOutFastAndIsNotRetried() {
    core.then(hang(Duration.ofSeconds(10)));
    BitcoinRpcClient c = client(core.url(), RpcAuth.userPassword("u", "p"), Duration.ofMillis(300));
    long t0 = System.nanoTime();
    RpcTimeoutException e = catchThrowableOfType(RpcTimeoutException.class, c::getBlockCount);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(ms).isLessThan(3000);
    assertThat(e.timeout()).isEqualTo(Duration.ofMillis(300));
    assertThat(e.getMessage()).contains("getblockcount", "timed out");
    assertThat(core.requests).hasSize(1);
  }

  @Test
  void serverThatStallsMidBodyTimesOut() throws IOException {
    String partial =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"result\":";
    try (RawSocketServer s = new RawSocketServer(partial, true)) {
      BitcoinRpcClient c = client(s.url(), RpcAuth.userPassword("u", "p"), Duration.ofMillis(300));
      long t0 = System.nanoTime();
      assertThatThrownBy(c::getBlockCount).isInstanceOf(RpcTimeoutException.class);
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
      assertThat(s.connections.get()).isEqualTo(1);
    }
  }

  @Test
  void connectionClosedMidResponseIsTypedAndOnlyRetriedWhenSafe() throws IOException {
    String partial =
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"result\":";
    try (RawSocketServer s = new RawSocketServer(partial, false)) {
      BitcoinRpcClient c = client(s.url(), RpcAuth.userPassword("u", "p"), Duration.ofSeconds(2));
      RpcConnectionException e =
          catchThrowableOfType(
              RpcConnectionException.class, () -> c.sendToAddress("bcrt1q", new Satoshi(1)));
      assertThat(e.kind()).isEqualTo(RpcConnectionException.Kind.CLOSED);
      assertThat(e.getMessage()).contains("sendtoaddress", "closed");
      assertThat(s.connections.get()).isEqualTo(1); // may have paid: never repeated
      assertThat(sleeps).isEmpty();

      RpcConnectionException e2 =
          catchThrowableOfType(RpcConnectionException.class, c::getBlockCount);
      assertThat(e2.kind()).isEqualTo(RpcConnectionException.Kind.CLOSED);
      assertThat(s.connections.get()).isEqualTo(1 + FAST_RETRY.maxAttempts()); // read: retried
    }
  }

  @Test
  void connectionClosedWithoutAnyAnswer() throws IOException {
    try (RawSocketServer s = new RawSocketServer("", false)) {
      BitcoinRpcClient c = client(s.url(), RpcAuth.userPassword("u", "p"), Duration.ofSeconds(2));
      assertThatThrownBy(() -> c.createWallet("w", true, true))
          .isInstanceOf(RpcConnectionException.class)
          .hasMessageContaining("createwallet");
    }
  }

  // ---------------------------------------------------------------- malformed answers

  @Test
  void malformedJson() {
    core.then(raw(200, "{\"result\": 12,"));
    assertThatThrownBy(() -> client().getBlockCount())
        .isInstanceOf(RpcMalformedResponseException.class)
        .hasMessageContaining("getblockcount")
        .hasMessageContaining("not JSON");
  }

  @Test
  void aNumberBeyondBigDecimalIsMalformedNotANumberFormatException() {
    // Found by BitcoinRpcAnswersFuzzTest: Jackson threw NumberFormatException out of the client.
    core.then(raw(200, "{\"result\": 1e47685035762, \"error\": null, \"id\": 1}"));
    assertThatThrownBy(() -> client().getBlockCount())
        .isInstanceOf(RpcMalformedResponseException.class)
        .hasMessageContaining("not JSON");
  }

  @Test
  void nonJsonErrorPageIsAnHttpStatus() {
    core.then(raw(500, "<html>Internal Server Error</html>"));
    RpcHttpStatusException e =
        catchThrowableOfType(RpcHttpStatusException.class, () -> client().getBlockCount());
    assertThat(e.status()).isEqualTo(500);
  }

  @Test
  void replyShapeIsChecked() {
    core.then(
        raw(200, "[1,2]"),
        raw(200, "{\"error\":null}"),
        r -> raw(200, "{\"result\":1,\"error\":null,\"id\":999999}").apply(r),
        raw(200, "{\"result\":null,\"error\":{\"code\":\"-5\",\"message\":\"x\"},\"id\":1}"),
        raw(200, "{\"result\":1,\"error\":null,\"id\":1} trailing"),
        raw(200, ""));
    BitcoinRpcClient c = client();
    assertThatThrownBy(c::getBlockCount).hasMessageContaining("expected a JSON-RPC reply object");
    assertThatThrownBy(c::getBlockCount).hasMessageContaining("neither result nor error");
    assertThatThrownBy(c::getBlockCount).hasMessageContaining("does not match request id");
    assertThatThrownBy(c::getBlockCount).hasMessageContaining("integer code");
    assertThatThrownBy(c::getBlockCount).isInstanceOf(RpcMalformedResponseException.class);
    assertThatThrownBy(c::getBlockCount).isInstanceOf(RpcMalformedResponseException.class);
  }

  @Test
  void wrongResultTypesAreTypedNotClassCast() {
    core.then(result("\"100\""), result("-1"), result("1.5"), result("null"), result("{}"));
    BitcoinRpcClient c = client();
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(c::getBlockCount)
          .isInstanceOf(RpcMalformedResponseException.class)
          .hasMessageContaining("getblockcount");
    }
  }

  @Test
  void configRejectsBadInput() {
    RpcAuth auth = RpcAuth.userPassword("u", "p");
    assertThatThrownBy(() -> RpcClientConfig.of(URI.create("ftp://x/"), auth))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                RpcClientConfig.of(URI.create("http://x/"), auth)
                    .withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RpcAuth.userPassword("a:b", "p"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
