package dev.frostgate.testkit.crypto;

import dev.frostgate.crypto.frost.Aggregator;
import dev.frostgate.crypto.frost.KeyPackage;
import dev.frostgate.crypto.frost.PublicKeyPackage;
import dev.frostgate.crypto.frost.Round1;
import dev.frostgate.crypto.frost.Round2;
import dev.frostgate.crypto.frost.Signature;
import dev.frostgate.crypto.frost.SignatureShare;
import dev.frostgate.crypto.frost.SigningNonces;
import dev.frostgate.crypto.frost.SigningPackage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * One complete FROST signing with every signer in this process: round 1, round 2 and aggregation
 * (which verifies the signature, and the shares only if it is invalid). For the demo, tests and
 * benchmarks; validators run the same steps over the network.
 */
public final class InProcessSigning {
  private InProcessSigning() {}

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
