package dev.frostgate.crypto.frost.dkg;

import dev.frostgate.crypto.ec.Point;
import dev.frostgate.crypto.ec.Secp256k1;
import dev.frostgate.crypto.ec.SecretScalar;
import dev.frostgate.crypto.frost.FrostException;
import dev.frostgate.crypto.frost.Identifier;
import dev.frostgate.crypto.hash.Hashes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The DKG transcript certificate: every participant signs (BIP340, with its identity key) the
 * transcript hash and the resulting group key. A complete certificate proves that all participants
 * saw the same broadcasts and accepted the same key.
 */
public record DkgCertificate(
    byte[] transcriptHash, Point groupKey, SortedMap<Identifier, byte[]> signatures) {

  public DkgCertificate {
    transcriptHash = transcriptHash.clone();
    signatures = Collections.unmodifiableSortedMap(new TreeMap<>(signatures));
  }

  /** The 32-byte digest each participant signs. */
  public static byte[] message(byte[] transcriptHash, Point groupKey) {
    return Hashes.taggedHash("Frostgate/dkg-certificate", transcriptHash, groupKey.compressed());
  }

  /** One participant's signature over the certificate message. */
  public static byte[] sign(
      byte[] transcriptHash, Point groupKey, SecretScalar identityKey, byte[] auxRand) {
    return Secp256k1.signSchnorr(message(transcriptHash, groupKey), identityKey, auxRand);
  }

  public DkgCertificate with(Identifier signer, byte[] signature) {
    TreeMap<Identifier, byte[]> m = new TreeMap<>(signatures);
    m.put(signer, signature.clone());
    return new DkgCertificate(transcriptHash, groupKey, m);
  }

  /**
   * Checks that every participant in {@code identityKeys} (x-only BIP340 keys) signed, and that
   * every signature verifies.
   *
   * @throws FrostException INVALID_CERTIFICATE naming the missing or invalid signers
   */
  public void verify(Map<Identifier, byte[]> identityKeys) {
    byte[] msg = message(transcriptHash, groupKey);
    List<Identifier> bad = new ArrayList<>();
    for (var e : new TreeMap<>(identityKeys).entrySet()) {
      byte[] sig = signatures.get(e.getKey());
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

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DkgCertificate c)) {
      return false;
    }
    if (!Arrays.equals(c.transcriptHash, transcriptHash) || !c.groupKey.equals(groupKey)) {
      return false;
    }
    if (!c.signatures.keySet().equals(signatures.keySet())) {
      return false;
    }
    for (var e : signatures.entrySet()) {
      if (!Arrays.equals(e.getValue(), c.signatures.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(transcriptHash) * 31 + groupKey.hashCode();
  }
}
