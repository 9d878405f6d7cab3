package dev.frostgate.node.transport;

import dev.frostgate.node.config.ValidatorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the peer transport needs: who this validator is, where it listens, its TLS key and
 * certificate, every other validator (address and pinned certificate fingerprint), and the limits.
 * {@link #from} builds one from {@code config.toml}'s {@link ValidatorConfig}.
 *
 * @param selfId this validator's id
 * @param listen where to accept peers (port 0 picks a free port)
 * @param peers every other validator; this one is not among them
 * @param minConnectedPeers below this many connected peers the transport logs a warning
 * @param connectivityCheck how often that is checked
 */
public record TransportConfig(
    int selfId,
    Endpoint listen,
    Path tlsKey,
    Path tlsCertificate,
    List<PeerEndpoint> peers,
    Limits limits,
    Backoff backoff,
    int minConnectedPeers,
    Duration connectivityCheck) {

  /** A TCP endpoint; port 0 only makes sense for {@link TransportConfig#listen}. */
  public record Endpoint(String host, int port) {
    public Endpoint {
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host is empty");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
      }
    }

    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** Another validator: its id, where it listens and the fingerprint its certificate must have. */
  public record PeerEndpoint(int id, Endpoint address, CertificateFingerprint pin) {
    public PeerEndpoint {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(pin, "pin");
    }
  }

  /**
   * Per-peer limits (spec 8.3).
   *
   * @param maxFrameBytes inbound frames above this are refused before they are buffered, and sends
   *     above it are rejected
   * @param rate the token bucket every inbound frame takes a token from
   * @param scoring what offenses cost and when a peer is banned
   * @param maxQueuedFrames frames held per peer while its stream is not ready for more; beyond
   *     that, sends to it are dropped (the engine retransmits what matters)
   */
  public record Limits(
      int maxFrameBytes, TokenBucket.Rate rate, ScorePolicy scoring, int maxQueuedFrames) {
    /** 1 MiB frames, the spec's 100-token bucket refilled at 10/s, 1024 queued frames. */
    public static final Limits DEFAULT =
        new Limits(1 << 20, TokenBucket.Rate.DEFAULT, ScorePolicy.DEFAULT, 1024);

    public Limits {
      Objects.requireNonNull(rate, "rate");
      Objects.requireNonNull(scoring, "scoring");
      if (maxFrameBytes < 1) {
        throw new IllegalArgumentException("maxFrameBytes must be >= 1, got " + maxFrameBytes);
      }
      if (maxQueuedFrames < 0) {
        throw new IllegalArgumentException("maxQueuedFrames must be >= 0");
      }
    }
  }

  public TransportConfig {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(tlsKey, "tlsKey");
    Objects.requireNonNull(tlsCertificate, "tlsCertificate");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(connectivityCheck, "connectivityCheck");
    peers = List.copyOf(peers);
    Set<Integer> ids = new HashSet<>();
    Set<CertificateFingerprint> pins = new HashSet<>();
    for (PeerEndpoint peer : peers) {
      if (peer.id() == selfId) {
        throw new IllegalArgumentException(
            "peers must not include this validator (" + selfId + ")");
      }
      if (!ids.add(peer.id())) {
        throw new IllegalArgumentException("duplicate peer id " + peer.id());
      }
      if (!pins.add(peer.pin())) {
        throw new IllegalArgumentException(
            "peer " + peer.id() + " has the same pinned certificate as another peer");
      }
    }
    if (minConnectedPeers < 0 || minConnectedPeers > peers.size()) {
      throw new IllegalArgumentException(
          "minConnectedPeers must be in [0, " + peers.size() + "], got " + minConnectedPeers);
    }
    if (connectivityCheck.isNegative() || connectivityCheck.isZero()) {
      throw new IllegalArgumentException("connectivityCheck must be positive");
    }
  }

  public Optional<PeerEndpoint> peer(int id) {
    return peers.stream().filter(p -> p.id() == id).findFirst();
  }

  public TransportConfig withLimits(Limits newLimits) {
    return new TransportConfig(
        selfId,
        listen,
        tlsKey,
        tlsCertificate,
        peers,
        newLimits,
        backoff,
        minConnectedPeers,
        connectivityCheck);
  }

  /**
   * The transport of the validator that {@code config} describes, with default limits and backoff.
   * Peers pinned by certificate file are read and fingerprinted here. A validator needs t−1 others
   * to sign, so fewer than {@code threshold − 1} connected peers is warned about.
   *
   * @throws TransportException if a pinned certificate file cannot be read, or this validator's own
   *     pin (its {@code [[peers]]} entry) does not match {@code tlsCertificate}
   */
  public static TransportConfig from(ValidatorConfig config, Path tlsKey, Path tlsCertificate) {
    int self = config.validator().id();
    CertificateFingerprint own =
        CertificateFingerprint.of(TlsCredentials.loadCertificate(tlsCertificate));
    CertificateFingerprint ownPin = pin(config.self());
    if (!own.equals(ownPin)) {
      throw new TransportException(
          "TLS certificate "
              + tlsCertificate
              + " has fingerprint "
              + own
              + ", but [[peers]] id "
              + self
              + " pins "
              + ownPin);
    }
    List<PeerEndpoint> peers =
        config.peers().stream()
            .filter(p -> p.id() != self)
            .map(
                p ->
                    new PeerEndpoint(
                        p.id(), new Endpoint(p.address().host(), p.address().port()), pin(p)))
            .toList();
    var listen = config.network().listen();
    return new TransportConfig(
        self,
        new Endpoint(listen.host(), listen.port()),
        tlsKey,
        tlsCertificate,
        peers,
        Limits.DEFAULT,
        Backoff.DEFAULT,
        Math.min(peers.size(), Math.max(0, config.threshold().threshold() - 1)),
        Duration.ofSeconds(30));
  }

  private static CertificateFingerprint pin(ValidatorConfig.Peer peer) {
    return switch (peer.tls()) {
      case ValidatorConfig.TlsIdentity.Fingerprint f -> new CertificateFingerprint(f.sha256Hex());
      case ValidatorConfig.TlsIdentity.CertificateFile file ->
          CertificateFingerprint.of(TlsCredentials.loadCertificate(file.path()));
    };
  }
}
