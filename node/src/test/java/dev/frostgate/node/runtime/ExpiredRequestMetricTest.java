package dev.frostgate.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.hd.Network;
import dev.frostgate.engine.EngineEvent;
import dev.frostgate.engine.dkg.DkgEvent;
import dev.frostgate.engine.dkg.DkgSession;
import dev.frostgate.engine.request.RequestId;
import dev.frostgate.engine.wire.IdentityKeys;
import dev.frostgate.engine.wire.WireLimits;
import dev.frostgate.node.api.SpendRequestJson;
import dev.frostgate.node.api.SpendRequestJsonTest;
import dev.frostgate.node.bitcoin.rpc.BitcoinRpcClient;
import dev.frostgate.node.bitcoin.rpc.RpcAuth;
import dev.frostgate.node.bitcoin.rpc.RpcClientConfig;
import dev.frostgate.node.config.ValidatorConfig;
import dev.frostgate.node.events.EventListener;
import dev.frostgate.node.metrics.ValidatorMetrics;
import dev.frostgate.node.storage.StateDatabase;
import dev.frostgate.node.transport.InboundGate;
import dev.frostgate.regtest.EmbeddedRegtestNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The signing-failure metric (alert SigningFailure) on the event loop's expiry path: a request that
 * expires before it is signed counts once as failed with reason "expired". A real loop thread on a
 * SQLite state database and the embedded regtest node; no transport (no peers, no DKG, so nothing
 * can sign it).
 */
class ExpiredRequestMetricTest {
  private static final String EXPIRED =
      "frostgate_signing_sessions_failed_total{reason=\"expired\"} ";

  @TempDir Path dir;

  @Test
  void aRequestThatExpiresUnsignedCountsOneSigningFailure() throws Exception {
    ValidatorConfig config = ValidatorConfig.defaults(1);
    SecretScalar identity = SecretScalar.random(new SecureRandom());
    ValidatorMetrics metrics = new ValidatorMetrics();
    try (EmbeddedRegtestNode n = EmbeddedRegtestNode.start(0, dir.resolve("regtest"));
        BitcoinRpcClient rpc =
            BitcoinRpcClient.create(
                RpcClientConfig.of(n.url(), RpcAuth.cookieFile(n.cookieFile())));
        StateDatabase db = StateDatabase.open(dir.resolve("state.db"))) {
      StoredRequests requests = StoredRequests.load(db.store(), Network.REGTEST);
      // Created at 1000 ms and expired at 2000 ms (of 1970): long expired.
      requests.add(
          SpendRequestJson.parse(
              SpendRequestJsonTest.valid().getBytes(StandardCharsets.UTF_8),
              Network.REGTEST,
              1500));
      Map<Integer, Point> keys = new TreeMap<>();
      config.peers().forEach(p -> keys.put(p.id(), p.identityKey()));
      EventLoop loop =
          new EventLoop(
              config,
              db,
              requests,
              rpc,
              new DkgSession(
                  ValidatorRuntime.dkgConfig(config, identity),
                  System::currentTimeMillis,
                  SecureRandom::new),
              false,
              InboundGate.of(
                  IdentityKeys.ofPoints(keys),
                  WireLimits.DEFAULT,
                  System::currentTimeMillis,
                  requests::byHash),
              identity,
              () -> null,
              metrics,
              new EventListener() { // only the metrics listener is under test
                @Override
                public void onEngineEvent(EngineEvent event) {}

                @Override
                public void onDkgEvent(DkgEvent event) {}

                @Override
                public void requestFailed(RequestId request, String reason) {}
              },
              Optional.empty());
      Thread thread = new Thread(loop, "validator-1-loop");
      thread.start();
      try {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!metrics.scrape().contains(EXPIRED + "1.0")) {
          if (System.nanoTime() > deadline) {
            fail("no expired-request failure in 60 s:\n" + metrics.scrape());
          }
          Thread.sleep(20);
        }
        // The loop scans once a second: after more scans the request still counts once.
        Thread.sleep(2_500);
        assertThat(metrics.scrape()).contains(EXPIRED + "1.0");
        assertThat(loop.status().openRequests()).containsExactly("r1");
      } finally {
        loop.stop();
        thread.join();
      }
    }
  }
}
