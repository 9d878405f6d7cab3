package dev.frostgate.node.ceremony;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Identifier;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Identity keys and the DKG certificate in files: a participant's BIP340 identity key (secret), its
 * signature over the DKG transcript and group key, and the acceptance record that closes a DKG.
 */
public final class CertificateFiles {
  public static final String IDENTITY = "frostgate/identity-key";
  public static final String ROSTER = "frostgate/identity-roster";
  public static final String CERTIFICATE_SIGNATURE = "frostgate/dkg-certificate-signature";
  public static final String ACCEPTANCE = "frostgate/dkg-acceptance";

  private CertificateFiles() {}

  public record IdentityFile(SecretScalar key, byte[] publicKey, String file) {}

  public record CertificateSignatureFile(
      Identifier identifier,
      byte[] identityKey,
      byte[] transcriptHash,
      Point groupKey,
      byte[] signature,
      String file) {}

  public static void writeIdentity(Path p, SecretScalar key) {
    ObjectNode n = CeremonyFile.newDocument(IDENTITY);
    FileFields.markSecret(n, "this validator's identity key");
    FileFields.putSecret(n, "identity_key", key);
    n.put("public_key", CeremonyFile.hex(key.publicPoint().xOnly()));
    CeremonyFile.write(p, n, true);
  }

  public static IdentityFile readIdentity(Path p) {
    CeremonyFile f = CeremonyFile.read(p, IDENTITY);
    SecretScalar key = f.secret("identity_key");
    byte[] pub = f.hex("public_key", 32);
    if (!java.util.Arrays.equals(pub, key.publicPoint().xOnly())) {
      key.destroy();
      throw f.error("public_key", "does not match identity_key (corrupted file?)");
    }
    return new IdentityFile(key, pub, p.toString());
  }

  public static void writeCertificateSignature(
      Path p,
      Identifier id,
      byte[] identityKey,
      byte[] transcriptHash,
      Point groupKey,
      byte[] sig) {
    ObjectNode n = CeremonyFile.newDocument(CERTIFICATE_SIGNATURE);
    n.put("secret", false);
    FileFields.putId(n, "identifier", id);
    n.put("identity_public_key", CeremonyFile.hex(identityKey));
    n.put("transcript_hash", CeremonyFile.hex(transcriptHash));
    n.put("group_key", groupKey.toHex());
    n.put("signature", CeremonyFile.hex(sig));
    CeremonyFile.write(p, n, false);
  }

  public static CertificateSignatureFile readCertificateSignature(Path p) {
    CeremonyFile f = CeremonyFile.read(p, CERTIFICATE_SIGNATURE);
    return new CertificateSignatureFile(
        f.identifier("identifier"),
        f.hex("identity_public_key", 32),
        f.hex("transcript_hash", 32),
        f.point("group_key"),
        f.hex("signature", 64),
        p.toString());
  }

  /** A roster of pinned identity keys: {@code identities: {"1": "<x-only hex>", ...}}. */
  public static SortedMap<Identifier, byte[]> readRoster(Path p) {
    CeremonyFile f = CeremonyFile.read(p, ROSTER);
    SortedMap<Identifier, byte[]> out = new TreeMap<>();
    for (Map.Entry<String, CeremonyFile> e : f.members("identities").entrySet()) {
      Identifier id = FileFields.parseId(e.getKey());
      if (id == null) {
        throw f.error("identities." + e.getKey(), "key is not a participant identifier");
      }
      byte[] key = f.object("identities").hex(e.getKey(), 32);
      try {
        Point.liftX(key);
      } catch (CryptoException ex) {
        throw f.error("identities." + e.getKey(), "not a valid x-only public key");
      }
      out.put(id, key);
    }
    return out;
  }

  public static void writeAcceptance(
      Path p,
      byte[] transcriptHash,
      Point groupKey,
      byte[] outputKey,
      SortedMap<Identifier, byte[]> identityKeys,
      SortedMap<Identifier, byte[]> certificate,
      byte[] testSignature) {
    ObjectNode n = CeremonyFile.newDocument(ACCEPTANCE);
    n.put("secret", false);
    n.put("accepted", true);
    n.put("transcript_hash", CeremonyFile.hex(transcriptHash));
    n.put("group_key", groupKey.toHex());
    n.put("output_key", CeremonyFile.hex(outputKey));
    ObjectNode cert = n.putObject("certificate");
    certificate.forEach(
        (id, sig) -> {
          ObjectNode e = cert.putObject(FileFields.idString(id));
          e.put("identity_public_key", CeremonyFile.hex(identityKeys.get(id)));
          e.put("signature", CeremonyFile.hex(sig));
        });
    n.put("test_signature", CeremonyFile.hex(testSignature));
    CeremonyFile.write(p, n, false);
  }
}
