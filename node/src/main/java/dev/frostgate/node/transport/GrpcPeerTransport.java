package dev.frostgate.node.transport;

import dev.frostgate.node.logging.LogContext;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSsl;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** {@link PeerTransport} on grpc-java with Netty (shaded) and pinned mutual TLS. */
final class GrpcPeerTransport implements PeerTransport {
  private static final Logger log = LoggerFactory.getLogger(GrpcPeerTransport.class);

  /** A dead peer is noticed within about keepalive time + timeout even without a TCP reset. */
  private static final Duration KEEPALIVE = Duration.ofSeconds(20);

  private static final Duration KEEPALIVE_TIMEOUT = Duration.ofSeconds(10);

  private final TransportConfig config;
  private final Inbound inbound;
  private final PeerGuard guard;
  private final RandomGenerator jitter;
  private final TlsCredentials credentials;
  private final PinnedTrustManager clientPins;
  private final ScheduledExecutorService scheduler;
  // gRPC's callbacks (inbound frames, stream events) run here rather than on gRPC's shared pool,
  // so that their log lines, and the runtime's code they call, carry this validator's id.
  private final ExecutorService callbacks;
  private final Map<Integer, PeerLink> links = new ConcurrentHashMap<>();
  private final Map<Integer, Dialer> dialers = new HashMap<>();
  // Peers whose incompatible wire version was logged on their current connection.
  private final Set<Integer> incompatibleLogged = ConcurrentHashMap.newKeySet();
  private final Server server;
  private volatile boolean closed;

  private final LongAdder delivered = new LongAdder();
  private final LongAdder rateLimited = new LongAdder();
  private final LongAdder fromBanned = new LongAdder();
  private final LongAdder oversized = new LongAdder();
  private final LongAdder certificatesRefused = new LongAdder();
  private final LongAdder streamsRefused = new LongAdder();
  private final LongAdder bans = new LongAdder();
  private final LongAdder dials = new LongAdder();
  private final LongAdder sendsDropped = new LongAdder();

  private GrpcPeerTransport(
      TransportConfig config,
      Inbound inbound,
      InstantSource clock,
      RandomGenerator jitter,
      PeerBans bans) {
    this.config = config;
    this.inbound = inbound;
    this.jitter = jitter;
    this.guard = new PeerGuard(config.limits().rate(), config.limits().scoring(), clock, bans);
    this.credentials = TlsCredentials.load(config.tlsKey(), config.tlsCertificate());
    Map<CertificateFingerprint, Integer> pins = new HashMap<>();
    config.peers().forEach(p -> pins.put(p.pin(), p.id()));
    this.clientPins = PinnedTrustManager.forClients(pins, certificatesRefused::increment);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            withValidatorId(config.selfId(), "frostgate-transport-"));
    this.callbacks =
        Executors.newCachedThreadPool(withValidatorId(config.selfId(), "frostgate-grpc-"));
    this.server = bind();
  }

  /** Daemon threads named {@code prefix + n} that log with {@code validator} in the MDC. */
  private static ThreadFactory withValidatorId(int validator, String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Runnable withId =
          () -> {
            try (MDC.MDCCloseable id = LogContext.validator(validator)) {
              r.run();
            }
          };
      Thread t = new Thread(withId, prefix + validator + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  static GrpcPeerTransport start(
      TransportConfig config,
      Inbound inbound,
      InstantSource clock,
      RandomGenerator jitter,
      PeerBans bans) {
    GrpcPeerTransport transport = new GrpcPeerTransport(config, inbound, clock, jitter, bans);
    transport.begin();
    return transport;
  }

  private Server bind() {
    TransportConfig.Endpoint listen = config.listen();
    try {
      SslContext ssl =
          GrpcSslContexts.configure(
                  SslContextBuilder.forServer(credentials.privateKey(), credentials.certificate())
                      .trustManager(clientPins)
                      .clientAuth(ClientAuth.REQUIRE))
              .build();
      ServerStreamTracer.Factory sizeWatch =
          new ServerStreamTracer.Factory() {
            @Override
            public ServerStreamTracer newServerStreamTracer(String method, Metadata headers) {
              return new OversizeWatch();
            }
          };
      return NettyServerBuilder.forAddress(new InetSocketAddress(listen.host(), listen.port()))
          .sslContext(ssl)
          .maxInboundMessageSize(config.limits().maxFrameBytes())
          .permitKeepAliveTime(KEEPALIVE.toSeconds() / 2, TimeUnit.SECONDS)
          .permitKeepAliveWithoutCalls(true)
          .addStreamTracerFactory(sizeWatch)
          .executor(callbacks)
          .addService(FrameMethod.service(new Acceptor()))
          .build()
          .start();
    } catch (IOException e) {
      throw new TransportException(
          "validator "
              + config.selfId()
              + " cannot listen on "
              + listen
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  private void begin() {
    for (TransportConfig.PeerEndpoint peer : config.peers()) {
      if (peer.id() > config.selfId()) {
        Dialer dialer = new Dialer(peer);
        dialers.put(peer.id(), dialer);
        dialer.dial();
      }
    }
    long every = config.connectivityCheck().toMillis();
    scheduler.scheduleAtFixedRate(this::checkConnectivity, every, every, TimeUnit.MILLISECONDS);
    log.info(
        "validator {}: transport listening on {}:{} (TLS: {}), certificate {}, dialing {} of {}"
            + " peers",
        config.selfId(),
        config.listen().host(),
        server.getPort(),
        OpenSsl.isAvailable() ? "bundled BoringSSL" : "JDK",
        credentials.fingerprint(),
        dialers.size(),
        config.peers().size());
  }

  // --- API -----------------------------------------------------------------------------------

  @Override
  public int port() {
    return server.getPort();
  }

  @Override
  public boolean send(int peerId, byte[] frame) {
    if (frame.length > config.limits().maxFrameBytes()) {
      throw new IllegalArgumentException(
          "frame of "
              + frame.length
              + " bytes is over the "
              + config.limits().maxFrameBytes()
              + "-byte cap");
    }
    PeerLink link = links.get(peerId);
    if (link == null || !link.send(frame)) {
      sendsDropped.increment();
      return false;
    }
    return true;
  }

  @Override
  public int broadcast(byte[] frame) {
    int sent = 0;
    for (int peerId : connectedPeers()) {
      if (send(peerId, frame)) {
        sent++;
      }
    }
    return sent;
  }

  @Override
  public Set<Integer> connectedPeers() {
    return Set.copyOf(links.keySet());
  }

  @Override
  public void reportOffense(int peerId, Offense offense) {
    reportOffense(peerId, offense, "");
  }

  @Override
  public void reportOffense(int peerId, Offense offense, String detail) {
    if (config.peer(peerId).isEmpty()) {
      throw new IllegalArgumentException("no peer " + peerId);
    }
    if (offense == Offense.INCOMPATIBLE_VERSION && incompatibleLogged.add(peerId)) {
      log.warn(
          "validator {}: peer {} is incompatible ({}); its envelopes are refused until it runs a"
              + " compatible version",
          config.selfId(),
          peerId,
          detail.isEmpty() ? "wire version" : detail);
    } else {
      log.debug("validator {}: peer {} offense {} {}", config.selfId(), peerId, offense, detail);
    }
    if (guard.report(peerId, offense)) {
      banned(peerId, offense);
    }
  }

  @Override
  public boolean isBanned(int peerId) {
    return guard.isBanned(peerId);
  }

  /** The peer's current score (tests and diagnostics). */
  PeerScore score(int peerId) {
    return guard.score(peerId);
  }

  @Override
  public TransportStats stats() {
    return new TransportStats(
        delivered.sum(),
        rateLimited.sum(),
        fromBanned.sum(),
        oversized.sum(),
        certificatesRefused.sum(),
        streamsRefused.sum(),
        bans.sum(),
        dials.sum(),
        sendsDropped.sum());
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    scheduler.shutdownNow();
    synchronized (dialers) {
      dialers.values().forEach(Dialer::stop);
    }
    links.values().forEach(l -> l.close(Status.UNAVAILABLE.withDescription("shutting down")));
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    callbacks.shutdown();
    log.info("validator {}: transport closed", config.selfId());
  }

  // --- inbound frames, bans ------------------------------------------------------------------

  /** One inbound frame through the ban check and the token bucket; then asks for the next one. */
  private void receive(PeerLink link, byte[] frame) {
    if (link.isClosed()) {
      return;
    }
    int peer = link.peerId;
    switch (guard.admit(peer)) {
      case ADMIT -> {
        delivered.increment();
        try {
          inbound.onFrame(peer, frame);
        } catch (RuntimeException e) {
          log.error(
              "validator {}: inbound handler failed on a frame of peer {}",
              config.selfId(),
              peer,
              e);
        }
      }
      case DROP_BANNED -> {
        fromBanned.increment();
        link.close(Status.PERMISSION_DENIED.withDescription("banned"));
        disconnected(link);
      }
      case DROP_RATE_LIMITED -> rateLimited.increment();
      case DROP_AND_BAN -> {
        rateLimited.increment();
        banned(peer, Offense.RATE_LIMITED);
      }
    }
    link.requestNext();
  }

  private void oversized(int peer) {
    oversized.increment();
    log.warn(
        "validator {}: peer {} sent a frame over the {}-byte cap; its stream is closed",
        config.selfId(),
        peer,
        config.limits().maxFrameBytes());
    reportOffense(peer, Offense.OVERSIZED);
  }

  private void banned(int peer, Offense last) {
    bans.increment();
    log.warn(
        "validator {}: banning peer {} for {} (score {} after {}); its stream is closed",
        config.selfId(),
        peer,
        config.limits().scoring().banPeriod(),
        (long) guard.score(peer).points(),
        last);
    PeerLink link = links.get(peer);
    if (link != null) {
      link.close(Status.PERMISSION_DENIED.withDescription("banned"));
      disconnected(link);
    }
  }

  private void connected(PeerLink link) {
    PeerLink old = links.put(link.peerId, link);
    if (old != null && old != link) {
      old.close(Status.CANCELLED.withDescription("replaced by a newer stream"));
      return;
    }
    incompatibleLogged.remove(link.peerId);
    log.info("validator {}: peer {} connected", config.selfId(), link.peerId);
    inbound.onConnected(link.peerId);
  }

  private void disconnected(PeerLink link) {
    if (links.remove(link.peerId, link)) {
      log.info("validator {}: peer {} disconnected", config.selfId(), link.peerId);
      inbound.onDisconnected(link.peerId);
    }
  }

  private void checkConnectivity() {
    Set<Integer> up = connectedPeers();
    if (up.size() < config.minConnectedPeers()) {
      Set<Integer> missing = new TreeSet<>();
      config.peers().forEach(p -> missing.add(p.id()));
      missing.removeAll(up);
      log.warn(
          "validator {}: only {} of {} peers connected, fewer than the {} needed; missing {}",
          config.selfId(),
          up.size(),
          config.peers().size(),
          config.minConnectedPeers(),
          missing);
    }
  }

  private Optional<Integer> identify(SSLSession session) {
    if (session == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
        return clientPins.peerOf(leaf);
      }
      return Optional.empty();
    } catch (SSLPeerUnverifiedException e) {
      return Optional.empty();
    }
  }

  // --- the listener --------------------------------------------------------------------------

  /** Accepts streams from lower-id peers, identified by their pinned client certificate. */
  private final class Acceptor implements ServerCallHandler<byte[], byte[]> {
    @Override
    public ServerCall.Listener<byte[]> startCall(
        ServerCall<byte[], byte[]> call, Metadata headers) {
      Optional<Integer> identified =
          identify(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
      if (identified.isEmpty()) {
        return refuse(call, Status.UNAUTHENTICATED, "no pinned client certificate");
      }
      int peer = identified.get();
      if (peer > config.selfId()) {
        log.warn(
            "validator {}: refused a stream from peer {}: the lower id dials (check its config)",
            config.selfId(),
            peer);
        return refuse(call, Status.FAILED_PRECONDITION, "the lower validator id dials");
      }
      if (guard.isBanned(peer)) {
        log.debug("validator {}: refused a stream from banned peer {}", config.selfId(), peer);
        return refuse(call, Status.PERMISSION_DENIED, "banned");
      }
      PeerLink link = PeerLink.accepted(peer, config.limits().maxQueuedFrames(), call);
      call.sendHeaders(new Metadata());
      connected(link);
      link.requestNext();
      return new ServerCall.Listener<>() {
        @Override
        public void onMessage(byte[] frame) {
          receive(link, frame);
        }

        @Override
        public void onReady() {
          link.onReady();
        }

        @Override
        public void onHalfClose() {
          link.close(Status.OK);
          disconnected(link);
        }

        @Override
        public void onCancel() {
          link.close(Status.CANCELLED);
          disconnected(link);
        }

        @Override
        public void onComplete() {
          disconnected(link);
        }
      };
    }

    private ServerCall.Listener<byte[]> refuse(
        ServerCall<byte[], byte[]> call, Status status, String why) {
      streamsRefused.increment();
      call.close(status.withDescription(why), new Metadata());
      return new ServerCall.Listener<>() {};
    }
  }

  /**
   * gRPC refuses an inbound message over the size cap in its deframer, before buffering it, and
   * closes the stream with RESOURCE_EXHAUSTED; the call's listener only sees a cancel. The stream
   * tracer sees the status, so the offense is scored here, against the peer the TLS session names.
   */
  private final class OversizeWatch extends ServerStreamTracer {
    private volatile Optional<Integer> peer = Optional.empty();

    @Override
    public void serverCallStarted(ServerCallInfo<?, ?> callInfo) {
      peer = identify(callInfo.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
    }

    @Override
    public void streamClosed(Status status) {
      if (status.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
        peer.ifPresent(GrpcPeerTransport.this::oversized);
      }
    }
  }

  // --- the dialer ----------------------------------------------------------------------------

  /** Keeps one stream to a higher-id peer up: dial, and after every failure wait per backoff. */
  private final class Dialer {
    private final TransportConfig.PeerEndpoint peer;
    private final SslContext ssl;
    private int failures;
    private PeerLink current;
    private ScheduledFuture<?> retry;

    Dialer(TransportConfig.PeerEndpoint peer) {
      this.peer = peer;
      try {
        this.ssl =
            GrpcSslContexts.forClient()
                .keyManager(credentials.privateKey(), credentials.certificate())
                .trustManager(
                    PinnedTrustManager.forServer(
                        peer.id(), peer.pin(), certificatesRefused::increment))
                .build();
      } catch (IOException e) {
        throw new TransportException("cannot set up TLS for peer " + peer.id(), e);
      }
    }

    synchronized void dial() {
      if (closed) {
        return;
      }
      if (guard.isBanned(peer.id())) {
        retryLater();
        return;
      }
      dials.increment();
      ManagedChannel channel =
          NettyChannelBuilder.forAddress(peer.address().host(), peer.address().port())
              .sslContext(ssl)
              .maxInboundMessageSize(config.limits().maxFrameBytes())
              .keepAliveTime(KEEPALIVE.toSeconds(), TimeUnit.SECONDS)
              .keepAliveTimeout(KEEPALIVE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
              .keepAliveWithoutCalls(true)
              .executor(callbacks)
              .build();
      ClientCall<byte[], byte[]> call = channel.newCall(FrameMethod.EXCHANGE, CallOptions.DEFAULT);
      PeerLink link = PeerLink.dialed(peer.id(), config.limits().maxQueuedFrames(), call, channel);
      current = link;
      call.start(
          new ClientCall.Listener<>() {
            @Override
            public void onHeaders(Metadata headers) {
              synchronized (Dialer.this) {
                failures = 0;
              }
              connected(link);
            }

            @Override
            public void onMessage(byte[] frame) {
              receive(link, frame);
            }

            @Override
            public void onReady() {
              link.onReady();
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
              channel.shutdownNow();
              link.close(status);
              disconnected(link);
              if (status.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                oversized(peer.id());
              } else if (!closed) {
                log.debug(
                    "validator {}: stream to peer {} at {} ended: {} {}",
                    config.selfId(),
                    peer.id(),
                    peer.address(),
                    status.getCode(),
                    status.getDescription());
              }
              synchronized (Dialer.this) {
                retryLater();
              }
            }
          },
          new Metadata());
      link.requestNext();
    }

    /** Called holding this dialer's lock. */
    private void retryLater() {
      if (closed) {
        return;
      }
      Duration delay;
      synchronized (jitter) {
        delay = config.backoff().delay(failures, jitter);
      }
      failures++;
      try {
        retry = scheduler.schedule(this::dial, delay.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException shuttingDown) {
        // close() stopped the scheduler
      }
    }

    synchronized void stop() {
      if (retry != null) {
        retry.cancel(false);
      }
      if (current != null) {
        current.close(Status.UNAVAILABLE.withDescription("shutting down"));
      }
    }
  }
}
