package dev.frostgate.node.transport;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trusts a TLS peer only if the SHA-256 fingerprint of its leaf certificate is pinned: no CA, no
 * chain building, no host name or date check (a pinned self-signed certificate is the whole
 * identity). An {@link X509ExtendedTrustManager}, so the JDK does not wrap it in its own host-name
 * checking.
 *
 * <p>One instance per direction: a dialer pins exactly the peer it dials ({@link #forServer}); the
 * listener accepts any configured peer ({@link #forClients}) and learns which one from the
 * fingerprint after the handshake.
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {
  private static final Logger log = LoggerFactory.getLogger(PinnedTrustManager.class);
  private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

  private final Map<CertificateFingerprint, Integer> pins;
  private final String expected;
  private final Runnable onRefused;

  private PinnedTrustManager(
      Map<CertificateFingerprint, Integer> pins, String expected, Runnable onRefused) {
    this.pins = Map.copyOf(pins);
    this.expected = expected;
    this.onRefused = onRefused;
  }

  /** For dialing peer {@code peerId}: only its pinned certificate is accepted. */
  static PinnedTrustManager forServer(int peerId, CertificateFingerprint pin, Runnable onRefused) {
    return new PinnedTrustManager(
        Map.of(pin, peerId), "peer " + peerId + " (pinned " + pin + ")", onRefused);
  }

  /** For the listener: any of the pinned peer certificates is accepted. */
  static PinnedTrustManager forClients(
      Map<CertificateFingerprint, Integer> pins, Runnable onRefused) {
    return new PinnedTrustManager(
        pins, "the pinned certificate of one of peers " + new TreeSet<>(pins.values()), onRefused);
  }

  /** The peer a certificate is pinned for, if any. */
  Optional<Integer> peerOf(X509Certificate certificate) {
    return Optional.ofNullable(pins.get(CertificateFingerprint.of(certificate)));
  }

  private void check(X509Certificate[] chain, String direction, String remote)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      onRefused.run();
      log.warn("TLS {} {} presented no certificate; expected {}", direction, remote, expected);
      throw new CertificateException("no certificate presented");
    }
    CertificateFingerprint presented = CertificateFingerprint.of(chain[0]);
    if (!pins.containsKey(presented)) {
      onRefused.run();
      log.warn(
          "TLS {} {} refused: it presented certificate {}, expected {}",
          direction,
          remote,
          presented,
          expected);
      throw new CertificateException("certificate " + presented + " is not pinned");
    }
  }

  private static String remote(SSLEngine engine) {
    // A listener's engine does not know the client's address (gRPC creates it before accepting).
    return engine == null || engine.getPeerHost() == null
        ? "(inbound connection)"
        : engine.getPeerHost() + ":" + engine.getPeerPort();
  }

  private static String remote(Socket socket) {
    return socket == null ? "(unknown address)" : String.valueOf(socket.getRemoteSocketAddress());
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, "client", remote(engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, "server", remote(engine));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, "client", remote(socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, "server", remote(socket));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, "client", "(unknown address)");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, "server", "(unknown address)");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    // No CA: a client is not told which issuers we accept.
    return NO_ISSUERS;
  }
}
