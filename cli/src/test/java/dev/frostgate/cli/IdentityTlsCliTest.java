package dev.frostgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frostgate.node.transport.CertificateFingerprint;
import dev.frostgate.node.transport.TlsCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code identity new} also makes the validator's TLS key and certificate, and names its pin. */
class IdentityTlsCliTest {

  @Test
  void writesTlsKeyAndCertificateBesideTheIdentityAndPrintsTheFingerprint(@TempDir Path dir)
      throws Exception {
    Path out = dir.resolve("id2.json");
    Cli.Run r = Cli.ok(identityNew(out, dir.resolve("id2-public.json")));
    Path key = dir.resolve("id2.tls.key");
    Path cert = dir.resolve("id2.tls.crt");
    assertThat(Files.getPosixFilePermissions(key))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    CertificateFingerprint pin = CertificateFingerprint.of(TlsCredentials.loadCertificate(cert));
    assertThat(r.out()).contains("TLS fingerprint  sha256:" + pin.sha256Hex());
    assertThat(TlsCredentials.load(key, cert).fingerprint()).isEqualTo(pin);

    // A second run never replaces the TLS files (nor the identity).
    byte[] before = Files.readAllBytes(key);
    Cli.Run again = Cli.fails(2, identityNew(out, dir.resolve("other.json")));
    assertThat(again.err()).contains("already exists");
    assertThat(Files.readAllBytes(key)).isEqualTo(before);
  }

  private static String[] identityNew(Path out, Path publicOut) {
    return new String[] {
      "identity",
      "new",
      "--id",
      "2",
      "--out",
      out.toString(),
      "--public-out",
      publicOut.toString(),
      "--insecure-plaintext"
    };
  }
}
