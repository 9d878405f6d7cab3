package dev.frostgate.node.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frostgate.node.config.HostPort;
import dev.frostgate.node.config.ValidatorConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransportConfigTest {
  @TempDir Path dir;

  /** Validator 2 of 3 (threshold 2): peer 1 pinned by file, peer 3 by fingerprint. */
  private ValidatorConfig validatorConfig(CertificateFingerprint ownPin) {
    ValidatorConfig demo = ValidatorConfig.defaults(2);
    List<ValidatorConfig.Peer> peers = new ArrayList<>();
    TlsCredentials.generate(
        1, dir.resolve("1.key"), dir.resolve("1.crt"), new SecureRandom(), Instant.now());
    peers.add(
        new ValidatorConfig.Peer(
            1,
            new HostPort("10.0.0.1", 7001),
            ValidatorConfig.demoIdentityKey(1),
            new ValidatorConfig.TlsIdentity.CertificateFile(dir.resolve("1.crt"))));
    peers.add(
        new ValidatorConfig.Peer(
            2,
            new HostPort("10.0.0.2", 7002),
            ValidatorConfig.demoIdentityKey(2),
            new ValidatorConfig.TlsIdentity.Fingerprint(ownPin.sha256Hex())));
    peers.add(
        new ValidatorConfig.Peer(
            3,
            new HostPort("10.0.0.3", 7003),
            ValidatorConfig.demoIdentityKey(3),
            new ValidatorConfig.TlsIdentity.Fingerprint("ab".repeat(32))));
    return new ValidatorConfig(
        demo.validator(),
        new ValidatorConfig.Threshold("frost", demo.threshold().ciphersuite(), 3, 2),
        demo.keyStorage(),
        demo.bitcoin(),
        new ValidatorConfig.P2p(
            new HostPort("0.0.0.0", 7002), dir.resolve("2.key"), dir.resolve("2.crt")),
        peers,
        demo.timeouts(),
        demo.policy(),
        demo.spendLocks(),
        demo.monitoring(),
        demo.api());
  }

  @Test
  void fromValidatorConfigPinsEveryOtherPeerByFileOrFingerprint() {
    TlsCredentials own =
        TlsCredentials.generate(
            2, dir.resolve("2.key"), dir.resolve("2.crt"), new SecureRandom(), Instant.now());
    TransportConfig c =
        TransportConfig.from(
            validatorConfig(own.fingerprint()), dir.resolve("2.key"), dir.resolve("2.crt"));
    assertThat(c.selfId()).isEqualTo(2);
    assertThat(c.listen()).isEqualTo(new TransportConfig.Endpoint("0.0.0.0", 7002));
    assertThat(c.peers()).extracting(TransportConfig.PeerEndpoint::id).containsExactly(1, 3);
    assertThat(c.peer(1).orElseThrow().pin())
        .isEqualTo(CertificateFingerprint.of(TlsCredentials.loadCertificate(dir.resolve("1.crt"))));
    assertThat(c.peer(3).orElseThrow().pin().sha256Hex()).isEqualTo("ab".repeat(32));
    assertThat(c.peer(3).orElseThrow().address().toString()).isEqualTo("10.0.0.3:7003");
    assertThat(c.minConnectedPeers()).isEqualTo(1);
    assertThat(c.limits()).isEqualTo(TransportConfig.Limits.DEFAULT);
  }

  @Test
  void anOwnCertificateThatDoesNotMatchTheOwnPinIsRefused() {
    TlsCredentials.generate(
        2, dir.resolve("2.key"), dir.resolve("2.crt"), new SecureRandom(), Instant.now());
    CertificateFingerprint other =
        TlsCredentials.create(2, new SecureRandom(), Instant.now()).fingerprint();
    assertThatThrownBy(
            () ->
                TransportConfig.from(
                    validatorConfig(other), dir.resolve("2.key"), dir.resolve("2.crt")))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("2.crt")
        .hasMessageContaining("[[peers]] id 2 pins " + other);
  }

  @Test
  void twoPeersWithOnePinAreRefused() {
    CertificateFingerprint pin = new CertificateFingerprint("cd".repeat(32));
    var endpoint = new TransportConfig.Endpoint("127.0.0.1", 1);
    assertThatThrownBy(
            () ->
                new TransportConfig(
                    1,
                    endpoint,
                    dir.resolve("k"),
                    dir.resolve("c"),
                    List.of(
                        new TransportConfig.PeerEndpoint(2, endpoint, pin),
                        new TransportConfig.PeerEndpoint(3, endpoint, pin)),
                    TransportConfig.Limits.DEFAULT,
                    Backoff.DEFAULT,
                    1,
                    java.time.Duration.ofSeconds(1)))
        .hasMessageContaining("peer 3 has the same pinned certificate");
  }
}
