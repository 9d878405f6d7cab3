package dev.frostgate.crypto.frost;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** Test helper: one complete FROST signing among the given signers. */
public final class TestSigning {
  private TestSigning() {}

  public static Signature sign(
      PublicKeyPackage publicKeys, List<KeyPackage> signers, byte[] message, SecureRandom rnd) {
    List<SigningNonces> nonces = new ArrayList<>();
    for (KeyPackage k : signers) {
      nonces.add(Round1.commit(k, rnd));
    }
    SigningPackage pkg =
        SigningPackage.of(nonces.stream().map(SigningNonces::commitments).toList(), message);
    List<SignatureShare> shares = new ArrayList<>();
    for (int i = 0; i < signers.size(); i++) {
      shares.add(Round2.sign(pkg, nonces.get(i), signers.get(i)));
    }
    return Aggregator.aggregate(pkg, shares, publicKeys);
  }
}
