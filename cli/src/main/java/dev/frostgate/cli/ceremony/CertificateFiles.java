package dev.frostgate.cli.ceremony;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.CryptoException;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hash.Hashes;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Identity keys, the roster and the DKG certificate in files: a participant's BIP340 identity key
 * (secret) and its public identity file, the roster of everyone's pinned identity keys, a
 * participant's signature over the DKG transcript and group key, and the acceptance record that
 * closes a DKG.
 */
public final class CertificateFiles {
  public static final String IDENTITY = "frostgate/identity-key";
  public static final String IDENTITY_PUBLIC = "frostgate/identity-public";
  public static final String ROSTER = "frostgate/identity-roster";
  public static final String CERTIFICATE_SIGNATURE = "frostgate/dkg-certificate-signature";
  public static final String ACCEPTANCE = "frostgate/dkg-acceptance";

  private CertificateFiles() {}

  /** An identity key file, opened: the caller destroys {@code key}. */
  public record IdentityFile(
      Identifier identifier, SecretScalar key, Bip340PublicKey publicKey, String file) {
    /** A BIP340 signature with this identity key over a 32-byte digest. */
    public Bip340Signature sign(byte[] digest32) {
      byte[] aux = new byte[32];
      new SecureRandom().nextBytes(aux);
      return Bip340Signature.of(Secp256k1.signSchnorr(digest32, key, aux));
    }
  }

  /** A public identity file: who, which key, and a signature by that key (proof of possession). */
  public record PublicIdentity(Identifier identifier, Bip340PublicKey publicKey, String file) {}

  /** The roster: every participant's pinned x-only identity key, distinct keys. */
  public record Roster(SortedMap<Identifier, Bip340PublicKey> keys, String file) {
    /**
     * The pinned key of a participant.
     *
     * @throws CeremonyException if the roster has none
     */
    public Bip340PublicKey key(Identifier id) {
      Bip340PublicKey k = keys.get(id);
      if (k == null) {
        throw CeremonyException.badInput(
            file + ": field identities: has no identity key for participant " + id);
      }
      return k;
    }
  }

  public record CertificateSignatureFile(
      Identifier identifier,
      Bip340PublicKey identityKey,
      Hash32 transcriptHash,
      Point groupKey,
      Bip340Signature signature,
      String file) {}

  // ---- identity key ----

  public static void writeIdentity(
      Outputs out, Path p, Identifier id, SecretScalar key, SecretStore secrets) {
    ObjectNode n = CeremonyFile.newDocument(IDENTITY);
    FileFields.markSecret(n, "this validator's identity key", Custody.IDENTITY);
    FileFields.putId(n, "identifier", id);
    n.put("public_key", CeremonyFile.hex(key.publicPoint().xOnly()));
    ObjectNode s = CeremonyFile.newObject();
    FileFields.putSecret(s, "identity_key", key);
    out.writeSecret(p, n, s, secrets);
  }

  public static IdentityFile readIdentity(Path p, SecretStore secrets) {
    CeremonyFile f = CeremonyFile.readSecret(p, IDENTITY, secrets);
    Identifier id = f.identifier("identifier");
    Bip340PublicKey pub = Bip340PublicKey.of(f.hex("public_key", Bip340PublicKey.LENGTH));
    SecretScalar key = f.secret("identity_key");
    if (!pub.equals(Bip340PublicKey.of(key.publicPoint()))) {
      key.destroy();
      throw f.error("public_key", "does not match identity_key");
    }
    return new IdentityFile(id, key, pub, p.toString());
  }

  // ---- public identity ----

  private static byte[] possessionMessage(Identifier id, Bip340PublicKey publicKey) {
    return Hashes.taggedHash("Frostgate/identity-public/v1", id.toBytes(), publicKey.bytes());
  }

  public static void writePublicIdentity(Outputs out, Path p, IdentityFile id) {
    ObjectNode n = CeremonyFile.newDocument(IDENTITY_PUBLIC);
    n.put("secret", false);
    FileFields.putId(n, "identifier", id.identifier());
    n.put("public_key", CeremonyFile.hex(id.publicKey()));
    n.put(
        "proof_of_possession",
        CeremonyFile.hex(id.sign(possessionMessage(id.identifier(), id.publicKey()))));
    out.writePublic(p, n);
  }

  /** Reads a public identity file and checks its proof of possession. */
  public static PublicIdentity readPublicIdentity(Path p) {
    CeremonyFile f = CeremonyFile.read(p, IDENTITY_PUBLIC);
    Identifier id = f.identifier("identifier");
    Bip340PublicKey key = xOnlyKey(f, "public_key");
    Bip340Signature proof = f.signature("proof_of_possession");
    if (!Secp256k1.verifySchnorr(proof, possessionMessage(id, key), key)) {
      throw f.error(
          "proof_of_possession",
          "is not a signature by public_key over this identifier (file edited or forged)");
    }
    return new PublicIdentity(id, key, p.toString());
  }

  // ---- roster ----

  public static void writeRoster(Outputs out, Path p, SortedMap<Identifier, Bip340PublicKey> keys) {
    ObjectNode n = CeremonyFile.newDocument(ROSTER);
    n.put("secret", false);
    ObjectNode ids = n.putObject("identities");
    keys.forEach((id, k) -> ids.put(FileFields.idString(id), CeremonyFile.hex(k)));
    n.put("roster_hash", CeremonyFile.hex(rosterHash(keys)));
    out.writePublic(p, n);
  }

  /** A digest of the roster's content, for comparing rosters by voice or on paper. */
  public static Hash32 rosterHash(SortedMap<Identifier, Bip340PublicKey> keys) {
    java.util.List<byte[]> parts = new java.util.ArrayList<>();
    keys.forEach(
        (id, k) -> {
          parts.add(id.toBytes());
          parts.add(k.bytes());
        });
    return Hash32.of(
        Hashes.taggedHash("Frostgate/identity-roster/v1", parts.toArray(new byte[0][])));
  }

  /**
   * Reads a roster: {@code identities: {"1": "<x-only hex>", ...}}, every key a valid x-only key
   * and no key pinned for two participants.
   */
  public static Roster readRoster(Path p) {
    CeremonyFile f = CeremonyFile.read(p, ROSTER);
    SortedMap<Identifier, Bip340PublicKey> out = new TreeMap<>();
    Map<Bip340PublicKey, Identifier> seen = new HashMap<>();
    CeremonyFile ids = f.object("identities");
    for (String name : f.members("identities").keySet()) {
      Identifier id = FileFields.parseId(name);
      if (id == null) {
        throw f.error("identities." + name, "key is not a participant identifier");
      }
      Bip340PublicKey key = xOnlyKey(ids, name);
      Identifier twice = seen.put(key, id);
      if (twice != null) {
        throw f.error(
            "identities." + name,
            "is the identity key of participant "
                + twice
                + " too; every participant needs its own identity key");
      }
      out.put(id, key);
    }
    if (out.isEmpty()) {
      throw f.error("identities", "must not be empty");
    }
    if (f.has("roster_hash")) {
      FileFields.sameHash(
          f, "roster_hash", rosterHash(out), "the hash of this roster's identities");
    }
    return new Roster(out, p.toString());
  }

  private static Bip340PublicKey xOnlyKey(CeremonyFile f, String field) {
    byte[] key = f.hex(field, Bip340PublicKey.LENGTH);
    try {
      Point.liftX(key);
    } catch (CryptoException ex) {
      throw f.error(field, "not a valid x-only public key");
    }
    return Bip340PublicKey.of(key);
  }

  // ---- certificate ----

  public static void writeCertificateSignature(
      Outputs out,
      Path p,
      Identifier id,
      Bip340PublicKey identityKey,
      Hash32 transcriptHash,
      Point groupKey,
      Bip340Signature sig) {
    ObjectNode n = CeremonyFile.newDocument(CERTIFICATE_SIGNATURE);
    n.put("secret", false);
    FileFields.putId(n, "identifier", id);
    n.put("identity_public_key", CeremonyFile.hex(identityKey));
    n.put("transcript_hash", CeremonyFile.hex(transcriptHash));
    n.put("group_key", groupKey.toHex());
    n.put("signature", CeremonyFile.hex(sig));
    out.writePublic(p, n);
  }

  public static CertificateSignatureFile readCertificateSignature(Path p) {
    CeremonyFile f = CeremonyFile.read(p, CERTIFICATE_SIGNATURE);
    return new CertificateSignatureFile(
        f.identifier("identifier"),
        xOnlyKey(f, "identity_public_key"),
        f.hash32("transcript_hash"),
        f.point("group_key"),
        f.signature("signature"),
        p.toString());
  }

  public static void writeAcceptance(
      Outputs out,
      Path p,
      Hash32 transcriptHash,
      Point groupKey,
      byte[] outputKey,
      SortedMap<Identifier, Bip340PublicKey> identityKeys,
      SortedMap<Identifier, Bip340Signature> certificate,
      byte[] testSignature) {
    ObjectNode n = CeremonyFile.newDocument(ACCEPTANCE);
    n.put("secret", false);
    n.put("accepted", true);
    n.put("transcript_hash", CeremonyFile.hex(transcriptHash));
    n.put("group_key", groupKey.toHex());
    n.put("output_key", CeremonyFile.hex(outputKey));
    n.put("roster_hash", CeremonyFile.hex(rosterHash(identityKeys)));
    ObjectNode cert = n.putObject("certificate");
    certificate.forEach(
        (id, sig) -> {
          ObjectNode e = cert.putObject(FileFields.idString(id));
          e.put("identity_public_key", CeremonyFile.hex(identityKeys.get(id)));
          e.put("signature", CeremonyFile.hex(sig));
        });
    n.put("test_signature", CeremonyFile.hex(testSignature));
    out.writePublic(p, n);
  }
}
