package dev.frostgate.crypto.frost.dkg;

import dev.frostgate.crypto.ec.Bip340PublicKey;
import dev.frostgate.crypto.ec.Bip340Signature;
import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.hash.Hash32;
import dev.frostgate.crypto.hash.Hashes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The DKG transcript certificate: every participant signs (BIP340, with its identity key) the
 * transcript hash and the resulting group key. A complete certificate proves that all participants
 * saw the same broadcasts and accepted the same key.
 */
public record DkgCertificate(
    Hash32 transcriptHash, Point groupKey, SortedMap<Identifier, Bip340Signature> signatures) {

  public DkgCertificate {
    Objects.requireNonNull(transcriptHash, "transcriptHash");
    Objects.requireNonNull(groupKey, "groupKey");
    signatures = Collections.unmodifiableSortedMap(new TreeMap<>(signatures));
  }

  /** The 32-byte digest each participant signs. */
  public static byte[] message(Hash32 transcriptHash, Point groupKey) {
    return Hashes.taggedHash(
        "Frostgate/dkg-certificate", transcriptHash.bytes(), groupKey.compressed());
  }

  /** One participant's signature over the certificate message. */
  public static Bip340Signature sign(
      Hash32 transcriptHash, Point groupKey, SecretScalar identityKey, byte[] auxRand) {
    return Bip340Signature.of(
        Secp256k1.signSchnorr(message(transcriptHash, groupKey), identityKey, auxRand));
  }

  public DkgCertificate with(Identifier signer, Bip340Signature signature) {
    TreeMap<Identifier, Bip340Signature> m = new TreeMap<>(signatures);
    m.put(signer, signature);
    return new DkgCertificate(transcriptHash, groupKey, m);
  }

  /**
   * Checks that every participant in {@code identityKeys} (x-only BIP340 keys) signed, and that
   * every signature verifies.
   *
   * @throws FrostException INVALID_CERTIFICATE naming the missing or invalid signers
   */
  public void verify(Map<Identifier, Bip340PublicKey> identityKeys) {
    byte[] msg = message(transcriptHash, groupKey);
    List<Identifier> bad = new ArrayList<>();
    for (var e : new TreeMap<>(identityKeys).entrySet()) {
      Bip340Signature sig = signatures.get(e.getKey());
      if (sig == null || !Secp256k1.verifySchnorr(sig, msg, e.getValue())) {
        bad.add(e.getKey());
      }
    }
    List<Identifier> unknown = new ArrayList<>(signatures.keySet());
    unknown.removeAll(identityKeys.keySet());
    if (!bad.isEmpty() || !unknown.isEmpty()) {
      throw new FrostException(
          FrostException.Kind.INVALID_CERTIFICATE,
          "DKG certificate: missing or invalid signature(s) from "
              + bad
              + (unknown.isEmpty() ? "" : ", signatures from unknown participant(s) " + unknown),
          bad);
    }
  }
}
