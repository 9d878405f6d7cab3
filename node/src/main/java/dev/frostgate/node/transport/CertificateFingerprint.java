package dev.frostgate.node.transport;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 of a DER-encoded X.509 certificate, as 64 lowercase hex digits: what a peer's TLS
 * certificate is pinned by (no CA, no host name). The same form as {@code sha256:<hex>} in {@code
 * config.toml}.
 */
public record CertificateFingerprint(String sha256Hex) {
  public CertificateFingerprint {
    if (sha256Hex == null || !sha256Hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "a certificate fingerprint must be 64 lowercase hex digits (SHA-256 of the DER"
              + " certificate)");
    }
  }

  /** The fingerprint of a certificate's DER encoding. */
  public static CertificateFingerprint of(X509Certificate certificate) {
    try {
      return ofDer(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be DER-encoded", e);
    }
  }

  /** The fingerprint of DER certificate bytes. */
  public static CertificateFingerprint ofDer(byte[] der) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
      return new CertificateFingerprint(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * Parses {@code sha256:<64 hex>} or the bare hex digits (either case).
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  public static CertificateFingerprint parse(String text) {
    String s = text.trim();
    if (s.regionMatches(true, 0, "sha256:", 0, 7)) {
      s = s.substring(7);
    }
    return new CertificateFingerprint(s.toLowerCase(Locale.ROOT));
  }

  /** {@code sha256:<hex>}, the form config files use. */
  @Override
  public String toString() {
    return "sha256:" + sha256Hex;
  }
}
