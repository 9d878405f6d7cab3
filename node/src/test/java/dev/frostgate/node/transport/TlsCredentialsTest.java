package dev.frostgate.node.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsCredentialsTest {
  @TempDir Path dir;

  @Test
  void generatesAnOwnerOnlyP256KeyAndACertificateThatLoadBack() throws Exception {
    Path key = dir.resolve("tls.key");
    Path cert = dir.resolve("tls.crt");
    TlsCredentials made = TlsCredentials.generate(4, key, cert, new SecureRandom(), Instant.now());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.readString(cert)).startsWith("-----BEGIN CERTIFICATE-----\n");

    TlsCredentials loaded = TlsCredentials.load(key, cert);
    assertThat(loaded.fingerprint()).isEqualTo(made.fingerprint());
    assertThat(
            ((ECPublicKey) loaded.certificate().getPublicKey())
                .getParams()
                .getCurve()
                .getField()
                .getFieldSize())
        .isEqualTo(256);
    assertThat(loaded.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(loaded.toString())
        .doesNotContain("PRIVATE")
        .contains(made.fingerprint().sha256Hex());
  }

  @Test
  void neverReplacesExistingFiles() {
    Path key = dir.resolve("tls.key");
    Path cert = dir.resolve("tls.crt");
    TlsCredentials.generate(1, key, cert, new SecureRandom(), Instant.now());
    assertThatThrownBy(
            () -> TlsCredentials.generate(1, key, cert, new SecureRandom(), Instant.now()))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("will not replace");
  }

  @Test
  void aKeyOfAnotherCertificateIsRefusedNamingTheFiles() {
    TlsCredentials.generate(
        1, dir.resolve("a.key"), dir.resolve("a.crt"), new SecureRandom(), Instant.now());
    TlsCredentials.generate(
        2, dir.resolve("b.key"), dir.resolve("b.crt"), new SecureRandom(), Instant.now());
    assertThatThrownBy(() -> TlsCredentials.load(dir.resolve("a.key"), dir.resolve("b.crt")))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("a.key")
        .hasMessageContaining("does not belong to certificate");
  }

  @Test
  void malformedAndMissingFilesAreNamed() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.crt"), "not a certificate");
    assertThatThrownBy(() -> TlsCredentials.loadCertificate(junk))
        .hasMessageContaining("junk.crt")
        .hasMessageContaining("not an X.509 certificate");
    assertThatThrownBy(() -> TlsCredentials.loadCertificate(dir.resolve("missing.crt")))
        .hasMessageContaining("missing.crt")
        .hasMessageContaining("cannot be read");
    TlsCredentials.generate(
        1, dir.resolve("a.key"), dir.resolve("a.crt"), new SecureRandom(), Instant.now());
    Path badKey =
        Files.writeString(
            dir.resolve("bad.key"),
            "-----BEGIN PRIVATE KEY-----\n!!\n" + "-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> TlsCredentials.load(badKey, dir.resolve("a.crt")))
        .hasMessageContaining("bad.key");
  }

  @Test
  void fingerprintsParseInTheConfigFormAndPrintBackTheSame() {
    CertificateFingerprint f =
        TlsCredentials.create(1, new SecureRandom(), Instant.now()).fingerprint();
    assertThat(CertificateFingerprint.parse(f.toString())).isEqualTo(f);
    assertThat(CertificateFingerprint.parse(f.sha256Hex().toUpperCase())).isEqualTo(f);
    assertThatThrownBy(() -> CertificateFingerprint.parse("sha256:abcd"))
        .hasMessageContaining("64 lowercase hex digits");
  }
}
