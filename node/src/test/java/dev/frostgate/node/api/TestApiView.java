package dev.frostgate.node.api;

import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.signing.SessionProgress;
import dev.frostgate.node.config.HostPort;
import dev.frostgate.node.storage.OperatorQueries;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A fixed {@link ApiView} for the HTTP tests of {@link ApiServer}: a 2-of-3 group whose validator 2
 * holds request {@code r-open} (led by validator 1, two commitments, one share) and signed {@code
 * r-done}. The runtime's view of a real validator is checked by the process tests.
 */
public final class TestApiView implements ApiView {
  static final Instant SEEN = Instant.parse("2026-01-12T10:30:00Z");
  static final String TOKEN = "0123456789abcdef-token";

  /** Validator 2, ready, peer 1 connected, one open and one signed request. */
  static final NodeStatus STATUS =
      new NodeStatus(
          2,
          "ready",
          Optional.of("02ab"),
          Optional.of("tpubX"),
          Set.of(1, 3),
          List.of("r-open"),
          Map.of("r-done", "aa".repeat(32)),
          Optional.empty());

  /** A real server on {@code host} and a free port, with this view, {@link #STATUS}, TOKEN. */
  static ApiServer start(String host, boolean readLoopbackOnly, ApiServer.RequestSink sink)
      throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    return ApiServer.start(
        new ApiServer.Settings(new HostPort(host, port), readLoopbackOnly),
        TOKEN,
        Network.REGTEST,
        sink,
        () -> STATUS,
        new TestApiView(),
        id -> Optional.empty(),
        List.of());
  }

  /**
   * A real loopback server on {@code listen} with this view and TOKEN, the given status, action
   * lookup and more routes (for the tests of those routes).
   */
  public static ApiServer start(
      HostPort listen,
      Supplier<NodeStatus> status,
      ActionStatus.Lookup actions,
      List<ApiServer.Routes> more) {
    return ApiServer.start(
        new ApiServer.Settings(listen, true),
        TOKEN,
        Network.REGTEST,
        r -> true,
        status,
        new TestApiView(),
        actions,
        more);
  }

  @Override
  public int threshold() {
    return 2;
  }

  @Override
  public ChainSync bitcoin() {
    return new ChainSync(
        Optional.of(true), "at height 120", OptionalLong.of(120), OptionalLong.of(0));
  }

  @Override
  public Optional<KeyShare> keyShare() {
    return Optional.of(
        new KeyShare(2, "02" + "11".repeat(32), "03" + "22".repeat(32), "tpubX", 2, 3));
  }

  @Override
  public CompletableFuture<Optional<SessionProgress>> session(RequestId request) {
    if (!request.value().equals("r-open")) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return CompletableFuture.completedFuture(
        Optional.of(
            new SessionProgress(
                request,
                0,
                Identifier.of(2),
                2,
                false,
                false,
                Optional.of(new SessionProgress.Coordinator(Optional.empty(), 2, 1, 1, 1, 0, 0)))));
  }

  @Override
  public Optional<Integer> firstLeader(RequestId request) {
    return Optional.of(1);
  }

  @Override
  public List<ValidatorSeen> validators() {
    return List.of(
        new ValidatorSeen(1, false, true, Optional.of(SEEN)),
        new ValidatorSeen(2, true, false, Optional.empty()),
        new ValidatorSeen(3, false, false, Optional.empty()));
  }

  @Override
  public List<Exclusion> exclusions() {
    return List.of(
        new Exclusion(
            3,
            "dkg",
            "TIMEOUT",
            SEEN,
            Optional.empty(),
            Optional.of(new DkgEvidence("frostgate-test", "ab".repeat(32), 2))));
  }

  @Override
  public Optional<Instant> lastSignature() {
    return Optional.of(SEEN);
  }

  @Override
  public OperatorQueries.Locks spendLocks() {
    return new OperatorQueries.Locks(
        List.of(
            new OperatorQueries.LockRow(
                "aa".repeat(32), 0, "bb".repeat(32), "r-done", 500, true, SEEN.toEpochMilli())),
        1,
        1);
  }

  @Override
  public OperatorQueries.JournalCounts journalCounts() {
    return new OperatorQueries.JournalCounts(
        3, 1, 2, 1, 1, Map.of("done", 1L, "pending", 1L), Map.of("SIGNED", 1L), 2);
  }

  @Override
  public Optional<DkgCertificateView> dkgCertificate() {
    return Optional.of(
        new DkgCertificateView(
            "frostgate-test",
            List.of(1, 2, 3),
            2,
            "cc".repeat(32),
            "03" + "22".repeat(32),
            "tpubX",
            Map.of(1, "dd".repeat(64), 2, "ee".repeat(64), 3, "ff".repeat(64)),
            "ab".repeat(64)));
  }
}
