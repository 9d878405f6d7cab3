package dev.frostgate.node.transport;

import static dev.frostgate.node.transport.LoopbackNodes.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transport on real sockets on loopback, with real mutual TLS: no mocks. */
class PeerTransportLoopbackTest {
  @TempDir Path dir;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void threeNodesExchangeFramesBothWaysOverMutualTls() {
    try (LoopbackNodes net = new LoopbackNodes(dir, 3)) {
      for (int id = 1; id <= 3; id++) {
        net.start(id);
      }
      for (int id = 1; id <= 3; id++) {
        int me = id;
        await(
            "validator " + me + " connected to both others",
            () -> net.t(me).connectedPeers().size() == 2);
      }
      for (int from = 1; from <= 3; from++) {
        for (int to = 1; to <= 3; to++) {
          if (from != to) {
            assertThat(net.t(from).send(to, bytes(from + "->" + to))).isTrue();
          }
        }
      }
      assertThat(net.t(2).broadcast(bytes("all from 2"))).isEqualTo(2);
      for (int from = 1; from <= 3; from++) {
        for (int to = 1; to <= 3; to++) {
          int f = from;
          int t = to;
          if (f != t) {
            await(f + "->" + t + " delivered", () -> net.in(t).has(f, f + "->" + t));
          }
        }
      }
      await("broadcast at 1", () -> net.in(1).has(2, "all from 2"));
      await("broadcast at 3", () -> net.in(3).has(2, "all from 2"));
      assertThat(net.t(1).stats().certificatesRefused()).isZero();
    }
  }

  @Test
  void dialerRefusesAServerWhoseCertificateIsNotPinned() {
    try (LoopbackNodes net = new LoopbackNodes(dir, 2)) {
      CertificateFingerprint stranger =
          TlsCredentials.create(9, new SecureRandom(), Instant.now()).fingerprint();
      // Validator 2 listens first: a dial before it is bound would fail without a handshake, and
      // count as a failed dial without a refused certificate.
      PeerTransport two = net.start(2);
      // Validator 1 dials 2 but pins another certificate for it.
      PeerTransport one =
          net.start(
              1,
              c ->
                  withPeers(
                      c,
                      new TransportConfig.PeerEndpoint(
                          2, c.peer(2).orElseThrow().address(), stranger)));
      // A dial is retried only after the previous stream failed: a third dial means two failed.
      await("two failed dials", () -> one.stats().dials() >= 3);
      assertThat(one.stats().certificatesRefused()).isPositive();
      assertThat(one.connectedPeers()).isEmpty();
      assertThat(two.connectedPeers()).isEmpty();
      assertThat(net.in(2).frames).isEmpty();
    }
  }

  @Test
  void listenerRefusesAClientWhoseCertificateIsNotPinned() {
    try (LoopbackNodes net = new LoopbackNodes(dir, 2)) {
      Path strangerKey = dir.resolve("stranger.key");
      Path strangerCert = dir.resolve("stranger.crt");
      TlsCredentials.generate(1, strangerKey, strangerCert, new SecureRandom(), Instant.now());
      PeerTransport two = net.start(2);
      // Validator 1 presents a certificate that validator 2 does not pin for it.
      PeerTransport one =
          net.start(
              1,
              c ->
                  new TransportConfig(
                      c.selfId(),
                      c.listen(),
                      strangerKey,
                      strangerCert,
                      c.peers(),
                      c.limits(),
                      c.backoff(),
                      c.minConnectedPeers(),
                      c.connectivityCheck()));
      await("two failed dials", () -> one.stats().dials() >= 3);
      assertThat(two.stats().certificatesRefused()).isPositive();
      // Refused in the TLS handshake; no stream got as far as the handler's own pin lookup.
      assertThat(two.stats().streamsRefused()).isZero();
      assertThat(two.connectedPeers()).isEmpty();
      assertThat(one.connectedPeers()).isEmpty();
    }
  }

  @Test
  void connectionWithoutClientCertificateIsRefusedInTheHandshake() throws Exception {
    try (LoopbackNodes net = new LoopbackNodes(dir, 2)) {
      PeerTransport two = net.start(2);
      // A client that checks validator 2's pin but presents no certificate of its own.
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", two.port())
              .sslContext(
                  GrpcSslContexts.forClient()
                      .trustManager(PinnedTrustManager.forServer(2, net.pin(2), () -> {}))
                      .build())
              .build();
      try {
        AtomicReference<Status> closed = new AtomicReference<>();
        AtomicReference<Boolean> headers = new AtomicReference<>(false);
        ClientCall<byte[], byte[]> call =
            channel.newCall(FrameMethod.EXCHANGE, CallOptions.DEFAULT);
        call.start(
            new ClientCall.Listener<>() {
              @Override
              public void onHeaders(Metadata h) {
                headers.set(true);
              }

              @Override
              public void onClose(Status status, Metadata trailers) {
                closed.set(status);
              }
            },
            new Metadata());
        call.request(1);
        call.sendMessage(bytes("hello without a certificate"));
        await("the call fails", () -> closed.get() != null);
        // Refused by TLS itself (the listener requires a client certificate), not later by the
        // stream handler, which would answer UNAUTHENTICATED.
        assertThat(closed.get().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(headers.get()).isFalse();
        assertThat(two.connectedPeers()).isEmpty();
        assertThat(net.in(2).frames).isEmpty();
      } finally {
        channel.shutdownNow();
      }
    }
  }

  @Test
  void oversizedFrameFromTheDialerIsRefusedAndScored() {
    try (LoopbackNodes net = new LoopbackNodes(dir, 2)) {
      PeerTransport one = net.start(1, c -> withFrameCap(c, 64 * 1024));
      PeerTransport two = net.start(2, c -> withFrameCap(c, 1024));
      awaitLinked(one, two);
      assertThat(one.send(2, new byte[4096])).isTrue();
      await("oversized frame refused", () -> two.stats().framesOversized() == 1);
      assertThat(net.t(2).isBanned(1)).isFalse();
      assertThat(((GrpcPeerTransport) two).score(1).points()).isPositive();
      // The stream was closed; the dialer reconnects and small frames flow again.
      await("reconnected", () -> one.send(2, bytes("small")) && net.in(2).has(1, "small"));
      assertThat(net.in(2).frames).allMatch(f -> f.bytes().length <= 1024);
    }
  }

  @Test
  void oversizedFrameFromTheListenerIsRefusedAndScored() {
    try (LoopbackNodes net = new LoopbackNodes(dir, 2)) {
      PeerTransport one = net.start(1, c -> withFrameCap(c, 1024));
      PeerTransport two = net.start(2, c -> withFrameCap(c, 64 * 1024));
      awaitLinked(one, two);
      assertThat(two.send(1, new byte[4096])).isTrue();
      await("oversized frame refused", () -> one.stats().framesOversized() == 1);
      assertThat(((GrpcPeerTransport) one).score(2).points()).isPositive();
      await("reconnected", () -> two.send(1, bytes("small")) && net.in(1).has(2, "small"));
      assertThat(net.in(1).frames).allMatch(f -> f.bytes().length <= 1024);
    }
  }

  @Test
  void floodBeyondTheTokenBucketIsDropped() {
    try (LoopbackNodes net = new LoopbackNodes(dir, 2)) {
      // The clock stands still: no refill, so exactly the bucket's 100 tokens get through. A high
      // threshold keeps the peer from being banned here (that is the next test).
      ScorePolicy lenient =
          new ScorePolicy(ScorePolicy.DEFAULT.penalties(), 1_000_000, Duration.ofMinutes(10), 0);
      PeerTransport one = net.start(1);
      PeerTransport two = net.start(2, c -> withScoring(c, lenient));
      awaitLinked(one, two);
      for (int i = 0; i < 300; i++) {
        assertThat(one.send(2, bytes("frame " + i))).isTrue();
      }
      await(
          "all 300 frames seen",
          () -> two.stats().framesDelivered() + two.stats().framesRateLimited() == 300);
      assertThat(two.stats().framesDelivered()).isEqualTo(100);
      assertThat(net.in(2).frames).hasSize(100);
      assertThat(two.stats().framesRateLimited()).isEqualTo(200);
      assertThat(two.connectedPeers()).contains(1);
    }
  }

  @Test
  void floodLeadsToABanThatClosesTheStreamUntilTheBanEnds() {
    try (LoopbackNodes net = new LoopbackNodes(dir, 2)) {
      PeerTransport one = net.start(1);
      PeerTransport two = net.start(2);
      awaitLinked(one, two);
      for (int i = 0; i < 400; i++) {
        one.send(2, bytes("frame " + i));
      }
      await("peer 1 banned", () -> two.isBanned(1));
      await("stream closed", () -> !two.connectedPeers().contains(1));
      await("redial refused while banned", () -> two.stats().streamsRefused() >= 2);
      assertThat(two.connectedPeers()).doesNotContain(1);
      assertThat(one.connectedPeers()).doesNotContain(2);
      assertThat(two.stats().bans()).isEqualTo(1);
      assertThat(two.stats().framesDelivered()).isEqualTo(100);

      net.clock.advance(ScorePolicy.DEFAULT.banPeriod().plusSeconds(1));
      await("reconnected after the ban", () -> two.connectedPeers().contains(1));
      await("frames flow again", () -> one.send(2, bytes("hi")) && net.in(2).has(1, "hi"));
    }
  }

  @Test
  void reportedOffensesBanThePeerAndCloseItsStream() {
    try (LoopbackNodes net = new LoopbackNodes(dir, 3)) {
      for (int id = 1; id <= 3; id++) {
        net.start(id);
      }
      PeerTransport two = net.t(2);
      await("2 connected to 1 and 3", () -> two.connectedPeers().equals(Set.of(1, 3)));
      await("1 connected to 2", () -> net.t(1).connectedPeers().contains(2));
      two.reportOffense(3, Offense.FORGED);
      assertThat(two.isBanned(3)).isFalse();
      two.reportOffense(3, Offense.FORGED);
      assertThat(two.isBanned(3)).isTrue();
      await("3 disconnected", () -> !two.connectedPeers().contains(3));
      // 2 dials 3 but does not while 3 is banned; 3 is not allowed to dial 2.
      assertThat(two.send(3, bytes("to banned"))).isFalse();
      assertThat(two.connectedPeers()).isEqualTo(Set.of(1));
      assertThat(net.t(1).send(2, bytes("still fine"))).isTrue();
      await("1 still delivers", () -> net.in(2).has(1, "still fine"));
    }
  }

  @Test
  void killedPeerIsReconnectedAfterItComesBack() {
    try (LoopbackNodes net = new LoopbackNodes(dir, 2)) {
      PeerTransport one = net.start(1);
      PeerTransport two = net.start(2);
      awaitLinked(one, two);
      two.close();
      await("1 notices", () -> one.connectedPeers().isEmpty());
      long dialsBefore = one.stats().dials();
      await("1 keeps dialing", () -> one.stats().dials() >= dialsBefore + 2);

      PeerTransport again = net.start(2);
      await("reconnected", () -> one.connectedPeers().contains(2));
      await("2 sees 1", () -> again.connectedPeers().contains(1));
      assertThat(again.send(1, bytes("back"))).isTrue();
      assertThat(one.send(2, bytes("welcome"))).isTrue();
      await("2 -> 1", () -> net.in(1).has(2, "back"));
      await("1 -> 2", () -> net.in(2).has(1, "welcome"));
    }
  }

  /** Both ends registered the stream (the listener sees it before the dialer gets headers). */
  private static void awaitLinked(PeerTransport one, PeerTransport two) {
    await("1 and 2 connected", () -> one.connectedPeers().contains(2));
    await("2 and 1 connected", () -> two.connectedPeers().contains(1));
  }

  private static TransportConfig withPeers(
      TransportConfig c, TransportConfig.PeerEndpoint replacement) {
    return new TransportConfig(
        c.selfId(),
        c.listen(),
        c.tlsKey(),
        c.tlsCertificate(),
        c.peers().stream().map(p -> p.id() == replacement.id() ? replacement : p).toList(),
        c.limits(),
        c.backoff(),
        c.minConnectedPeers(),
        c.connectivityCheck());
  }

  private static TransportConfig withFrameCap(TransportConfig c, int cap) {
    TransportConfig.Limits l = c.limits();
    return c.withLimits(
        new TransportConfig.Limits(cap, l.rate(), l.scoring(), l.maxQueuedFrames()));
  }

  private static TransportConfig withScoring(TransportConfig c, ScorePolicy scoring) {
    TransportConfig.Limits l = c.limits();
    return c.withLimits(
        new TransportConfig.Limits(l.maxFrameBytes(), l.rate(), scoring, l.maxQueuedFrames()));
  }
}
