package dev.frostgate.node.transport;

import dev.frostgate.node.keystore.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A validator's TLS identity for the peer transport: an ECDSA P-256 private key and its self-signed
 * certificate (the bundled TLS engine of grpc-netty-shaded handles P-256; Ed25519 certificates do
 * not work there). Peers pin the certificate by {@link CertificateFingerprint}; no CA is involved,
 * so the certificate's names and validity dates carry no meaning.
 *
 * <p>{@link #toString} never shows the key.
 */
public final class TlsCredentials {
  /** How long a generated certificate is valid; pinning, not dates, decides trust. */
  public static final Duration VALIDITY = Duration.ofDays(20 * 366);

  private final PrivateKey privateKey;
  private final X509Certificate certificate;

  private TlsCredentials(PrivateKey privateKey, X509Certificate certificate) {
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    this.certificate = Objects.requireNonNull(certificate, "certificate");
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public CertificateFingerprint fingerprint() {
    return CertificateFingerprint.of(certificate);
  }

  /**
   * Generates a P-256 key and a self-signed certificate for validator {@code validatorId} and
   * writes them as PEM files: the key (PKCS#8) with owner-only permissions, the certificate beside
   * it. Each file is written atomically and never replaces an existing one.
   *
   * @param now the certificate's notBefore (minus one day, for clocks that lag)
   * @throws TransportException if a file exists or cannot be written; nothing is replaced
   */
  public static TlsCredentials generate(
      int validatorId, Path keyFile, Path certificateFile, SecureRandom random, Instant now) {
    TlsCredentials created = create(validatorId, random, now);
    if (Files.exists(keyFile) || Files.exists(certificateFile)) {
      throw new TransportException(
          "will not replace an existing TLS key or certificate: "
              + (Files.exists(keyFile) ? keyFile : certificateFile));
    }
    byte[] pkcs8 = created.privateKey.getEncoded();
    byte[] keyPem = pem("PRIVATE KEY", pkcs8);
    try {
      AtomicFiles.writeNew(keyFile, keyPem);
      AtomicFiles.writeNew(certificateFile, pem("CERTIFICATE", created.certificate.getEncoded()));
    } catch (FileAlreadyExistsException e) {
      throw new TransportException("will not replace existing file " + e.getFile());
    } catch (GeneralSecurityException e) {
      throw new TransportException("cannot encode the generated certificate", e);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
      Arrays.fill(keyPem, (byte) 0);
    }
    return created;
  }

  /** A fresh key and self-signed certificate in memory (tests, and {@link #generate}). */
  public static TlsCredentials create(int validatorId, SecureRandom random, Instant now) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair pair = generator.generateKeyPair();
      X500Name name = new X500Name("CN=frostgate validator " + validatorId);
      Instant notBefore = now.minus(Duration.ofDays(1));
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              name,
              new BigInteger(127, random).add(BigInteger.ONE),
              Date.from(notBefore),
              Date.from(notBefore.plus(VALIDITY)),
              name,
              pair.getPublic());
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      X509CertificateHolder holder =
          builder.build(
              new JcaContentSignerBuilder("SHA256withECDSA")
                  .setSecureRandom(random)
                  .build(pair.getPrivate()));
      return new TlsCredentials(pair.getPrivate(), parseCertificate(holder.getEncoded(), "new"));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new TransportException("cannot generate a TLS certificate", e);
    }
  }

  /**
   * Reads a PKCS#8 PEM private key (P-256) and a PEM certificate, and checks that they belong
   * together.
   *
   * @throws TransportException naming the file that is missing, unreadable or malformed
   */
  public static TlsCredentials load(Path keyFile, Path certificateFile) {
    X509Certificate certificate = loadCertificate(certificateFile);
    byte[] keyPem = read(keyFile, "TLS key");
    byte[] der = null;
    try {
      der = pemBody(keyPem, "PRIVATE KEY", keyFile);
      PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
      if (!(key instanceof ECPrivateKey ec)
          || ec.getParams().getCurve().getField().getFieldSize() != 256) {
        throw new TransportException("TLS key " + keyFile + " is not an ECDSA P-256 key");
      }
      if (!matches(key, certificate)) {
        throw new TransportException(
            "TLS key " + keyFile + " does not belong to certificate " + certificateFile);
      }
      return new TlsCredentials(key, certificate);
    } catch (GeneralSecurityException e) {
      throw new TransportException("TLS key " + keyFile + " is not a PKCS#8 EC private key");
    } finally {
      Arrays.fill(keyPem, (byte) 0);
      if (der != null) {
        Arrays.fill(der, (byte) 0);
      }
    }
  }

  /**
   * Reads a PEM (or DER) X.509 certificate.
   *
   * @throws TransportException naming the file
   */
  public static X509Certificate loadCertificate(Path certificateFile) {
    return parseCertificate(read(certificateFile, "TLS certificate"), certificateFile.toString());
  }

  private static boolean matches(PrivateKey key, X509Certificate certificate)
      throws GeneralSecurityException {
    byte[] probe = "frostgate tls key check".getBytes(StandardCharsets.US_ASCII);
    java.security.Signature signer = java.security.Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(probe);
    byte[] signature = signer.sign();
    java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(probe);
    return verifier.verify(signature);
  }

  private static X509Certificate parseCertificate(byte[] bytes, String where) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(bytes));
    } catch (CertificateException | ClassCastException e) {
      throw new TransportException("TLS certificate " + where + " is not an X.509 certificate");
    }
  }

  private static byte[] read(Path file, String what) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TransportException(
          what + " " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static byte[] pemBody(byte[] pem, String label, Path file) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new TransportException(file + " holds no PEM block '" + label + "'");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new TransportException(file + ": the PEM block '" + label + "' is not valid base64");
    }
  }

  /** PEM without an intermediate String, so the key's base64 can be cleared by the caller. */
  private static byte[] pem(String label, byte[] der) {
    byte[] head = ("-----BEGIN " + label + "-----\n").getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\n-----END " + label + "-----\n").getBytes(StandardCharsets.US_ASCII);
    byte[] body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encode(der);
    byte[] out = new byte[head.length + body.length + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(body, 0, out, head.length, body.length);
    System.arraycopy(tail, 0, out, head.length + body.length, tail.length);
    Arrays.fill(body, (byte) 0);
    return out;
  }

  @Override
  public String toString() {
    return "TlsCredentials[certificate " + fingerprint() + "]";
  }
}
